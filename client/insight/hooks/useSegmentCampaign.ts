import { useRef, useState } from 'react'
import type { SegmentFilter } from '@contract/marketingFields'
import { callCloud } from '../../services/cloud'
import { openPage } from '../../services/navigate'
import { toastError } from '../../hooks/useSubmit'

/**
 * One tap from a figure to a campaign: the saved segment of exactly that filter (made under the
 * name given if the shop has none yet), then a new campaign for it. `busy` names the tap in flight.
 */
export function useSegmentCampaign() {
  const [busy, setBusy] = useState<string | null>(null)
  const inFlight = useRef(false)

  async function start(key: string, name: string, filter: SegmentFilter) {
    if (inFlight.current) return
    inFlight.current = true
    setBusy(key)
    try {
      const segment = await callCloud('marketing', 'segmentFor', { name, filter })
      await openPage(`/marketing/pages/campaign/index?segmentId=${encodeURIComponent(segment.id)}`)
    } catch (error) {
      toastError(error)
    } finally {
      inFlight.current = false
      setBusy(null)
    }
  }

  return { busy, start }
}
