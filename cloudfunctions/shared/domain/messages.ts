import type { TemplatePurpose } from '../contract/templates'
import { TICKET_CATEGORY_LABELS, TICKET_STATUS_LABELS, type TicketStatus } from '../contract/ticketFields'
import { formatPoints } from '../contract/format'
import { definitionOf, type TierChange, type TierRules } from './tiers'
import { fitPhrase, fitThing, formatTemplateDate, formatTemplateTime } from './templateFields'

/** A subscription message a decision asks to send once it has committed (never inside the transaction). */
export interface Message {
  openid: string
  purpose: TemplatePurpose
  /** What the message is about (a tier change, an activity's reminder, a campaign): with the purpose and the
   *  recipient it names the one delivery (`deliveries/<purpose>:<subject>:<openid>`), so it is sent at most once. */
  subject: string
  /** The template's fields, already within WeChat's limits. */
  data: Record<string, string>
  /** The page the message opens; the member card when absent. */
  page?: string
}

/** WeChat's `time` field format: 2026年11月22日 15:01, on the shop's clock. */
export function templateTime(at: Date): string {
  const time = formatTemplateTime(at)
  return time.ok ? time.value : ''
}

/** `thing` fields allow 20 characters; longer text is cut rather than failing the send (47003). */
export function templateThing(text: string): string {
  const thing = fitThing(text)
  return thing.ok ? thing.value : ''
}

/** 会员等级变更, for every move: a purchase, a rules publish, or the evaluation at the end of a hold. */
export function tierChangeMessage(openid: string, change: TierChange, rules: TierRules): Message {
  const toName = definitionOf(change.to, rules).name
  const what = change.reason === 'downgrade' ? `会员等级调整为${toName}` : `恭喜升级为${toName}会员`
  return { openid, purpose: 'tierChange', subject: `${change.from}-${change.to}-${new Date(change.at).getTime()}`, data: { thing1: what, phrase2: toName, time3: templateTime(change.at) } }
}

/** 生日礼遇到账: "100积分 + 生日 ¥10 代金券", valid until the coupon's end (or the points' expiry). */
export function birthdayPerkMessage(openid: string, year: number, points: number, couponTitle: string | null, validUntil: Date): Message {
  return { openid, purpose: 'birthdayPerk', subject: String(year), data: { thing1: templateThing(perkSummary(points, couponTitle)), time2: templateTime(validUntil) } }
}

/** What the birthday message's 礼遇内容 says: "100积分 + 生日 ¥10 代金券". */
export function perkSummary(points: number, couponTitle: string | null): string {
  return [points > 0 ? `${points}积分` : null, couponTitle].filter(Boolean).join(' + ')
}

/** The activity facts every activity message carries. */
type ActivityFacts = { _id: string; title: string; place: string; startAt: Date }

/** `phrase` fields allow 5 characters of Chinese, no digits or letters. */
export function templatePhrase(text: string): string {
  const phrase = fitPhrase(text)
  return phrase.ok ? phrase.value : ''
}

/** 活动开始提醒, 24 hours and 2 hours before the start. */
export function activityReminderMessage(openid: string, activity: ActivityFacts, hoursBefore: 24 | 2): Message {
  const tip = hoursBefore === 24 ? '活动明天开始，请准时参加' : '活动即将开始，请出示会员码签到'
  return {
    openid,
    purpose: 'activityReminder',
    subject: `${activity._id}-${hoursBefore}h`,
    data: { thing1: templateThing(activity.title), time2: templateTime(new Date(activity.startAt)), thing3: templateThing(activity.place), thing4: tip },
    page: activityPage(activity),
  }
}

/** 候补成功: a seat came free and is now the member's. */
export function waitlistPromotedMessage(openid: string, activity: ActivityFacts, promotedAt: Date): Message {
  return {
    openid,
    purpose: 'waitlistPromoted',
    subject: `${activity._id}-${new Date(promotedAt).getTime()}`,
    data: { thing1: templateThing(activity.title), time2: templateTime(new Date(activity.startAt)), thing3: templateThing(activity.place), phrase4: templatePhrase('候补成功') },
    page: activityPage(activity),
  }
}

