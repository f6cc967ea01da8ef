import { useEffect, useState } from 'react'

/** The phone's time, moved on every half minute, so countdowns to a promised time keep counting on an open screen. */
export function useTicketClock(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
  return now
}
