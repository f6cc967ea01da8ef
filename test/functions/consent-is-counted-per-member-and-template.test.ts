/**
 * Consent as the product counts it, through the emulator: each accepted template of one
 * requestSubscribeMessage answer is +1 on the caller's own document (staff templates on their staff
 * entry), a send WeChat takes is −1, a 43101 sets the count to 0 and is recorded quietly, and an
 * opted-out purpose is never sent whatever the consent. Nobody's report touches anyone else's counts.
 */
import { SUBSCRIBE_TEMPLATES } from '../../cloudfunctions/shared/contract/templates'
import type { MySubscriptions, SubscriptionItem } from '../../cloudfunctions/shared/contract/marketing'
import type { DeliveryDoc } from '../../cloudfunctions/shared/data/deliveries'
import type { MessagingState } from '../../cloudfunctions/shared/domain/messaging'
import { acceptConsent } from '../support/consent'
import { dataOf, useLocalCloud } from '../support/localCloud'
import { memberCodeOf, seedMember, seedStaff } from '../support/members'
import { waitFor } from '../support/wait'

const { cloud, as } = useLocalCloud({ maxInstances: 4 })

const POINTS = SUBSCRIBE_TEMPLATES.pointsChange
const TIER = SUBSCRIBE_TEMPLATES.tierChange
const BIRTHDAY = SUBSCRIBE_TEMPLATES.birthdayPerk
const COUPON = SUBSCRIBE_TEMPLATES.couponExpiring
const TICKET = SUBSCRIBE_TEMPLATES.ticketUpdate
const ESCALATION = SUBSCRIBE_TEMPLATES.ticketEscalation
const CASHIER = 'consent-cashier'
const OWNER = 'consent-owner'

type Answer = 'accept' | 'reject' | 'ban' | 'filter'
/** One requestSubscribeMessage answer reported by `openid` (with getSetting's settings, when given). */
const report = (openid: string, answers: Record<string, Answer>, settings: { mainSwitch: boolean; itemSettings: Record<string, 'accept' | 'reject' | 'ban'> } | null = null) =>
  as(openid).call('marketing', 'consent', settings ? { answers, settings } : { answers })
const messagingOf = (collection: 'members' | 'staff', openid: string) => (cloud().db.find(collection, { _id: openid })[0] as { messaging?: MessagingState } | undefined)?.messaging
const consentOf = (openid: string) => messagingOf('members', openid)?.consent ?? {}
const staffConsentOf = (openid: string) => messagingOf('staff', openid)?.consent ?? {}
const deliveriesTo = (openid: string) => cloud().db.find('deliveries', { openid }) as DeliveryDoc[]
const sentTo = (openid: string) => cloud().outbox.sent.filter((message) => message.touser === openid)
const itemOf = (subscriptions: MySubscriptions, purpose: SubscriptionItem['purpose']) => subscriptions.items.find((item) => item.purpose === purpose)!

let orders = 0
/** A purchase at the till: 10 points, and one 积分变动提醒 for the member when their consent allows it. */
const buy = async (openid: string) => dataOf(await as(CASHIER).call('points', 'accrue', { memberCode: memberCodeOf(cloud(), openid), storeId: 'store-001', orderNo: `CN${++orders}`, amount: 10 }))

beforeEach(() => {
  cloud().db.clear()
  cloud().outbox.clear()
  seedStaff(cloud(), { [CASHIER]: 'cashier', [OWNER]: 'owner' })
})

