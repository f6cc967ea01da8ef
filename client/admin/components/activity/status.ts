import type { ActivityPhase, ActivityStatus } from '@contract/activity'

type Tone = 'draft' | 'live' | 'off'

/** How staff read an activity's state: 草稿, 已发布 (进行中 while it runs), 已取消, 已结束. */
export function statusOf(activity: { status: ActivityStatus; phase: ActivityPhase }): { label: string; tone: Tone } {
  switch (activity.status) {
    case 'draft':
      return { label: '草稿', tone: 'draft' }
    case 'cancelled':
      return { label: '已取消', tone: 'off' }
    case 'closed':
      return { label: '已结束', tone: 'off' }
    case 'published':
      if (activity.phase === 'ended') return { label: '已结束', tone: 'off' }
      return { label: activity.phase === 'ongoing' ? '进行中' : '已发布', tone: 'live' }
    default: {
      const unknown: never = activity.status
      return { label: String(unknown), tone: 'off' }
    }
  }
}
