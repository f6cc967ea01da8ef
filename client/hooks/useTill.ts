import type { AccrualResult, PayWithPointsResult, RefundResult } from '@contract/points'
import type { ConfirmResult, RedeemResult, Reward } from '@contract/rewards'
import { callCloud } from '../services/cloud'
import { useAttemptId } from './useAttemptId'
import { useMemberLookup } from './useMemberLookup'

/** The store this till belongs to: build-time `TARO_APP_STORE_ID` (config/index.ts), else the demo shop. */
export const STORE_ID = HUIYUAN_STORE_ID

/**
 * The till: the member in front of the cashier (scanned live code) and what can be done for them.
 * Each call updates the balance shown from the server's answer.
 */
export function useTill() {
  const lookup = useMemberLookup()
  const redeemAttempt = useAttemptId()
  const memberCode = lookup.found?.memberCode ?? ''

  async function accrue(orderNo: string, amount: number): Promise<AccrualResult> {
    const result = await callCloud('points', 'accrue', { memberCode, storeId: STORE_ID, orderNo, amount })
    lookup.setBalance(result.pointsBalance)
    return result
  }

  async function payWithPoints(orderNo: string, orderAmount: number, points: number): Promise<PayWithPointsResult> {
    const result = await callCloud('points', 'payWithPoints', { memberCode, storeId: STORE_ID, orderNo, orderAmount, points })
    lookup.setBalance(result.pointsBalance)
    return result
  }

  /** Keyed by card number, not the live code: a rescan (the code refreshes every minute) is still the same attempt. */
  async function redeemAtTill(reward: Reward): Promise<RedeemResult> {
    const requestId = redeemAttempt.idFor(`${lookup.member?.cardNo}:${reward.id}`)
    const result = await callCloud('rewards', 'redeemAtTill', { rewardId: reward.id, requestId, memberCode })
    redeemAttempt.settle()
    lookup.setBalance(result.pointsBalance)
    return result
  }

  function confirm(code: string): Promise<ConfirmResult> {
    return callCloud('rewards', 'confirm', { code })
  }

  function refund(orderNo: string, refundId: string, amount: number): Promise<RefundResult> {
    return callCloud('points', 'refund', { storeId: STORE_ID, orderNo, refundId, amount })
  }

  return { member: lookup.member, scanned: lookup.found !== null, scan: lookup.byScan, scanning: lookup.busy, clear: lookup.clear, accrue, payWithPoints, redeemAtTill, confirm, refund }
}

export type Till = ReturnType<typeof useTill>