/** 活动取消: the shop's reason, and the points given back. */
export function activityCancelledMessage(openid: string, activity: ActivityFacts & { cancelReason: string | null }, refunded: number): Message {
  return {
    openid,
    purpose: 'activityCancelled',
    subject: activity._id,
    data: {
      thing1: templateThing(activity.title),
      time2: templateTime(new Date(activity.startAt)),
      thing3: templateThing(activity.cancelReason ?? '门店取消'),
      thing4: refunded > 0 ? `已退还${formatPoints(refunded)}积分` : '无需退还积分',
    },
    page: activityPage(activity),
  }
}

const activityPage = (activity: { _id: string }) => `activity/pages/detail/index?id=${activity._id}`

/** The ticket facts every ticket message carries. */
type TicketFacts = { _id: string; rev: number; category: keyof typeof TICKET_CATEGORY_LABELS }

/** 工单进度: the status the member's ticket reached, and what it means for them. */
export function ticketUpdateMessage(openid: string, ticket: TicketFacts, status: TicketStatus, note: string, at: Date): Message {
  return {
    openid,
    purpose: 'ticketUpdate',
    subject: `${ticket._id}-r${ticket.rev}`,
    data: { character_string1: ticket._id, phrase2: templatePhrase(TICKET_STATUS_LABELS[status]), thing3: templateThing(note), time4: templateTime(at) },
    page: ticketPage(ticket),
  }
}

/** 工单升级: to an owner or admin, naming the promised time that was missed, or the staff member's reason for escalating by hand. */
export function ticketEscalationMessage(openid: string, ticket: TicketFacts, missed: 'firstResponse' | 'resolution' | { reason: string }, dueAt: Date): Message {
  return {
    openid,
    purpose: 'ticketEscalation',
    subject: `${ticket._id}-${typeof missed === 'object' ? 'manual' : missed}-r${ticket.rev}`,
    data: {
      character_string1: ticket._id,
      thing2: templateThing(`${TICKET_CATEGORY_LABELS[ticket.category]}类投诉`),
      thing3: typeof missed === 'object' ? templateThing(`客服升级：${missed.reason}`) : missed === 'firstResponse' ? '超过承诺时间未响应，请尽快处理' : '超过承诺时间未解决，请尽快处理',
      time4: templateTime(dueAt),
    },
    page: `admin/pages/ticket/index?id=${ticket._id}`,
  }
}

const ticketPage = (ticket: { _id: string }) => `tickets/pages/detail/index?id=${ticket._id}`

/** 优惠券到期提醒: three days before the coupon's last day. */
export function couponExpiringMessage(coupon: { _id: string; openid: string; title: string; validUntil: Date }): Message {
  const until = formatTemplateDate(new Date(coupon.validUntil))
  return {
    openid: coupon.openid,
    purpose: 'couponExpiring',
    subject: coupon._id,
    data: { thing1: templateThing(coupon.title), date2: until.ok ? until.value : '', thing3: '优惠券即将到期，记得到店使用' },
    page: 'points/pages/wallet/index',
  }
}

/** 积分变动提醒: what moved the points, by how much, and the balance after. */
export function pointsChangeMessage(openid: string, row: { _id: string; delta: number; balanceAfter: number; reason: string; createdAt: Date }): Message {
  return {
    openid,
    purpose: 'pointsChange',
    subject: row._id,
    data: {
      thing1: templateThing(row.reason),
      character_string2: `${row.delta >= 0 ? '+' : ''}${row.delta}`,
      number3: String(row.balanceAfter),
      time4: templateTime(new Date(row.createdAt)),
    },
    page: 'points/pages/history/index',
  }
}
