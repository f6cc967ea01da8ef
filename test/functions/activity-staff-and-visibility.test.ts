/**
 * The staff side of activity through the emulator: the form's rules enforced by the server with
 * the field named, roles, drafts kept from members, the roster by view a page at a time, the audit
 * trail, the cover picture; and the server's word on who may sign up when (tier, priority window).
 */
import { signupFixture } from '../../local/fixtures'
import { dataOf, fileIdOfUrl, useLocalCloud } from '../support/localCloud'
import { memberCodeOf, seedMember, seedStaff } from '../support/members'
import { activityDraft, publishedActivity } from '../support/activities'
import type { ActivityDoc } from '../../cloudfunctions/shared/data/activities'
import type { Roster, RosterEntry, RosterView } from '../../cloudfunctions/shared/contract/activity'
import { ACTIVITY_COVER, toShopDateTime } from '../../cloudfunctions/shared/contract/activityFields'

const { cloud, as } = useLocalCloud({ maxInstances: 4 })

const NOW = new Date('2026-12-10T10:00:00+08:00')
const START = new Date('2026-12-20T19:00:00+08:00')
const HOUR = 3600_000
const shopTime = (offsetHours: number) => toShopDateTime(new Date(START.getTime() + offsetHours * HOUR))

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)])
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64, 4)])
let uploads = 0
const uploaded = (content: Buffer, name = 'cover.png'): string => cloud().storage.put(`activities/${++uploads}-${name}`, content)

const owner = () => as('staff-owner')
const activityDoc = (id: string) => cloud().db.find('activities', { _id: id })[0] as ActivityDoc
const signUp = (openid: string, activityId: string) => as(openid).call('activity', 'signup', { activityId })
const fieldError = (path: string) => ({ ok: false, error: { code: 'INVALID_INPUT', fields: [expect.objectContaining({ path })] } })

beforeAll(() => {
  cloud().setNow(NOW)
  seedStaff(cloud(), { 'staff-owner': 'owner', 'staff-mkt': 'marketing', 'staff-cashier': 'cashier', 'staff-service': 'service' })
  seedMember(cloud(), 'staff-member')
})
afterAll(() => cloud().setNow(null))
afterEach(() => cloud().setNow(NOW))

describe('the form’s rules, on the server', () => {
  it.each([
    ['an end before the start', { endAt: shopTime(-1) }, 'endAt'],
    ['signup closing after the start', { signupClosesAt: shopTime(1) }, 'signupClosesAt'],
    ['a cancel cutoff after the start', { cancelCutoffAt: shopTime(1) }, 'cancelCutoffAt'],
  ])('refuses to create one with %s, naming the field, and writes nothing', async (_label, overrides, field) => {
    const before = cloud().db.find('activities').length
    expect(await owner().call('activity', 'create', activityDraft(START, overrides))).toMatchObject(fieldError(field))
    expect(cloud().db.find('activities')).toHaveLength(before)
  })

  it('refuses an update that breaks a rule, naming the field, and leaves the stored activity as it was', async () => {
    const activity = await publishedActivity(as, 'staff-owner', activityDraft(START, { capacity: 5 }))
    for (const openid of ['form-a', 'form-b', 'form-c']) {
      seedMember(cloud(), openid)
      dataOf(await signUp(openid, activity.id))
    }
    const stored = activityDoc(activity.id)
    expect(await owner().call('activity', 'update', { activityId: activity.id, capacity: 2 })).toMatchObject(fieldError('capacity'))
    expect(await owner().call('activity', 'update', { activityId: activity.id, endAt: shopTime(-3), title: '改名' })).toMatchObject(fieldError('endAt'))
    expect(await owner().call('activity', 'update', { activityId: activity.id, signupClosesAt: shopTime(2) })).toMatchObject(fieldError('signupClosesAt'))
    expect(activityDoc(activity.id)).toEqual(stored)

    expect(dataOf(await owner().call('activity', 'update', { activityId: activity.id, capacity: 3 }))).toMatchObject({ capacity: 3, confirmed: 3 })
  })
})

