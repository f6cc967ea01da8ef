import Taro from '@tarojs/taro'
import type { RedeemResult, Reward } from '@contract/rewards'
import { formatPoints } from '@contract/format'

/** What the member agrees to before points are spent. */
export async function askToRedeem(reward: Reward): Promise<boolean> {
  const { confirm } = await Taro.showModal({
    title: '确认兑换',
    content: `使用 ${formatPoints(reward.pointsCost)} 积分兑换「${reward.name}」？`,
    confirmText: '兑换',
    confirmColor: '#c8963e',
  })
  return confirm
}

export async function showRedeemed(result: RedeemResult): Promise<void> {
  await Taro.showModal({ title: '兑换成功', content: `兑换码 ${result.code}\n到店出示兑换码或二维码，由店员核销即可领取`, showCancel: false, confirmText: '知道了', confirmColor: '#c8963e' })
}

/** The button's word for a reward: why it cannot be redeemed, or 兑换. */
export function redeemLabel(reward: Reward, balance: number): { label: string; possible: boolean } {
  if (reward.stock <= 0) return { label: '已兑完', possible: false }
  if (reward.pointsCost > balance) return { label: '积分不足', possible: false }
  return { label: '兑换', possible: true }
}

export const rewardPageUrl = (reward: Reward) => `/points/pages/reward/index?id=${encodeURIComponent(reward.id)}`
const MY_REDEMPTIONS_URL = '/points/pages/rewards/index?section=mine'
/** Said by a reward's page after a redemption, so the catalogue it came from turns to 我的兑换. */
export const REDEEMED_EVENT = 'rewards:redeemed'

/** From a reward's page to the new code: back to the catalogue it was opened from, or, opened from a link, to a fresh one. */
export async function showMyRedemptions(): Promise<void> {
  if (Taro.getCurrentPages().length < 2) return void (await Taro.redirectTo({ url: MY_REDEMPTIONS_URL }))
  Taro.eventCenter.trigger(REDEEMED_EVENT)
  await Taro.navigateBack()
}
