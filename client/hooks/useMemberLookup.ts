import { useState } from 'react'
import { normalizeCode } from '@contract/staffFields'
import type { MemberLookup } from '@contract/member'
import { callCloud } from '../services/cloud'
import { scanMemberCode } from '../services/scan'
import { useSubmit } from './useSubmit'

export interface FoundMember {
  /** The member as staff see them, with the shop's points-as-cash rule at the time of the lookup. */
  view: MemberLookup
  /** The live code the member showed, when found by scanning; the till needs it for accrual. */
  memberCode: string | null
}

/** Staff find a member by scanning their live code or typing their card number. */
export function useMemberLookup() {
  const [found, setFound] = useState<FoundMember | null>(null)
  const submit = useSubmit()

  async function byCardNo(cardText: string): Promise<void> {
    const cardNo = normalizeCode(cardText)
    const view = await submit.run(() => callCloud('member', 'lookup', { cardNo }))
    if (view) setFound({ view, memberCode: null })
  }

  async function byScan(): Promise<void> {
    const memberCode = await scanMemberCode()
    if (!memberCode) return
    const view = await submit.run(() => callCloud('member', 'lookup', { memberCode }))
    if (view) setFound({ view, memberCode })
  }

  function setBalance(pointsBalance: number): void {
    setFound((current) => current && { ...current, view: { ...current.view, pointsBalance } })
  }

  return { found, member: found?.view ?? null, byCardNo, byScan, setBalance, clear: () => setFound(null), busy: submit.busy, fieldErrors: submit.fieldErrors }
}
