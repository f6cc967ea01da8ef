import { useRef, useState } from 'react'
import type { CheckInResult, Roster } from '@contract/activity'
import { callCloud } from '../../services/cloud'
import { scanMemberCode } from '../../services/scan'
import { useCloudQuery } from '../../hooks/useCloudQuery'
import { asCloudError, describeError } from '../../hooks/useSubmit'

export type CheckInOutcome = { kind: 'checkedIn'; result: CheckInResult } | { kind: 'refused'; message: string }

/**
 * Checking members in at one activity: scan a live code, send it, and keep the answer for the
 * result card. A refusal (未报名, 候补中, 已签到, 不在签到时间) is the server's own message. The
 * running count is the roster's, refreshed after every check-in, so two phones at the door agree.
 */
export function useCheckIn(activityId: string) {
  const counts = useCloudQuery<Roster['counts']>(async () => (await callCloud('activity', 'roster', { activityId, view: 'checkedIn' })).counts)
  const [outcome, setOutcome] = useState<CheckInOutcome | null>(null)
  const [busy, setBusy] = useState(false)
  const [checkedInHere, setCheckedInHere] = useState(0)
  const inFlight = useRef(false)

  async function scanAndCheckIn(): Promise<void> {
    if (inFlight.current) return
    inFlight.current = true
    setBusy(true)
    try {
      const memberCode = await scanMemberCode()
      if (!memberCode) return
      setOutcome(null)
      try {
        const result = await callCloud('activity', 'checkIn', { activityId, memberCode })
        setOutcome({ kind: 'checkedIn', result })
        setCheckedInHere((count) => count + 1)
        void counts.reload()
      } catch (error) {
        setOutcome({ kind: 'refused', message: describeError(asCloudError(error)) })
      }
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }

  return { counts, outcome, busy, checkedInHere, scanAndCheckIn }
}