describe('marketing.consent', () => {
  it('adds one per accepted template of the answer; rejected, banned, filtered and unknown templates add nothing', async () => {
    seedMember(cloud(), 'cn-a')
    const first = dataOf(await report('cn-a', { [POINTS]: 'accept', [TIER]: 'accept', [BIRTHDAY]: 'reject' }))
    expect(consentOf('cn-a')).toEqual({ [POINTS]: 1, [TIER]: 1 })
    expect([itemOf(first, 'pointsChange').remaining, itemOf(first, 'tierChange').remaining, itemOf(first, 'birthdayPerk').remaining]).toEqual([1, 1, 0])

    dataOf(await report('cn-a', { [POINTS]: 'accept', 'tpl-not-ours': 'accept', [COUPON]: 'ban' }))
    dataOf(await report('cn-a', { [BIRTHDAY]: 'filter', [TIER]: 'reject' }))
    const last = dataOf(await report('cn-a', { [POINTS]: 'accept' }))
    expect(consentOf('cn-a')).toEqual({ [POINTS]: 3, [TIER]: 1 })
    expect(Object.fromEntries(last.items.map((item) => [item.purpose, item.remaining]))).toMatchObject({ pointsChange: 3, tierChange: 1, birthdayPerk: 0, couponExpiring: 0 })
  })

  it('a send WeChat takes uses one; the subscriptions page shows what is left', async () => {
    seedMember(cloud(), 'cn-spend')
    await acceptConsent(cloud(), 'cn-spend', [POINTS, POINTS])
    expect(consentOf('cn-spend')).toEqual({ [POINTS]: 2 })

    await buy('cn-spend')
    expect(sentTo('cn-spend').map((message) => message.templateId)).toEqual([POINTS])
    expect(consentOf('cn-spend')).toEqual({ [POINTS]: 1 })
    const [delivery] = deliveriesTo('cn-spend')
    expect(delivery).toMatchObject({ purpose: 'pointsChange', status: 'sent', attempts: 1, errCode: 0 })
    expect(itemOf(dataOf(await as('cn-spend').call('marketing', 'subscriptions', {})), 'pointsChange').remaining).toBe(1)

    await buy('cn-spend')
    await buy('cn-spend')
    // The third purchase found none counted and was not attempted: no 43101 asked for.
    expect(sentTo('cn-spend')).toHaveLength(2)
    expect(consentOf('cn-spend')).toEqual({ [POINTS]: 0 })
    expect(deliveriesTo('cn-spend').map((each) => each.status)).toEqual(['sent', 'sent'])
    expect(cloud().outbox.quota('cn-spend', POINTS)).toBe(0)
  })

  it('a 43101 from WeChat sets the count to 0 and is recorded as noConsent, without a loud log', async () => {
    seedMember(cloud(), 'cn-43101')
    seedMember(cloud(), 'cn-47003')
    // The product counted consents WeChat does not hold (the outbox was never granted).
    dataOf(await report('cn-43101', { [POINTS]: 'accept' }))
    dataOf(await report('cn-43101', { [POINTS]: 'accept' }))
    await acceptConsent(cloud(), 'cn-47003', [POINTS])
    const written: string[] = []
    const capture = (stream: NodeJS.WriteStream) =>
      jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk))
        return true
      })
    const spies = [capture(process.stderr), capture(process.stdout)]
    try {
      await buy('cn-43101')
      // A refusal that is loud, after it: once its warning arrives, the 43101's would have too.
      cloud().outbox.failNext(47003, 1, 'cn-47003')
      await buy('cn-47003')
      await waitFor(() => written.some((line) => line.includes('cn-47003')))
    } finally {
      for (const spy of spies) spy.mockRestore()
    }
    expect(written.filter((line) => line.includes('cn-43101'))).toEqual([])

    expect(consentOf('cn-43101')).toEqual({ [POINTS]: 0 })
    expect(sentTo('cn-43101')).toHaveLength(0)
    expect(deliveriesTo('cn-43101')).toEqual([expect.objectContaining({ purpose: 'pointsChange', status: 'noConsent', errCode: 43101, attempts: 1, nextAttemptAt: null, sentAt: null })])
    // With the count at 0 the next message is not attempted at all.
    await buy('cn-43101')
    expect(deliveriesTo('cn-43101')).toHaveLength(1)
    expect(itemOf(dataOf(await as('cn-43101').call('marketing', 'subscriptions', {})), 'pointsChange').remaining).toBe(0)
  })

  it('reports 总是保持 (keep) and the main switch as getSetting gave them', async () => {
    seedMember(cloud(), 'cn-keep')
    const kept = dataOf(await report('cn-keep', { [POINTS]: 'accept' }, { mainSwitch: true, itemSettings: { [POINTS]: 'accept', [TIER]: 'reject' } }))
    expect(kept.mainSwitch).toBe(true)
    expect([itemOf(kept, 'pointsChange').keep, itemOf(kept, 'tierChange').keep, itemOf(kept, 'birthdayPerk').keep]).toEqual(['accept', 'reject', null])
    expect(messagingOf('members', 'cn-keep')).toMatchObject({ consent: { [POINTS]: 1 }, keep: { [POINTS]: 'accept', [TIER]: 'reject' }, mainSwitch: true })

    const off = dataOf(await as('cn-keep').call('marketing', 'subscriptions', { settings: { mainSwitch: false, itemSettings: { [TIER]: 'ban' } } }))
    expect(off.mainSwitch).toBe(false)
    expect([itemOf(off, 'pointsChange').keep, itemOf(off, 'tierChange').keep]).toEqual([null, 'ban'])
    expect(itemOf(off, 'pointsChange').remaining).toBe(1)
    // Without settings the page only reads.
    const read = dataOf(await as('cn-keep').call('marketing', 'subscriptions', {}))
    expect(read).toEqual(off)
    expect(read.items.map((item) => item.purpose)).not.toContain('ticketEscalation')
  })
})

