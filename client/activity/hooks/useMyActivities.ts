import type { MyActivity } from '@contract/activity'
import { useCloudQuery } from '../../hooks/useCloudQuery'
import { callCloud } from '../../services/cloud'

export type SignupTone = 'on' | 'wait' | 'done' | 'off'

/** 已报名 / 候补第 N 位 / 已签到 / 已取消 / 已结束: one label for where a signup stands. */
export function signupLabel({ activity, signup }: MyActivity): { text: string; tone: SignupTone } {
  if (signup.checkedInAt) return { text: '已签到', tone: 'done' }
  if (activity.status === 'cancelled') return { text: '活动已取消', tone: 'off' }
  if (signup.status === 'cancelled') return { text: '已取消', tone: 'off' }
  if (activity.phase === 'ended') return { text: '已结束', tone: 'off' }
  if (signup.status === 'waitlisted') return { text: `候补第 ${signup.position ?? '-'} 位`, tone: 'wait' }
  return { text: '已报名', tone: 'on' }
}

/** Still on (a seat, a place in the queue, checked in at one under way), soonest first; everything else, latest first. */
export function groupMine(entries: readonly MyActivity[]): { coming: MyActivity[]; past: MyActivity[] } {
  const standing = (entry: MyActivity) => entry.signup.status !== 'cancelled' && entry.activity.status !== 'cancelled' && entry.activity.phase !== 'ended'
  const byStart = (a: MyActivity, b: MyActivity) => a.activity.startAt.localeCompare(b.activity.startAt)
  return {
    coming: entries.filter(standing).sort(byStart),
    past: entries.filter((entry) => !standing(entry)).sort((a, b) => byStart(b, a)),
  }
}

/** The caller's own signups. */
export function useMyActivities() {
  return useCloudQuery(() => callCloud('activity', 'mine', {}))
}
