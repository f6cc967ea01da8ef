import fc from 'fast-check'
import { TEMPLATE_FIELDS, type TemplateFieldKind } from '../../../cloudfunctions/shared/contract/templates'
import { activityCancelledMessage, activityReminderMessage, waitlistPromotedMessage, type Message } from '../../../cloudfunctions/shared/domain/messages'

/**
 * WeChat refuses a subscription message whose fields are not the template's (47003), whose
 * `thing` runs past 20 characters or whose `phrase` past 5. The activity messages must fit
 * whatever staff typed: a title at the form's 30-character limit, a place full of emoji.
 */

const characters = (text: string) => [...text].length
const START = new Date('2026-12-20T19:00:00+08:00')

const ordinary = { _id: 'act-1', title: '冬季新品品鉴会', place: '静安店二楼', startAt: START, cancelReason: '场地维修' }
/** 30 characters: the longest title the form takes. */
const LONG_TITLE = '冬季新品品鉴会暨会员专属折扣日与主理人面对面交流下午茶会欢迎'
/** Emoji are two UTF-16 units each; a family emoji is five code points. */
const EMOJI_PLACE = '🎄🎁静安店二楼🍰☕️👨‍👩‍👧露台花园🌟🌟🌟🌟🌟🌟'
const LONG_REASON = '因商场临时停电检修，场地无法使用，活动改期另行通知，给您带来不便敬请谅解，谢谢'
const awkward = { _id: 'act-2', title: LONG_TITLE, place: EMOJI_PLACE, startAt: START, cancelReason: LONG_REASON }

const PROMOTED_AT = new Date('2026-12-18T02:00:00Z')

const messagesFor = (activity: typeof ordinary): Message[] => [
  activityReminderMessage('member-1', activity, 24),
  activityReminderMessage('member-1', activity, 2),
  waitlistPromotedMessage('member-1', activity, PROMOTED_AT),
  activityCancelledMessage('member-1', activity, 0),
  activityCancelledMessage('member-1', activity, 100_000),
  activityCancelledMessage('member-1', { ...activity, cancelReason: null }, 30),
]

/** What WeChat takes in each kind of field. */
function fits(kind: TemplateFieldKind, value: string): boolean {
  if (kind === 'thing') return characters(value) >= 1 && characters(value) <= 20
  if (kind === 'phrase') return /^[\u4e00-\u9fff]{1,5}$/.test(value)
  if (kind === 'time') return /^\d{4}年\d{2}月\d{2}日 \d{2}:\d{2}$/.test(value)
  throw new Error(`no check for ${kind}`)
}

function expectFits(message: Message) {
  const fields: Record<string, TemplateFieldKind> = TEMPLATE_FIELDS[message.purpose]
  expect(Object.keys(message.data).sort()).toEqual(Object.keys(fields).sort())
  for (const [field, kind] of Object.entries(fields)) {
    if (!fits(kind, message.data[field])) throw new Error(`${message.purpose}.${field} (${kind}) does not fit: ${JSON.stringify(message.data[field])}`)
  }
}

describe.each([
  ['an ordinary activity', ordinary],
  ['a 30-character title, an emoji-laden place and a long reason', awkward],
])('for %s', (_what, activity) => {
  it.each(messagesFor(activity).map((message) => [message.purpose, message] as const))('%s fills exactly its template’s fields, each within its limit', (_purpose, message) => {
    expectFits(message)
    expect(message.openid).toBe('member-1')
    expect(message.page).toBe(`activity/pages/detail/index?id=${activity._id}`)
  })
})

describe('what the fields say', () => {
  it('the start in Beijing time, as WeChat writes a time', () => {
    for (const message of messagesFor(ordinary)) expect(message.data.time2).toBe('2026年12月20日 19:00')
    // 07:30 in Beijing is still 19 December in UTC.
    expect(waitlistPromotedMessage('member-1', { ...ordinary, startAt: new Date('2026-12-19T23:30:00Z') }, PROMOTED_AT).data.time2).toBe('2026年12月20日 07:30')
  })

  it('a title that fits stays whole; one that does not is cut to 19 characters and an ellipsis', () => {
    expect(waitlistPromotedMessage('member-1', ordinary, PROMOTED_AT).data.thing1).toBe('冬季新品品鉴会')
    const cut = waitlistPromotedMessage('member-1', awkward, PROMOTED_AT).data.thing1
    expect(cut).toBe(`${[...LONG_TITLE].slice(0, 19).join('')}…`)
    expect(characters(cut)).toBe(20)
  })

  it('an emoji place is cut by code points, never splitting a surrogate pair', () => {
    const place = activityReminderMessage('member-1', awkward, 2).data.thing3
    expect(characters(place)).toBeLessThanOrEqual(20)
    expect(place).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/)
    expect(EMOJI_PLACE.startsWith(place.slice(0, -1))).toBe(true)
  })

  it.each([
    [24, '活动明天开始，请准时参加'],
    [2, '活动即将开始，请出示会员码签到'],
  ] as const)('the %i-hour reminder’s tip: %s', (hours, tip) => {
    expect(activityReminderMessage('member-1', ordinary, hours)).toMatchObject({ purpose: 'activityReminder', data: { thing1: '冬季新品品鉴会', thing3: '静安店二楼', thing4: tip } })
  })

  it('the promotion says 候补成功', () => {
    expect(waitlistPromotedMessage('member-1', ordinary, PROMOTED_AT).data.phrase4).toBe('候补成功')
  })

  it.each([
    [0, '场地维修', '场地维修', '无需退还积分'],
    [100_000, '场地维修', '场地维修', '已退还100,000积分'],
    [30, null, '门店取消', '已退还30积分'],
  ] as const)('a cancel refunding %i points with reason %s says %s and %s', (refunded, cancelReason, reason, refund) => {
    expect(activityCancelledMessage('member-1', { ...ordinary, cancelReason }, refunded).data).toMatchObject({ thing3: reason, thing4: refund })
  })
})

it('any title, place and reason the form allows, with any refund, fit', () => {
  // The form's own limits: title 1–30, place 1–50, reason 2–100 characters; refunds up to the 100,000-point cost cap.
  const text = (min: number, max: number) => fc.string({ unit: 'grapheme', minLength: min, maxLength: max }).filter((value) => value.trim().length > 0)
  fc.assert(
    fc.property(text(1, 30), text(1, 50), text(2, 100), fc.integer({ min: 0, max: 100_000 }), (title, place, cancelReason, refunded) => {
      const activity = { _id: 'act-3', title, place, startAt: START, cancelReason }
      for (const message of [activityReminderMessage('m', activity, 24), waitlistPromotedMessage('m', activity, PROMOTED_AT), activityCancelledMessage('m', activity, refunded)]) expectFits(message)
    }),
    { numRuns: 300 },
  )
})
