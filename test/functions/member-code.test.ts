import { dataOf, useLocalCloud } from '../support/localCloud'
import { LOCAL_MEMBER_CODE_SECRET } from '../../local/cloud'
import { makeCardNo } from '../../cloudfunctions/shared/domain/cardNumber'
import { issueMemberCode } from '../../cloudfunctions/shared/domain/memberCode'
import { DEFAULT_RULES, draftOf } from '../../cloudfunctions/shared/domain/rules'
import { priceCheckout } from '../../cloudfunctions/shared/contract/checkoutPrice'

const { cloud, as } = useLocalCloud()
const form = { name: '码主', birthday: '1991-03-04', gender: 'female' as const }

beforeAll(async () => {
  cloud().db.insertMany('staff', [
    { _id: 'code-owner', name: '店主', role: 'owner' },
    { _id: 'code-cashier', name: '收银', role: 'cashier' },
    { _id: 'code-service', name: '客服', role: 'service' },
    { _id: 'code-marketing', name: '营销', role: 'marketing' },
  ])
  dataOf(await as('code-a').call('member', 'join', form))
  dataOf(await as('code-b').call('member', 'join', { ...form, name: '另一位' }))
  dataOf(await as('code-b').call('member', 'bindPhone', { code: 'phone:13812345678' }))
})

afterEach(() => cloud().setNow(null))

/** Flips one character inside the sealed body, keeping it valid base64url. */
function tamper(code: string): string {
  const at = Math.floor(code.length / 2)
  return code.slice(0, at) + (code[at] === 'A' ? 'B' : 'A') + code.slice(at + 1)
}