describe('who may do what', () => {
  it('refuses every staff action to a member, and nothing is written or audited', async () => {
    const activity = await publishedActivity(as, 'staff-owner', activityDraft(START))
    const activities = cloud().db.find('activities')
    const audited = cloud().db.find('audit').length
    const attempts = [
      () => as('staff-member').call('activity', 'create', activityDraft(START)),
      () => as('staff-member').call('activity', 'update', { activityId: activity.id, title: '会员改的' }),
      () => as('staff-member').call('activity', 'publish', { activityId: activity.id }),
      () => as('staff-member').call('activity', 'unpublish', { activityId: activity.id }),
      () => as('staff-member').call('activity', 'cancel', { activityId: activity.id, reason: '会员取消' }),
      () => as('staff-member').call('activity', 'roster', { activityId: activity.id }),
      () => as('staff-member').call('activity', 'evaluate', { activityId: activity.id }),
      () => as('staff-service').call('activity', 'create', activityDraft(START)),
      () => as('staff-cashier').call('activity', 'cancel', { activityId: activity.id, reason: '收银取消' }),
    ]
    for (const attempt of attempts) expect(await attempt()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(cloud().db.find('activities')).toEqual(activities)
    expect(cloud().db.find('audit')).toHaveLength(audited)
  })

  it('lets marketing create and publish', async () => {
    const created = dataOf(await as('staff-mkt').call('activity', 'create', activityDraft(START, { title: '市场部活动' })))
    expect(created).toMatchObject({ status: 'draft', title: '市场部活动' })
    expect(dataOf(await as('staff-mkt').call('activity', 'publish', { activityId: created.id }))).toMatchObject({ status: 'published', publishedAt: expect.any(String) })
    expect(activityDoc(created.id)).toMatchObject({ status: 'published', createdBy: 'staff-mkt' })
  })

  it('audits every staff action, with its actor and role', async () => {
    const before = cloud().db.find('audit', { fn: 'activity' }).length
    const created = dataOf(await as('staff-mkt').call('activity', 'create', activityDraft(START, { title: '审计活动' })))
    const id = created.id
    dataOf(await as('staff-mkt').call('activity', 'update', { activityId: id, capacity: 40 }))
    dataOf(await as('staff-mkt').call('activity', 'publish', { activityId: id }))
    dataOf(await as('staff-owner').call('activity', 'unpublish', { activityId: id }))
    dataOf(await as('staff-owner').call('activity', 'publish', { activityId: id }))
    dataOf(await signUp('staff-member', id))
    dataOf(await as('staff-cashier').call('activity', 'roster', { activityId: id }))
    cloud().setNow(new Date(START.getTime() - 0.5 * HOUR))
    dataOf(await as('staff-cashier').call('activity', 'checkIn', { activityId: id, memberCode: memberCodeOf(cloud(), 'staff-member') }))
    dataOf(await as('staff-owner').call('activity', 'evaluate', { activityId: id }))
    dataOf(await as('staff-owner').call('activity', 'cancel', { activityId: id, reason: '天气原因' }))

    const entries = cloud().db.find('audit', { fn: 'activity' })
    expect(entries).toHaveLength(before + 9)
    const mine = entries.filter((entry) => (entry.payload as { activityId?: string; title?: string }).activityId === id || (entry.payload as { title?: string }).title === '审计活动')
    expect(mine.map((entry) => `${entry.action} ${entry.actor} ${entry.role}`)).toEqual([
      'create staff-mkt marketing',
      'update staff-mkt marketing',
      'publish staff-mkt marketing',
      'unpublish staff-owner owner',
      'publish staff-owner owner',
      'roster staff-cashier cashier',
      'checkIn staff-cashier cashier',
      'evaluate staff-owner owner',
      'cancel staff-owner owner',
    ])
  })
})

describe('what members see', () => {
  it('never shows a draft: not listed, its page and its signup answer NOT_FOUND', async () => {
    const draft = dataOf(await owner().call('activity', 'create', activityDraft(START, { title: '未发布活动' })))
    const listed = dataOf(await as('staff-member').call('activity', 'list', { tab: 'upcoming' }))
    expect(listed.items.map((item) => item.id)).not.toContain(draft.id)
    expect(await as('staff-member').call('activity', 'detail', { activityId: draft.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await signUp('staff-member', draft.id)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(cloud().db.find('signups', { activityId: draft.id })).toHaveLength(0)
    expect(activityDoc(draft.id)).toMatchObject({ status: 'draft', confirmed: 0, queue: [] })
  })

  it('lets staff take back a published activity only while nobody has signed up', async () => {
    const activity = await publishedActivity(as, 'staff-owner', activityDraft(START, { title: '撤回测试' }))
    expect(dataOf(await owner().call('activity', 'unpublish', { activityId: activity.id }))).toMatchObject({ status: 'draft' })
    dataOf(await owner().call('activity', 'publish', { activityId: activity.id }))
    seedMember(cloud(), 'unpub-a')
    dataOf(await signUp('unpub-a', activity.id))
    expect(await owner().call('activity', 'unpublish', { activityId: activity.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(activityDoc(activity.id)).toMatchObject({ status: 'published', confirmed: 1 })
    expect(dataOf(await as('unpub-a').call('activity', 'detail', { activityId: activity.id })).standing.state).toBe('confirmed')
  })
})

describe('paging past ties', () => {
  it('lists every one of 30 activities starting the same minute, across pages', async () => {
    const start = new Date(START.getTime() + 24 * HOUR)
    const ids = new Set<string>()
    for (let index = 0; index < 30; index++) ids.add((await publishedActivity(as, 'staff-owner', activityDraft(start, { title: `同场活动${index + 1}` }))).id)
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = dataOf(await as('staff-member').call('activity', 'list', { tab: 'upcoming', ...(cursor ? { cursor } : {}) }))
      seen.push(...page.items.map((item) => item.id))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen.filter((id) => ids.has(id))).toHaveLength(30)
    expect(new Set(seen).size).toBe(seen.length)
  })

  it('lists every one of 30 signups made the same millisecond in the roster, across pages', async () => {
    const activity = await publishedActivity(as, 'staff-owner', activityDraft(START, { capacity: 100, title: '同时报名' }))
    const openids = Array.from({ length: 30 }, (_, index) => `tie-${String(index).padStart(2, '0')}`)
    const cards = new Map(openids.map((openid) => [seedMember(cloud(), openid).cardNo, openid]))
    // An import, or a burst landing in one millisecond: signups whose time is the same.
    cloud().db.insertMany(
      'signups',
      openids.map((openid) => signupFixture(activity.id, openid, NOW)),
    )
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = dataOf(await owner().call('activity', 'roster', { activityId: activity.id, view: 'confirmed', ...(cursor ? { cursor } : {}) }))
      seen.push(...page.entries.map((entry) => cards.get(entry.cardNo)!))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toEqual(openids)
  })
})

describe('the roster', () => {
  it('lists each view a page at a time: confirmed, the waitlist in its order with positions, cancelled, checked in, with the counts', async () => {
    const activity = await publishedActivity(as, 'staff-owner', activityDraft(START, { capacity: 22, title: '名单测试' }))
    const cardOf = new Map<string, string>()
    const seed = (openid: string) => cardOf.set(seedMember(cloud(), openid).cardNo, openid)
    const seated = Array.from({ length: 22 }, (_, index) => `roster-seat-${String(index + 1).padStart(2, '0')}`)
    const waiting = Array.from({ length: 23 }, (_, index) => `roster-wait-${String(index + 1).padStart(2, '0')}`)
    ;[...seated, ...waiting].forEach(seed)
    ;(await Promise.all(seated.map((openid) => signUp(openid, activity.id)))).map(dataOf)
    for (const openid of waiting) dataOf(await signUp(openid, activity.id))
    // A seat given up goes to the first in the queue; one member leaves the queue.
    dataOf(await as(seated[0]).call('activity', 'cancelSignup', { activityId: activity.id }))
    dataOf(await as(waiting[4]).call('activity', 'cancelSignup', { activityId: activity.id }))
    cloud().setNow(new Date(START.getTime() - 0.5 * HOUR))
    for (const openid of [seated[1], waiting[0]]) dataOf(await as('staff-cashier').call('activity', 'checkIn', { activityId: activity.id, memberCode: memberCodeOf(cloud(), openid) }))

    async function allOf(view: RosterView): Promise<{ pages: Roster[]; entries: RosterEntry[] }> {
      const pages: Roster[] = []
      let cursor: string | undefined
      do {
        const page = dataOf(await as('staff-cashier').call('activity', 'roster', { activityId: activity.id, view, ...(cursor ? { cursor } : {}) }))
        pages.push(page)
        cursor = page.nextCursor ?? undefined
      } while (cursor)
      return { pages, entries: pages.flatMap((page) => page.entries) }
    }
    const who = (entries: RosterEntry[]) => entries.map((entry) => cardOf.get(entry.cardNo))
    const counts = { confirmed: 22, waitlisted: 21, cancelled: 2, checkedIn: 2 }

    const confirmed = await allOf('confirmed')
    expect(confirmed.pages.map((page) => page.entries.length)).toEqual([20, 2])
    expect(new Set(who(confirmed.entries))).toEqual(new Set([...seated.slice(1), waiting[0]]))
    expect(confirmed.entries.every((entry) => entry.status === 'confirmed' && entry.position === null)).toBe(true)

    const queue = [...waiting.slice(1, 4), ...waiting.slice(5)]
    const waitlisted = await allOf('waitlisted')
    expect(waitlisted.pages.map((page) => page.entries.length)).toEqual([20, 1])
    expect(who(waitlisted.entries)).toEqual(queue)
    expect(waitlisted.entries.map((entry) => entry.position)).toEqual(queue.map((_, index) => index + 1))
    expect(waitlisted.entries.every((entry) => entry.status === 'waitlisted')).toBe(true)

    const cancelled = await allOf('cancelled')
    expect(who(cancelled.entries)).toEqual([seated[0], waiting[4]])
    expect(cancelled.entries.every((entry) => entry.status === 'cancelled')).toBe(true)

    const checkedIn = await allOf('checkedIn')
    expect(who(checkedIn.entries)).toEqual([seated[1], waiting[0]])
    expect(checkedIn.entries.every((entry) => entry.checkedInAt !== null && entry.status === 'confirmed')).toBe(true)

    for (const page of [...confirmed.pages, ...waitlisted.pages, ...cancelled.pages, ...checkedIn.pages]) expect(page.counts).toEqual(counts)
    expect(activityDoc(activity.id)).toMatchObject({ confirmed: 22, queue })
  }, 60_000)
})

describe('a cover picture', () => {
  it.each([
    ['a GIF named .png', (): string => uploaded(GIF), ACTIVITY_COVER.badType],
    ['a PNG over 2 MB', (): string => uploaded(Buffer.concat([PNG, Buffer.alloc(ACTIVITY_COVER.maxBytes)])), ACTIVITY_COVER.tooLarge],
    ['a file never uploaded', (): string => 'cloud://local.huiyuan-local/activities/none.png', ACTIVITY_COVER.missing],
  ])('is refused when it is %s, on coverFileId, and no activity is made', async (_label, fileOf, message) => {
    const before = cloud().db.find('activities').length
    const refused = await owner().call('activity', 'create', activityDraft(START, { coverFileId: fileOf() }))
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'coverFileId', message }] } })
    expect(cloud().db.find('activities')).toHaveLength(before)
  })

  it('is kept when it is a PNG and members see it; an update to a GIF is refused and the PNG stays', async () => {
    const fileID = uploaded(PNG)
    const activity = await publishedActivity(as, 'staff-owner', activityDraft(START, { coverFileId: fileID, title: '有封面的活动' }))
    expect(activity).toMatchObject({ coverFileId: fileID })
    expect(fileIdOfUrl(cloud(), activity.coverUrl)).toBe(fileID)
    expect(fileIdOfUrl(cloud(), dataOf(await as('staff-member').call('activity', 'detail', { activityId: activity.id })).coverUrl)).toBe(fileID)
    const listed = dataOf(await as('staff-member').call('activity', 'list', { tab: 'upcoming' })).items.find((item) => item.id === activity.id)
    expect(fileIdOfUrl(cloud(), listed?.coverUrl)).toBe(fileID)

    expect(await owner().call('activity', 'update', { activityId: activity.id, coverFileId: uploaded(GIF) })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'coverFileId', message: ACTIVITY_COVER.badType }] },
    })
    expect(activityDoc(activity.id).coverFileId).toBe(fileID)
  })
})

