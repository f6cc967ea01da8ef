import Taro from '@tarojs/taro'
import type { ActivityDetail, SignupResult } from '@contract/activity'
import { formatPoints } from '@contract/format'

export const detailPath = (activityId: string) => `/activity/pages/detail/index?id=${encodeURIComponent(activityId)}`

/** What a shared activity opens: its page, marked as arriving from a share. */
export function shareOf(detail: ActivityDetail | undefined, activityId: string) {
  return { title: detail?.title ?? '门店活动', path: `${detailPath(activityId)}&share=1`, ...(detail?.coverUrl ? { imageUrl: detail.coverUrl } : {}) }
}

export function showSignedUp(result: SignupResult): void {
  const mine = result.activity.mine
  const title = mine?.status === 'waitlisted' ? `已加入候补，第 ${mine.position ?? '-'} 位` : '报名成功'
  void Taro.showToast({ title, icon: mine?.status === 'waitlisted' ? 'none' : 'success' })
}

export async function askToCancel(detail: ActivityDetail): Promise<boolean> {
  const paid = detail.mine?.pointsPaid ?? 0
  const { confirm } = await Taro.showModal({
    title: '取消报名',
    content: `确定取消「${detail.title}」的报名吗？${paid > 0 ? `已使用的 ${formatPoints(paid)} 积分将退还。` : ''}`,
    confirmText: '取消报名',
    cancelText: '再想想',
    confirmColor: '#c8963e',
  })
  return confirm
}