describe('member.code', () => {
  it('issues a short-lived code that names the member without their OPENID, in one round trip', async () => {
    cloud().db.resetStats()
    const issued = dataOf(await as('code-a').call('member', 'code', {}))
    expect(cloud().db.stats().roundTrips).toBe(1)
    expect(issued.code).not.toContain('code-a')
    expect(Buffer.from(issued.code.split('.')[1], 'base64url').toString('latin1')).not.toContain('code-a')
    const lifetime = (Date.parse(issued.expiresAt) - cloud().now().getTime()) / 1000
    expect(lifetime).toBeGreaterThan(50)
    expect(lifetime).toBeLessThanOrEqual(60)
    expect(issued.refreshInSeconds).toBeGreaterThan(0)
    expect(issued.refreshInSeconds).toBeLessThan(lifetime)
  })

  it('answers NOT_MEMBER to someone who has not joined, or whose membership was removed', async () => {
    expect(await as('code-stranger').call('member', 'code', {})).toMatchObject({ ok: false, error: { code: 'NOT_MEMBER' } })
    seedRemovedMember('code-removed')
    expect(await as('code-removed').call('member', 'code', {})).toMatchObject({ ok: false, error: { code: 'NOT_MEMBER' } })
  })

  it('a valid code of a member removed since it was issued is NOT_MEMBER at the till', async () => {
    const { code } = issueMemberCode('code-removed', cloud().now(), LOCAL_MEMBER_CODE_SECRET)
    expect(await as('code-cashier').call('member', 'lookup', { memberCode: code })).toMatchObject({ ok: false, error: { code: 'NOT_MEMBER' } })
    const { code: nobody } = issueMemberCode('code-never-joined', cloud().now(), LOCAL_MEMBER_CODE_SECRET)
    expect(await as('code-cashier').call('member', 'lookup', { memberCode: nobody })).toMatchObject({ ok: false, error: { code: 'NOT_MEMBER' } })
  })

  it('a code sealed with another secret is refused as invalid', async () => {
    const { code } = issueMemberCode('code-a', cloud().now(), 'someone-elses-secret-value')
    expect(await as('code-cashier').call('member', 'lookup', { memberCode: code })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '会员码无效' } })
  })

  it('rejects bad input with INVALID_INPUT', async () => {
    expect(await as('code-a').call('member', 'code', { cardNo: '1' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})

describe('member.lookup', () => {
  it('finds the member a valid code names, with the phone masked', async () => {
    const { code } = dataOf(await as('code-b').call('member', 'code', {}))
    const view = dataOf(await as('code-cashier').call('member', 'lookup', { memberCode: code }))
    expect(view).toMatchObject({ name: '另一位', phoneMasked: '138****5678', phoneBound: true, discountPercent: 0 })
    expect(JSON.stringify(view)).not.toContain('13812345678')
    expect(JSON.stringify(view)).not.toContain('code-b')
  })

  it('resolves another member’s code to that member, not to the caller', async () => {
    const mine = dataOf(await as('code-a').call('member', 'me', {}))!
    const theirs = dataOf(await as('code-b').call('member', 'me', {}))!
    const { code } = dataOf(await as('code-b').call('member', 'code', {}))
    dataOf(await as('code-owner').call('member', 'join', form))
    const view = dataOf(await as('code-owner').call('member', 'lookup', { memberCode: code }))
    expect(view.cardNo).toBe(theirs.cardNo)
    expect(view.cardNo).not.toBe(mine.cardNo)
  })

  it('refuses an expired code with a message the cashier can act on', async () => {
    const { code, expiresAt } = dataOf(await as('code-a').call('member', 'code', {}))
    cloud().setNow(new Date(Date.parse(expiresAt) + 1000))
    expect(await as('code-cashier').call('member', 'lookup', { memberCode: code })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '会员码已过期，请让会员刷新', fields: [{ path: 'memberCode' }] },
    })
  })

  it('accepts a code until it expires', async () => {
    const { code, expiresAt } = dataOf(await as('code-a').call('member', 'code', {}))
    cloud().setNow(new Date(Date.parse(expiresAt) - 2000))
    expect(await as('code-cashier').call('member', 'lookup', { memberCode: code })).toMatchObject({ ok: true })
  })

  it.each([
    ['a flipped character', (code: string) => tamper(code)],
    ['a forged body', () => `M1.${Buffer.alloc(60, 7).toString('base64url')}`],
    ['another version', (code: string) => code.replace(/^M1\./, 'M2.')],
    ['plain text', () => 'demo-member-gold-forever'],
  ])('refuses %s as 会员码无效', async (_label, change) => {
    const { code } = dataOf(await as('code-a').call('member', 'code', {}))
    expect(await as('code-cashier').call('member', 'lookup', { memberCode: change(code) })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '会员码无效' },
    })
  })

  it('finds a member by card number; an unknown card number is NOT_FOUND', async () => {
    const card = dataOf(await as('code-a').call('member', 'me', {}))!
    expect(dataOf(await as('code-service').call('member', 'lookup', { cardNo: card.cardNo })).name).toBe('码主')
    expect(await as('code-cashier').call('member', 'lookup', { cardNo: '1000000009' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('is for cashier and above: a member or marketing gets FORBIDDEN', async () => {
    const { code } = dataOf(await as('code-a').call('member', 'code', {}))
    expect(await as('code-a').call('member', 'lookup', { memberCode: code })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await as('code-marketing').call('member', 'lookup', { memberCode: code })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await as(null).call('member', 'lookup', { memberCode: code })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it.each([
    ['no payload', undefined],
    ['both code and card', { memberCode: 'M1.abcdefghijklmnop', cardNo: '1000000009' }],
    ['a short card number', { cardNo: '12345' }],
    ['a $-key', { cardNo: { $ne: '' } }],
  ])('rejects %s with INVALID_INPUT', async (_label, payload) => {
    expect(await as('code-cashier').call('member', 'lookup', payload as Record<string, unknown>)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('answers the points-as-cash rule in force with the member, in one read on a warm instance (and the audit entry of the view)', async () => {
    const { code } = dataOf(await as('code-b').call('member', 'code', {}))
    const card = dataOf(await as('code-b').call('member', 'me', {}))!
    dataOf(await as('code-cashier').call('member', 'lookup', { memberCode: code }))
    cloud().db.resetStats()
    const byCode = dataOf(await as('code-cashier').call('member', 'lookup', { memberCode: code }))
    // The member document, then the audit entry a view of personal data writes: the cashier's role and the rules come from the instance's caches.
    expect(cloud().db.stats().roundTrips).toBe(2)
    expect(cloud().db.find('audit', { action: 'lookup' }).at(-1)).toMatchObject({ actor: 'code-cashier', member: 'code-b' })
    expect(byCode.cashRule).toEqual({ pointsPerCashYuan: DEFAULT_RULES.points.pointsPerCashYuan, maxCashShare: DEFAULT_RULES.points.maxCashShare })
    cloud().db.resetStats()
    const byCard = dataOf(await as('code-cashier').call('member', 'lookup', { cardNo: card.cardNo }))
    expect(cloud().db.stats().roundTrips).toBe(2)
    expect(byCard.cashRule).toEqual(byCode.cashRule)
  })

  // Last in this file: it publishes new rules.
  it('follows a published change once the 30 s rules cache has passed, and the points function applies the same rule', async () => {
    const draft = draftOf(DEFAULT_RULES)
    draft.points = { ...draft.points, pointsPerCashYuan: 50, maxCashShare: 0.3 }
    dataOf(await as('code-owner').call('tiers', 'publish', { draft, explanation: '积分抵现调整为 50 积分抵 ¥1' }))
    cloud().setNow(new Date(Date.now() + 31_000))
    const { code } = dataOf(await as('code-a').call('member', 'code', {}))
    const view = dataOf(await as('code-cashier').call('member', 'lookup', { memberCode: code }))
    expect(view.cashRule).toEqual({ pointsPerCashYuan: 50, maxCashShare: 0.3 })
    const quote = dataOf(await as('code-cashier').call('points', 'quote', { memberCode: code, amount: 100 }))
    expect(quote).toMatchObject({ pointsPerCashYuan: 50, maxCashShare: 0.3 })
    // What the till's checkout says before sending is what the server says after.
    for (const [points, amount] of [
      [120, 100],
      [400, 10],
    ]) {
      const priced = priceCheckout({
        amountFen: amount * 100,
        discountPercent: quote.discountPercent,
        coupon: null,
        points,
        pointsBalance: quote.pointsBalance,
        pointsPerCashYuan: quote.pointsPerCashYuan,
        maxCashShare: quote.maxCashShare,
      })
      expect(priced.ok).toBe(false)
      const message = priced.ok ? null : priced.problem.message
      const checkout = await as('code-cashier').call('points', 'checkout', { memberCode: code, storeId: 'store-001', orderNo: `CR${points}`, amount, points })
      expect(checkout).toMatchObject({ ok: false, error: { message, fields: [{ path: 'points' }] } })
    }
  })
})

/** Removal is a staff feature of its own; the member document stays, marked `removedAt`. */
function seedRemovedMember(openid: string) {
  const [template] = cloud().db.find('members', { _id: 'code-a' })
  let cardNo = template.cardNo
  while (cloud().db.find('members', { cardNo }).length > 0) cardNo = makeCardNo(Math.random)
  cloud().db.insertMany('members', [{ ...template, _id: openid, _openid: openid, cardNo, removedAt: cloud().now() }])
}
