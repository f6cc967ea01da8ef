import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections'
import { ERASED_NAME } from '../../cloudfunctions/shared/contract/workspaceFields'
import type { MemberDoc } from '../../cloudfunctions/shared/domain/member'
import { activityDraft, publishedActivity } from '../support/activities'
import { dataOf, useLocalCloud } from '../support/localCloud'
import { memberCodeOf, pointsInvariant, seedMember, seedStaff } from '../support/members'
import { fileFor } from '../support/tickets'

const { cloud, as } = useLocalCloud()

const OPENID = 'erasable-member-1'
/** Personal data distinctive enough that finding any of it anywhere after erasure is a leak. */
const PERSONAL = { name: '莫须有甲乙', phone: '13655501234', birthday: '1987-07-23', tag: '独一无二标签', note: '这位会员喜欢靠窗的座位丙丁', ticket: '咖啡太烫了希望改进戊己庚' }

const memberDoc = (openid = OPENID) => cloud().db.find('members', { _id: openid })[0] as MemberDoc
const auditOf = (action: string) => cloud().db.find('audit', { action }) as Array<{ actor: string; member: string | null; payload: unknown }>

beforeAll(async () => {
  seedStaff(cloud(), { 'owner-1': 'owner', 'admin-1': 'admin', 'cashier-1': 'cashier', 'service-1': 'service', 'marketing-1': 'marketing' })
  seedMember(cloud(), OPENID, {
    profile: { name: PERSONAL.name, gender: 'female', birthday: PERSONAL.birthday, birthdayMD: '07-23', avatarFileId: null, phone: PERSONAL.phone, phone4: '1234' },
    tags: [PERSONAL.tag],
  })
  seedMember(cloud(), 'same-last4-member', { profile: { name: '莫须有另一位', gender: 'male', birthday: '1990-02-02', birthdayMD: '02-02', avatarFileId: null, phone: '13999991234', phone4: '1234' } })
  dataOf(await as('cashier-1').call('points', 'accrue', { memberCode: memberCodeOf(cloud(), OPENID), storeId: 'store-001', orderNo: 'ERASE-0001', amount: 150 }))
  cloud().db.insertMany('coupons', [
    {
      _id: `manual:${OPENID}:open`,
      openid: OPENID,
      code: 'ER4SEM8KQZ',
      title: '¥5 代金券',
      kind: 'fixed',
      value: 500,
      itemName: null,
      minSpendFen: 0,
      validFrom: cloud().now(),
      validUntil: new Date(cloud().now().getTime() + 30 * 86_400_000),
      status: 'available',
      source: 'manual',
      usedAt: null,
      usedBy: null,
      orderNo: null,
      createdAt: cloud().now(),
    },
  ])
  await fileFor(as, OPENID, { text: PERSONAL.ticket })
})

describe('member search', () => {
  it('finds by card number, full phone, last 4 digits and name prefix, and says how it read the query', async () => {
    const { cardNo } = memberDoc()
    const byCard = dataOf(await as('service-1').call('member', 'search', { query: cardNo }))
    expect(byCard).toMatchObject({ by: 'cardNo', members: [{ cardNo, name: PERSONAL.name }], nextCursor: null })
    expect(dataOf(await as('service-1').call('member', 'search', { query: PERSONAL.phone })).members.map((hit) => hit.cardNo)).toEqual([cardNo])
    const byLast4 = dataOf(await as('service-1').call('member', 'search', { query: '1234' }))
    expect(byLast4.by).toBe('phone4')
    expect(byLast4.members.map((hit) => hit.name).sort()).toEqual([PERSONAL.name, '莫须有另一位'].sort())
    const byName = dataOf(await as('service-1').call('member', 'search', { query: '莫须有' }))
    expect(byName.by).toBe('name')
    expect(byName.members).toHaveLength(2)
  })

  it('pages through a name prefix in name order, each member once, ties of one name included', async () => {
    const names = Array.from({ length: 26 }, (_, i) => (i < 12 ? '翻页同名' : `翻页${String.fromCharCode(0x4e00 + i)}`))
    names.forEach((name, i) =>
      seedMember(cloud(), `paging-member-${String(i).padStart(2, '0')}`, { profile: { name, gender: 'unknown', birthday: '1990-01-01', birthdayMD: '01-01', avatarFileId: null, phone: null } }),
    )
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = dataOf(await as('service-1').call('member', 'search', { query: '翻页', ...(cursor ? { cursor } : {}) }))
      seen.push(...page.members.map((hit) => hit.cardNo))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toHaveLength(names.length)
    expect(new Set(seen).size).toBe(names.length)
    expect(await as('service-1').call('member', 'search', { query: '翻页', cursor: 'not-a-cursor' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'cursor' }] } })
  })

  it('masks the phone for everyone but the owner, keeps the searched text out of the audit log, and refuses marketing', async () => {
    const masked = '136****1234'
    for (const role of ['admin-1', 'cashier-1', 'service-1']) {
      expect(dataOf(await as(role).call('member', 'search', { query: PERSONAL.phone })).members[0].phone).toBe(masked)
      expect(dataOf(await as(role).call('member', 'archive', { cardNo: memberDoc().cardNo })).phone).toBe(masked)
    }
    expect(dataOf(await as('owner-1').call('member', 'search', { query: PERSONAL.phone })).members[0].phone).toBe(PERSONAL.phone)
    expect(dataOf(await as('owner-1').call('member', 'archive', { cardNo: memberDoc().cardNo }))).toMatchObject({ phone: PERSONAL.phone, phoneFull: true })
    expect(await as('marketing-1').call('member', 'search', { query: '1234' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await as('marketing-1').call('member', 'archive', { cardNo: memberDoc().cardNo })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(JSON.stringify(auditOf('search'))).not.toContain(PERSONAL.phone)
  })

  it('refuses a bad query naming the field, and writes nothing', async () => {
    const before = cloud().db.find('audit').length
    expect(await as('service-1').call('member', 'search', { query: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'query' }] } })
    expect(await as('service-1').call('member', 'archive', { cardNo: '12' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'cardNo' }] } })
    expect(cloud().db.find('audit')).toHaveLength(before)
  })
})