describe('opting out', () => {
  it('an opted-out purpose is never sent, whatever the consent; opting back in sends again', async () => {
    seedMember(cloud(), 'cn-out')
    await acceptConsent(cloud(), 'cn-out', [POINTS, POINTS])
    const out = dataOf(await as('cn-out').call('marketing', 'setOptOut', { purpose: 'pointsChange', optedOut: true }))
    expect(itemOf(out, 'pointsChange')).toMatchObject({ optedOut: true, remaining: 2 })
    expect(itemOf(out, 'tierChange').optedOut).toBe(false)
    expect(messagingOf('members', 'cn-out')?.optedOut).toEqual(['pointsChange'])

    await buy('cn-out')
    await buy('cn-out')
    expect(sentTo('cn-out')).toHaveLength(0)
    expect(deliveriesTo('cn-out')).toHaveLength(0)
    expect(consentOf('cn-out')).toEqual({ [POINTS]: 2 })

    // Twice is the same as once.
    dataOf(await as('cn-out').call('marketing', 'setOptOut', { purpose: 'pointsChange', optedOut: true }))
    expect(messagingOf('members', 'cn-out')?.optedOut).toEqual(['pointsChange'])
    const back = dataOf(await as('cn-out').call('marketing', 'setOptOut', { purpose: 'pointsChange', optedOut: false }))
    expect(itemOf(back, 'pointsChange')).toMatchObject({ optedOut: false, remaining: 2 })
    await buy('cn-out')
    expect(sentTo('cn-out')).toHaveLength(1)
    expect(consentOf('cn-out')).toEqual({ [POINTS]: 1 })
  })

  it('staff messages cannot be opted out of, and a visitor has nothing to opt out of', async () => {
    seedMember(cloud(), 'cn-out-staff')
    const staffPurpose = await as('cn-out-staff').call('marketing', 'setOptOut', { purpose: 'ticketEscalation', optedOut: true })
    expect(staffPurpose).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'purpose' }] } })
    expect(await as('cn-out-visitor').call('marketing', 'setOptOut', { purpose: 'pointsChange', optedOut: true })).toMatchObject({ ok: false, error: { code: 'NOT_MEMBER' } })
    const unknown = await as('cn-out-staff').call('marketing', 'setOptOut', { purpose: 'everything', optedOut: true })
    expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'purpose' }] } })
    expect(messagingOf('members', 'cn-out-staff')).toBeUndefined()
    expect(cloud().db.find('members', { _id: 'cn-out-visitor' })).toHaveLength(0)
  })
})

