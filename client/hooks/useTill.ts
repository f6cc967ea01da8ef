import type { RedeemResult, Reward } from '@contract/rewards'
import { callCloud } from '../services/cloud'
import { useAttemptId } from './useAttemptId'
import { useMemberLookup } from './useMemberLookup'

/**
 * The store a till records when its staff member has none (whoami's storeId is null): build-time
 * `TARO_APP_STORE_ID` (config/index.ts), else the demo shop.
 */
export const STORE_ID = HUIYUAN_STORE_ID

/**
 * The till: the member in front of the cashier (their scanned live code) and the actions for them,
 * recorded as the cashier's store. Each call updates the balance shown from the server's answer.
 */
export function useTill(staffStoreId: string | null = null) {
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
    storeId: staffStoreId ?? STORE_ID,
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
