import { useRef, useState } from 'react'
import type { TicketStats } from '@contract/ticket'
import { callCloud } from '../../services/cloud'
import { useCloudQuery } from '../../hooks/useCloudQuery'

export const STATS_SPANS = [4, 8, 12, 26] as const

/** 服务统计 over the last few Beijing weeks; another span asks again, keeping the figures on screen until it arrives. */
export function useTicketStats() {
  const [weeks, setWeeks] = useState<number>(8)
  const asked = useRef(weeks)
  const stats = useCloudQuery<TicketStats>(() => callCloud('ticket', 'stats', { weeks: asked.current }))
  return {
    ...stats,
    weeks,
    setWeeks(next: number) {
      asked.current = next
      setWeeks(next)
      return stats.reload()
    },
  }
}