describe('whose counts', () => {
  it('a member’s report changes only their own counts, whatever openid the payload names', async () => {
    seedMember(cloud(), 'cn-own-a')
    seedMember(cloud(), 'cn-own-b')
    dataOf(await report('cn-own-a', { [POINTS]: 'accept' }))
    dataOf(await report('cn-own-b', { [POINTS]: 'accept', [TIER]: 'accept' }))
    dataOf(await as('cn-own-b').call('marketing', 'setOptOut', { purpose: 'tierChange', optedOut: true }))
    expect(consentOf('cn-own-a')).toEqual({ [POINTS]: 1 })
    expect(messagingOf('members', 'cn-own-a')?.optedOut).toBeUndefined()
    expect(consentOf('cn-own-b')).toEqual({ [POINTS]: 1, [TIER]: 1 })

    // Identity comes from the WeChat context only: identity keys in a payload are dropped unread,
    // so B naming A still counts on B, and any other stray key is refused.
    for (const key of ['openid', '_openid', 'OPENID']) dataOf(await as('cn-own-b').call('marketing', 'consent', { answers: { [BIRTHDAY]: 'accept' }, [key]: 'cn-own-a' }))
    dataOf(await as('cn-own-b').call('marketing', 'setOptOut', { purpose: 'pointsChange', optedOut: true, openid: 'cn-own-a' }))
    for (const key of ['touser', 'member']) {
      const envelope = await as('cn-own-b').call('marketing', 'consent', { answers: { [POINTS]: 'accept' }, [key]: 'cn-own-a' })
      expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      if (!envelope.ok) expect(envelope.error.fields?.map((issue) => issue.path)).toEqual([key])
    }
    expect(messagingOf('members', 'cn-own-a')).toEqual({ consent: { [POINTS]: 1 } })
    expect(consentOf('cn-own-b')).toEqual({ [POINTS]: 1, [TIER]: 1, [BIRTHDAY]: 3 })
    expect(messagingOf('members', 'cn-own-b')?.optedOut).toEqual(['pointsChange', 'tierChange'])
    // What each sees is their own.
    expect(itemOf(dataOf(await as('cn-own-a').call('marketing', 'subscriptions', {})), 'tierChange')).toMatchObject({ remaining: 0, optedOut: false })
    expect(itemOf(dataOf(await as('cn-own-b').call('marketing', 'subscriptions', { openid: 'cn-own-a' })), 'tierChange')).toMatchObject({ remaining: 1, optedOut: true })
  })

  it('a visitor’s report writes nothing anywhere', async () => {
    const answer = dataOf(await report('cn-visitor', { [POINTS]: 'accept' }))
    expect(itemOf(answer, 'pointsChange').remaining).toBe(0)
    expect(cloud().db.find('members', { _id: 'cn-visitor' })).toHaveLength(0)
    expect(cloud().db.find('staff', { _id: 'cn-visitor' })).toHaveLength(0)
  })

  it('join with consent counts the accepted templates on the new member', async () => {
    const card = dataOf(
      await as('cn-joiner').call('member', 'join', {
        name: '新会员',
        birthday: '1992-03-04',
        gender: 'female',
        consent: { [TIER]: 'accept', [POINTS]: 'accept', [BIRTHDAY]: 'reject' },
      }),
    )
    expect(card.cardNo).toMatch(/^\d+$/)
    expect(consentOf('cn-joiner')).toEqual({ [TIER]: 1, [POINTS]: 1 })
    dataOf(await as('cn-plain-joiner').call('member', 'join', { name: '无订阅', birthday: '1992-03-04', gender: 'male', consent: { 'tpl-not-ours': 'accept', [BIRTHDAY]: 'ban' } }))
    expect(messagingOf('members', 'cn-plain-joiner')).toBeUndefined()
    // The join's consent then works like any other: a purchase sends and uses it.
    cloud().outbox.grant('cn-joiner', [POINTS])
    await buy('cn-joiner')
    expect(sentTo('cn-joiner')).toHaveLength(1)
    expect(consentOf('cn-joiner')).toEqual({ [TIER]: 1, [POINTS]: 0 })

    const tooMany = await as('cn-greedy-joiner').call('member', 'join', {
      name: '贪心',
      birthday: '1992-03-04',
      gender: 'male',
      consent: { [TIER]: 'accept', [POINTS]: 'accept', [BIRTHDAY]: 'accept', [COUPON]: 'accept' },
    })
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    if (!tooMany.ok) expect(tooMany.error.fields?.map((issue) => issue.path)).toContain('consent')
    expect(cloud().db.find('members', { _id: 'cn-greedy-joiner' })).toHaveLength(0)
  })

  it('a staff template’s consent lands on the caller’s staff entry, a member template’s on their member document', async () => {
    seedMember(cloud(), OWNER)
    dataOf(await report(OWNER, { [ESCALATION]: 'accept', [TICKET]: 'accept' }))
    dataOf(await report(OWNER, { [ESCALATION]: 'accept' }))
    expect(staffConsentOf(OWNER)).toEqual({ [ESCALATION]: 2 })
    expect(consentOf(OWNER)).toEqual({ [TICKET]: 1 })
    // Staff who are not members: the entry counts, and no member document appears.
    dataOf(await report(CASHIER, { [ESCALATION]: 'accept' }))
    expect(staffConsentOf(CASHIER)).toEqual({ [ESCALATION]: 1 })
    expect(cloud().db.find('members', { _id: CASHIER })).toHaveLength(0)
  })
})

describe('bad reports', () => {
  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['four templates in one answer', { answers: { [POINTS]: 'accept', [TIER]: 'accept', [BIRTHDAY]: 'accept', [COUPON]: 'accept' } }, 'answers'],
    ['no template at all', { answers: {} }, 'answers'],
    ['an answer WeChat never gives', { answers: { [POINTS]: 'yes' } }, `answers.${POINTS}`],
    ['a count instead of an answer', { answers: { [POINTS]: 5 } }, `answers.${POINTS}`],
    ['a template ID with odd characters', { answers: { 'tpl points;drop': 'accept' } }, 'answers'],
    ['answers as a list', { answers: [POINTS] }, 'answers'],
    ['no answers', {}, 'answers'],
    ['a $-prefixed key', { answers: { [POINTS]: 'accept' }, $inc: { 'messaging.consent': 100 } }, '$inc'],
    ['a bad keep setting', { answers: { [POINTS]: 'accept' }, settings: { mainSwitch: true, itemSettings: { [POINTS]: 'always' } } }, 'settings'],
  ]
  it.each(bad)('%s: INVALID_INPUT naming the field, nothing written', async (_label, payload, field) => {
    seedMember(cloud(), 'cn-bad')
    dataOf(await report('cn-bad', { [TIER]: 'accept' }))
    const before = messagingOf('members', 'cn-bad')
    const envelope = await as('cn-bad').call('marketing', 'consent', payload)
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    if (!envelope.ok) expect(envelope.error.fields?.map((issue) => issue.path).join(' ')).toContain(field)
    expect(messagingOf('members', 'cn-bad')).toEqual(before)
    expect(consentOf('cn-bad')).toEqual({ [TIER]: 1 })
  })
})
