import { fromShopDateTime, toShopDateTime } from '../cloudfunctions/shared/contract/activityFields'
import { activityKeys, newSignup, type ActivityDoc, type SignupDoc } from '../cloudfunctions/shared/domain/activity'

const DAY_MS = 24 * 60 * 60 * 1000
const HOUR_MS = 60 * 60 * 1000

/** A points movement a demo signup made: the cost of a signup (negative) or attendance points. */
export interface DemoActivityMovement {
  kind: 'activity'
  daysAgo: number
  key: string
  delta: number
  reason: string
}

interface DemoSignup {
  openid: string
  status: SignupDoc['status']
  signedUpDaysAgo: number
  checkedIn?: boolean
  rating?: { score: number; comment: string }
}

/**
 * The demo's three activities, one of each of the seed's types: 新品发布会 past, with check-ins, a
 * no-show, ratings and the members' purchases either side of it; 会员专属折扣 coming up, full, with
 * one member waiting; 主题派对 open, with a points cost, attendance points and a priority window.
 */
export function demoActivities(now: Date) {
  /** `days` from today at `time`, Beijing time. */
  const on = (days: number, time: string) => fromShopDateTime(`${toShopDateTime(new Date(now.getTime() + days * DAY_MS)).slice(0, 10)} ${time}`)!
  const activities: ActivityDoc[] = []
  const signups: SignupDoc[] = []
  const movements = new Map<string, DemoActivityMovement[]>()

  const add = (
    fields: Omit<
      ActivityDoc,
      | 'status'
      | 'confirmed'
      | 'queue'
      | 'publishedAt'
      | 'cancelledAt'
      | 'cancelReason'
      | 'closedAt'
      | 'settledAt'
      | 'createdAt'
      | 'createdBy'
      | 'updatedAt'
      | 'signupOpensAt'
      | 'signupClosesAt'
      | 'cancelCutoffAt'
    > & { opensDaysBefore: number },
    people: DemoSignup[],
  ) => {
    const { opensDaysBefore, ...rest } = fields
    const start = new Date(rest.startAt)
    const createdAt = new Date(start.getTime() - (opensDaysBefore + 2) * DAY_MS)
    const confirmed = people.filter((person) => person.status === 'confirmed')
    const queue = people.filter((person) => person.status === 'waitlisted').map((person) => person.openid)
    const ended = now >= new Date(rest.endAt)
    activities.push({
      ...rest,
      signupOpensAt: new Date(start.getTime() - opensDaysBefore * DAY_MS),
      signupClosesAt: new Date(start.getTime() - HOUR_MS),
      cancelCutoffAt: new Date(start.getTime() - DAY_MS),
      status: ended ? 'closed' : 'published',
      confirmed: confirmed.length,
      queue,
      publishedAt: createdAt,
      cancelledAt: null,
      cancelReason: null,
      closedAt: ended ? new Date(new Date(rest.endAt).getTime() + HOUR_MS) : null,
      settledAt: null,
      createdAt,
      createdBy: 'demo-owner',
      updatedAt: createdAt,
    })
    for (const person of people) {
      const signedUpAt = new Date(now.getTime() - person.signedUpDaysAgo * DAY_MS)
      const checkedInAt = person.checkedIn ? new Date(start.getTime() - 10 * 60_000) : null
      const signup = newSignup(rest._id, person.openid, { status: person.status === 'waitlisted' ? 'waitlisted' : 'confirmed', round: 1, at: signedUpAt, pointsPaid: rest.pointsCost })
      signups.push({
        ...signup,
        checkedInAt,
        checkedInBy: checkedInAt ? 'demo-cashier' : null,
        rating: person.rating && checkedInAt ? { ...person.rating, at: new Date(new Date(rest.endAt).getTime() + HOUR_MS) } : null,
        // Past the reminders' time: they went out.
        reminded: ended ? 2 : 0,
      })

      const own = movements.get(person.openid) ?? []
      if (rest.pointsCost > 0)
        own.push({ kind: 'activity', daysAgo: person.signedUpDaysAgo, key: activityKeys.cost(rest._id, person.openid, 1), delta: -rest.pointsCost, reason: `活动报名 ${rest.title}` })
      if (checkedInAt && rest.attendancePoints > 0)
        own.push({
          kind: 'activity',
          daysAgo: (now.getTime() - checkedInAt.getTime()) / DAY_MS,
          key: activityKeys.attend(rest._id, person.openid),
          delta: rest.attendancePoints,
          reason: `活动签到 ${rest.title}`,
        })
      movements.set(person.openid, own)
    }
  }

  add(
    {
      _id: 'act-demo-launch',
      title: '秋冬新品发布会',
      type: 'launch',
      coverFileId: null,
      description: '咖啡师现场讲解秋冬季节限定的三款新品，并提供免费品鉴。到场签到即可参与抽奖。',
      place: '会员通示范店 二楼',
      startAt: on(-15, '19:00'),
      endAt: on(-15, '21:00'),
      capacity: 20,
      waitlist: true,
      minTier: 'regular',
      priorityHours: 0,
      attendancePoints: 0,
      pointsCost: 0,
      opensDaysBefore: 10,
    },
    [
      { openid: 'demo-member-gold', status: 'confirmed', signedUpDaysAgo: 22, checkedIn: true, rating: { score: 5, comment: '新品很惊艳，讲解也专业，下次还来' } },
      { openid: 'demo-member-silver', status: 'confirmed', signedUpDaysAgo: 21, checkedIn: true, rating: { score: 4, comment: '环境不错，就是人有点多' } },
      { openid: 'demo-member-diamond', status: 'confirmed', signedUpDaysAgo: 20, checkedIn: true, rating: { score: 5, comment: '' } },
      { openid: 'demo-member-regular', status: 'confirmed', signedUpDaysAgo: 19 },
    ],
  )
  add(
    {
      _id: 'act-demo-sale',
      title: '会员专享折扣夜',
      type: 'memberSale',
      coverFileId: null,
      description: '当晚全场饮品会员 8 折，金卡及以上再享甜品买一赠一。名额有限，报满可候补。',
      place: '会员通示范店',
      startAt: on(5, '19:00'),
      endAt: on(5, '22:00'),
      capacity: 2,
      waitlist: true,
      minTier: 'regular',
      priorityHours: 0,
      attendancePoints: 10,
      pointsCost: 0,
      opensDaysBefore: 7,
    },
    [
      { openid: 'demo-member-silver', status: 'confirmed', signedUpDaysAgo: 2 },
      { openid: 'demo-member-diamond', status: 'confirmed', signedUpDaysAgo: 1 },
      { openid: 'demo-member-regular', status: 'waitlisted', signedUpDaysAgo: 1 },
    ],
  )
  add(
    {
      _id: 'act-demo-party',
      title: '冬日圣诞主题派对',
      type: 'party',
      coverFileId: null,
      description: '热红酒、姜饼与交换礼物环节。报名需 100 积分，到场签到返 20 积分；金卡、钻石会员可提前 24 小时报名。',
      place: '会员通示范店 露台',
      startAt: on(12, '18:30'),
      endAt: on(12, '21:30'),
      capacity: 12,
      waitlist: true,
      minTier: 'regular',
      priorityHours: 24,
      attendancePoints: 20,
      pointsCost: 100,
      opensDaysBefore: 10,
    },
    [{ openid: 'demo-member-diamond', status: 'confirmed', signedUpDaysAgo: 1 }],
  )
  return { activities, signups, movements }
}