describe('the member archive', () => {
  it('shows the member whole, and every view (the archive, the till lookup) is audited with who viewed whom', async () => {
    const { cardNo } = memberDoc()
    const viewsBefore = auditOf('archive').length
    const archive = dataOf(await as('cashier-1').call('member', 'archive', { cardNo }))
    expect(archive).toMatchObject({ cardNo, name: PERSONAL.name, birthday: PERSONAL.birthday, tags: [PERSONAL.tag], pointsBalance: 150, removed: false })
    expect(archive.orders.map((order) => order.orderNo)).toEqual(['ERASE-0001'])
    expect(archive.ledger[0]).toMatchObject({ delta: 150 })
    expect(archive.coupons.map((coupon) => coupon.code)).toEqual(['ER4SEM8KQZ'])
    expect(archive.tickets).toHaveLength(1)
    const views = auditOf('archive')
    expect(views).toHaveLength(viewsBefore + 1)
    expect(views[views.length - 1]).toMatchObject({ actor: 'cashier-1', member: OPENID })

    dataOf(await as('cashier-1').call('member', 'lookup', { memberCode: memberCodeOf(cloud(), OPENID) }))
    const lookups = auditOf('lookup')
    expect(lookups[lookups.length - 1]).toMatchObject({ actor: 'cashier-1', member: OPENID, payload: { by: 'memberCode' } })
  })

  it('adds a staff note once per request, with its author and time, its text kept out of the audit log', async () => {
    const { cardNo } = memberDoc()
    const first = dataOf(await as('service-1').call('member', 'addNote', { cardNo, text: PERSONAL.note, requestId: 'note-request-1' }))
    const again = dataOf(await as('service-1').call('member', 'addNote', { cardNo, text: PERSONAL.note, requestId: 'note-request-1' }))
    expect(again).toEqual(first)
    expect(first).toMatchObject({ text: PERSONAL.note, authorName: 'service' })
    expect(cloud().db.find('member_notes', { openid: OPENID })).toHaveLength(1)
    expect(dataOf(await as('admin-1').call('member', 'archive', { cardNo })).notes.map((note) => note.text)).toEqual([PERSONAL.note])
    expect(JSON.stringify(auditOf('addNote'))).not.toContain(PERSONAL.note)
  })

  it('refuses a phone already bound to another member with CONFLICT', async () => {
    seedMember(cloud(), 'phone-binder-1')
    // The emulator's stand-in exchange turns `phone:<digits>` into that number (emulator/openapi/phonenumber.ts).
    expect(await as('phone-binder-1').call('member', 'bindPhone', { code: 'phone:13999991234' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(memberDoc('phone-binder-1').profile.phone).toBeNull()
    dataOf(await as('phone-binder-1').call('member', 'bindPhone', { code: 'phone:13800009876' }))
    expect(memberDoc('phone-binder-1').profile).toMatchObject({ phone: '13800009876', phone4: '9876' })
  })
})

describe('erasing a membership', () => {
  it('leaves no personal data in any collection, forfeits the balance by one ledger row, keeps the accounts, and is idempotent', async () => {
    const owner = 'owner-1'
    const activity = await publishedActivity(as, owner, activityDraft(new Date(cloud().now().getTime() + 3 * 86_400_000), { capacity: 1 }))
    dataOf(await as(OPENID).call('activity', 'signup', { activityId: activity.id }))
    seedMember(cloud(), 'waiting-member-1')
    dataOf(await as('waiting-member-1').call('activity', 'signup', { activityId: activity.id }))
    expect(cloud().db.find('signups', { activityId: activity.id, openid: 'waiting-member-1' })[0]).toMatchObject({ status: 'waitlisted' })

    const ledgerBefore = cloud().db.find('ledger', { openid: OPENID })
    const shopTotals = () => {
      const rows = cloud().db.find('ledger') as Array<{ delta: number; order?: { amountFen: number } }>
      return { salesFen: rows.reduce((sum, row) => sum + (row.order?.amountFen ?? 0), 0), issued: rows.filter((row) => row.delta > 0).reduce((sum, row) => sum + row.delta, 0) }
    }
    const totalsBefore = shopTotals()

    const result = dataOf(await as(OPENID).call('member', 'erase', { confirm: true }))
    expect(result).toMatchObject({ cardNo: memberDoc().cardNo, forfeitedPoints: 150, couponsVoided: 1, signupsCancelled: 1, already: false })

    // Nothing personal anywhere: every collection the product uses, every document.
    for (const collection of COLLECTIONS) {
      const text = JSON.stringify(cloud().db.find(collection))
      for (const [what, value] of Object.entries(PERSONAL)) expect({ collection, what, found: text.includes(value) }).toEqual({ collection, what, found: false })
    }
    expect(memberDoc().profile.name).toBe(ERASED_NAME)

    // The accounts: earlier rows untouched, one forfeit row, Σ ledger = balance = 0, shop totals unchanged.
    const ledgerAfter = cloud().db.find('ledger', { openid: OPENID })
    expect(ledgerAfter.filter((row) => ledgerBefore.some((before) => before._id === row._id))).toEqual(ledgerBefore)
    expect(ledgerAfter).toHaveLength(ledgerBefore.length + 1)
    expect(pointsInvariant(cloud(), OPENID)).toEqual({ balance: 0, ledgerSum: 0, lotsSum: 0, negativeLots: 0 })
    expect(shopTotals()).toEqual(totalsBefore)
    expect(memberDoc().lifetimePoints).toBe(150)

    // The seat went to the waitlist; the coupon can no longer be used; the card is gone.
    expect(cloud().db.find('signups', { activityId: activity.id, openid: 'waiting-member-1' })[0]).toMatchObject({ status: 'confirmed' })
    expect(new Date((cloud().db.find('coupons', { openid: OPENID })[0] as { validUntil: Date }).validUntil).getTime()).toBeLessThanOrEqual(cloud().now().getTime())
    expect(dataOf(await as(OPENID).call('member', 'me', {}))).toBeNull()

    // Again: nothing changes.
    // Again: nothing but the audit entry of the request changes.
    const everything = () => COLLECTIONS.filter((collection) => collection !== 'audit').map((collection) => cloud().db.find(collection))
    const snapshot = everything()
    const second = dataOf(await as(OPENID).call('member', 'erase', { confirm: true }))
    expect(second).toMatchObject({ already: true, forfeitedPoints: 0, couponsVoided: 0, signupsCancelled: 0 })
    expect(everything()).toEqual(snapshot)
  })

  it('lets the same WeChat user join again as a new member with a new card, and reconciliation finds no drift', async () => {
    const erasedCard = memberDoc().cardNo
    const card = dataOf(await as(OPENID).call('member', 'join', { name: '重新加入', birthday: '1991-01-01', gender: 'female' }))
    expect(card.cardNo).not.toBe(erasedCard)
    expect(card).toMatchObject({ name: '重新加入', pointsBalance: 0, tier: 'regular' })
    expect(memberDoc()).toMatchObject({ cardNo: card.cardNo, erasedAt: null })
    dataOf(await as('cashier-1').call('points', 'accrue', { memberCode: memberCodeOf(cloud(), OPENID), storeId: 'store-001', orderNo: 'ERASE-0002', amount: 20 }))
    expect(pointsInvariant(cloud(), OPENID)).toMatchObject({ balance: 20, ledgerSum: 20 })
    const report = dataOf(await as(null).call('jobs', 'reconcile', {}))
    expect(report.driftCount).toBe(0)
  })

  it('the owner removes a member with a reason (audited with the member); nobody else may', async () => {
    const target = seedMember(cloud(), 'removed-by-owner-1')
    for (const caller of ['admin-1', 'cashier-1', 'service-1']) {
      expect(await as(caller).call('member', 'removeMember', { cardNo: target.cardNo, reason: '会员本人到店申请' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(await as('owner-1').call('member', 'removeMember', { cardNo: target.cardNo, reason: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'reason' }] } })
    expect(memberDoc('removed-by-owner-1').erasedAt ?? null).toBeNull()
    expect(dataOf(await as('owner-1').call('member', 'removeMember', { cardNo: target.cardNo, reason: '会员本人到店申请' }))).toMatchObject({ already: false })
    const [entry] = auditOf('removeMember')
    expect(entry).toMatchObject({ actor: 'owner-1', member: 'removed-by-owner-1', payload: { reason: '会员本人到店申请' } })
    expect(dataOf(await as('owner-1').call('member', 'search', { query: target.cardNo })).members[0]).toMatchObject({ name: ERASED_NAME, removed: true })
  })
})