describe('who may sign up, on the server', () => {
  it('refuses a regular member an activity for gold and above, naming the tier', async () => {
    const activity = await publishedActivity(as, 'staff-owner', activityDraft(START, { minTier: 'gold', title: '金卡专享' }))
    seedMember(cloud(), 'tier-regular')
    seedMember(cloud(), 'tier-gold', { tier: 'gold' })
    expect(await signUp('tier-regular', activity.id)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('金卡') } })
    expect(cloud().db.find('signups', { activityId: activity.id })).toHaveLength(0)
    expect(dataOf(await signUp('tier-gold', activity.id)).activity.standing.state).toBe('confirmed')
  })

  it('opens 24 hours early for a tier with 优先报名, and not for a regular member', async () => {
    const opensAt = new Date(NOW.getTime() + 23 * HOUR)
    const activity = await publishedActivity(as, 'staff-owner', activityDraft(START, { signupOpensAt: toShopDateTime(opensAt), priorityHours: 24, title: '优先报名活动' }))
    seedMember(cloud(), 'early-regular')
    seedMember(cloud(), 'early-gold', { tier: 'gold' })
    seedMember(cloud(), 'early-gold-2', { tier: 'gold' })

    cloud().setNow(new Date(opensAt.getTime() - 25 * HOUR))
    expect(await signUp('early-gold-2', activity.id)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('尚未开放') } })
    cloud().setNow(new Date(opensAt.getTime() - 23 * HOUR))
    expect(await signUp('early-regular', activity.id)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('尚未开放') } })
    expect(dataOf(await signUp('early-gold', activity.id)).activity.standing.state).toBe('confirmed')
    cloud().setNow(opensAt)
    expect(dataOf(await signUp('early-regular', activity.id)).activity.standing.state).toBe('confirmed')
    expect(
      cloud()
        .db.find('signups', { activityId: activity.id })
        .map((signup) => signup.openid),
    ).toEqual(['early-gold', 'early-regular'])
  })
})
