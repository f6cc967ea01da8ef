import type { RedeemResult, Reward } from '@contract/rewards'
import { callCloud } from '../services/cloud'
import { useAttemptId } from './useAttemptId'
import { useMemberLookup } from './useMemberLookup'

/** The store this till belongs to: build-time `TARO_APP_STORE_ID` (config/index.ts), else the demo shop. */
export const STORE_ID = HUIYUAN_STORE_ID

/**
 * The till: the member in front of the cashier (their scanned live code) and the actions for them.
 * Each call updates the balance shown from the server's answer.
 */
export function useTill() {
  const lookup = useMemberLookup()
  const redeemAttempt = useAttemptId()
  const memberCode = lookup.found?.memberCode ?? ''

  /** Keyed by card number, not the live code: a rescan (the code refreshes every minute) is still the same attempt. */
  async function redeemAtTill(reward: Reward): Promise<RedeemResult> {
    const requestId = redeemAttempt.idFor(`${lookup.member?.cardNo}:${reward.id}`)
    const result = await callCloud('rewards', 'redeemAtTill', { rewardId: reward.id, requestId, memberCode })
    redeemAttempt.settle()
    lookup.setBalance(result.pointsBalance)
    return result
  }

  return {
    member: lookup.member,
    memberCode,
    scan: lookup.byScan,
    scanning: lookup.busy,
    clear: lookup.clear,
    setBalance: lookup.setBalance,
    redeemAtTill,
  }
}

export type Till = ReturnType<typeof useTill>
