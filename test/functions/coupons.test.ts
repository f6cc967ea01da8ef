import { dataOf, useLocalCloud } from '../support/localCloud'
import { memberCodeOf, pointsInvariant, seedMember, seedStaff } from '../support/members'
import type { CouponDoc } from '../../cloudfunctions/shared/data/coupons'
import type { MemberDoc } from '../../cloudfunctions/shared/domain/member'
import type { TierId } from '../../cloudfunctions/shared/contract/enums'

const { cloud, as } = useLocalCloud({ maxInstances: 6 })

const NOW = new Date('2026-11-25T15:00:00+08:00')
const LONG_AGO = new Date('2024-03-01T10:00:00+08:00')

let codeSequence = 0
/** A coupon as the birthday perk writes it, straight into the store. */
function seedCoupon(openid: string, overrides: Partial<CouponDoc> = {}): CouponDoc {
  codeSequence++
  const coupon: CouponDoc = {
    _id: `test:${openid}:${codeSequence}`,
    openid,
    code: `TEST${[...String(codeSequence).padStart(6, '0')].map((digit) => 'ABCDEFGHJK'[Number(digit)]).join('')}`,
    title: '生日 ¥10 代金券',
    kind: 'fixed',
    value: 1000,
    itemName: null,
    minSpendFen: 5000,
    validFrom: new Date('2026-11-22T00:00:00+08:00'),
    validUntil: new Date('2026-12-21T23:59:59.999+08:00'),
    status: 'available',
    source: 'birthday',
    usedAt: null,
    usedBy: null,
    orderNo: null,
    createdAt: new Date(NOW.getTime() - 86_400_000 + codeSequence * 1000),
    ...overrides,
  }
  cloud().db.insertMany('coupons', [coupon])
  return coupon
}

function born(openid: string, birthday: string, tier: TierId = 'regular', overrides: Partial<MemberDoc> = {}): MemberDoc {
  return seedMember(cloud(), openid, {
    profile: { name: `会员${openid}`, gender: 'unknown', birthday, birthdayMD: birthday.slice(5), avatarFileId: null, phone: null },
    tier,
    joinedAt: LONG_AGO,
    ...overrides,
  })
}

const couponDoc = (code: string) => cloud().db.find('coupons', { code })[0] as CouponDoc

beforeEach(() => {
  cloud().db.clear()
  cloud().setNow(NOW)
  seedStaff(cloud(), { 'owner-1': 'owner', 'cashier-1': 'cashier', 'cashier-2': 'cashier', 'service-1': 'service' })
})
afterAll(() => cloud().setNow(null))

describe('coupons.wallet', () => {
  it('lists the member’s own coupons newest first, by status, with expired ones shown as expired', async () => {
    born('wallet-a', '1990-01-01')
    born('wallet-b', '1990-01-01')
    const old = seedCoupon('wallet-a', { title: '旧券', validUntil: new Date('2026-11-20T23:59:59.999+08:00'), createdAt: new Date('2026-10-01T10:00:00+08:00') })
    const used = seedCoupon('wallet-a', { title: '已用券', status: 'used', usedAt: new Date('2026-11-23T12:00:00+08:00'), usedBy: 'cashier-1', createdAt: new Date('2026-11-01T10:00:00+08:00') })
    const fresh = seedCoupon('wallet-a', { title: '新券', createdAt: new Date('2026-11-22T00:30:00+08:00') })
    seedCoupon('wallet-b', { title: '别人的券' })

    const wallet = dataOf(await as('wallet-a').call('coupons', 'wallet', {}))
    expect(wallet.counts).toEqual({ available: 1, used: 1, expired: 1 })
    expect(wallet.coupons.map((coupon) => [coupon.title, coupon.status])).toEqual([
      ['新券', 'available'],
      ['已用券', 'used'],
      ['旧券', 'expired'],
    ])
    expect(wallet.coupons[0]).toEqual({
      code: fresh.code,
      title: '新券',
      kind: 'fixed',
      value: 1000,
      itemName: null,
      minSpendFen: 5000,
      validFrom: '2026-11-21T16:00:00.000Z',
      validUntil: '2026-12-21T15:59:59.999Z',
      status: 'available',
      source: 'birthday',
      usedAt: null,
    })
    expect(wallet.coupons[1].usedAt).toBe('2026-11-23T04:00:00.000Z')
    expect(JSON.stringify(wallet)).not.toContain('wallet-a')

    expect(dataOf(await as('wallet-a').call('coupons', 'wallet', { status: 'expired' })).coupons.map((coupon) => coupon.code)).toEqual([old.code])
    expect(dataOf(await as('wallet-a').call('coupons', 'wallet', { status: 'used' })).coupons.map((coupon) => coupon.code)).toEqual([used.code])
    expect(dataOf(await as('wallet-visitor').call('coupons', 'wallet', {}))).toEqual({ coupons: [], counts: { available: 0, used: 0, expired: 0 } })
  })

  it('becomes expired at the end of the coupon’s last Beijing day, not before', async () => {
    born('edge', '1990-01-01')
    seedCoupon('edge', { validUntil: new Date('2026-11-30T23:59:59.999+08:00') })
    cloud().setNow(new Date('2026-11-30T23:59:00+08:00'))
    expect(dataOf(await as('edge').call('coupons', 'wallet', {})).counts).toEqual({ available: 1, used: 0, expired: 0 })
    cloud().setNow(new Date('2026-12-01T00:00:00+08:00'))
    expect(dataOf(await as('edge').call('coupons', 'wallet', {})).counts).toEqual({ available: 0, used: 0, expired: 1 })
  })

  it('refuses bad input and calls without an OPENID', async () => {
    expect(await as('wallet-a').call('coupons', 'wallet', { status: 'gone' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    // A payload's openid is ignored: the wallet is always the caller's own.
    seedCoupon('wallet-b')
    expect(dataOf(await as('wallet-a').call('coupons', 'wallet', { openid: 'wallet-b' })).coupons).toEqual([])
    expect(await as(null).call('coupons', 'wallet', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
})

describe('coupons.birthday (the card’s banner)', () => {
  it('shows this year’s perk while it is valid, then nothing', async () => {
    born('banner-silver', '1990-11-22', 'silver')
    born('banner-regular', '1990-11-22', 'regular')
    born('banner-none', '1990-05-01', 'gold')
    cloud().setNow(new Date('2026-11-22T00:30:00+08:00'))
    dataOf(await as(null).call('jobs', 'birthdays', {}))

    cloud().setNow(new Date('2026-11-25T10:00:00+08:00'))
    const silver = dataOf(await as('banner-silver').call('coupons', 'birthday', {}))
    expect(silver).toMatchObject({ year: 2026, points: 100, coupon: { title: '生日 ¥10 代金券', status: 'available' }, validUntil: '2026-12-21T15:59:59.999Z' })
    // Points only: the points' own expiry is what "有效期至" says; the banner shows for the birthday week.
    expect(dataOf(await as('banner-regular').call('coupons', 'birthday', {}))).toEqual({ year: 2026, points: 50, coupon: null, validUntil: '2027-11-30T15:59:59.999Z' })
    expect(dataOf(await as('banner-none').call('coupons', 'birthday', {}))).toBeNull()
    expect(dataOf(await as('banner-visitor').call('coupons', 'birthday', {}))).toBeNull()

    cloud().setNow(new Date('2026-11-29T00:00:00+08:00'))
    expect(dataOf(await as('banner-regular').call('coupons', 'birthday', {}))).toBeNull()
    expect(dataOf(await as('banner-silver').call('coupons', 'birthday', {}))).not.toBeNull()
    cloud().setNow(new Date('2026-12-22T00:00:00+08:00'))
    expect(dataOf(await as('banner-silver').call('coupons', 'birthday', {}))).toBeNull()
  })
})

describe('coupons.redeem at the till', () => {
  it('applies a coupon once and tells the cashier whose it is; the wallet shows it used', async () => {
    born('redeem-a', '1990-01-01')
    const coupon = seedCoupon('redeem-a')
    const inspected = dataOf(await as('cashier-1').call('coupons', 'inspect', { code: coupon.code.toLowerCase() }))
    expect(inspected).toMatchObject({ code: coupon.code, status: 'available', memberName: '会员redeem-a', cardNo: expect.stringMatching(/^\d{10}$/) })
    expect(couponDoc(coupon.code).status).toBe('available')

    const result = dataOf(await as('cashier-1').call('coupons', 'redeem', { code: coupon.code, orderNo: 'A-1001' }))
    expect(result).toMatchObject({ code: coupon.code, status: 'used', memberName: '会员redeem-a' })
    expect(couponDoc(coupon.code)).toMatchObject({ status: 'used', usedBy: 'cashier-1', orderNo: 'A-1001' })
    // The emulated clock keeps running from NOW.
    expect(Math.abs(new Date(result.usedAt ?? 0).getTime() - NOW.getTime())).toBeLessThan(5_000)
    expect(await as('cashier-1').call('coupons', 'redeem', { code: coupon.code })).toEqual({ ok: false, error: { code: 'CONFLICT', message: '该券已被使用' } })
    expect(dataOf(await as('redeem-a').call('coupons', 'wallet', {})).counts).toEqual({ available: 0, used: 1, expired: 0 })
    // Staff actions are audited by the router.
    expect(cloud().db.find('audit', { fn: 'coupons', action: 'redeem' })).toEqual([expect.objectContaining({ actor: 'cashier-1', role: 'cashier', payload: { code: coupon.code, orderNo: 'A-1001' } })])
  })

  it('two cashiers scanning the same coupon at once: one success, one CONFLICT', async () => {
    born('race-a', '1990-01-01')
    for (let round = 0; round < 5; round++) {
      const coupon = seedCoupon('race-a')
      const results = await Promise.all([as('cashier-1').call('coupons', 'redeem', { code: coupon.code }), as('cashier-2').call('coupons', 'redeem', { code: coupon.code })])
      expect(results.filter((result) => result.ok)).toHaveLength(1)
      expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, error: { code: 'CONFLICT', message: '该券已被使用' } }])
      const winner = results[0].ok ? 'cashier-1' : 'cashier-2'
      expect(couponDoc(coupon.code)).toMatchObject({ status: 'used', usedBy: winner })
    }
  })

  it('an expired coupon cannot be redeemed', async () => {
    born('expired-a', '1990-01-01')
    const coupon = seedCoupon('expired-a', { validUntil: new Date('2026-11-24T23:59:59.999+08:00') })
    expect(dataOf(await as('cashier-1').call('coupons', 'inspect', { code: coupon.code })).status).toBe('expired')
    expect(await as('cashier-1').call('coupons', 'redeem', { code: coupon.code })).toEqual({ ok: false, error: { code: 'CONFLICT', message: '该券已过期' } })
    expect(couponDoc(coupon.code)).toMatchObject({ status: 'available', usedAt: null })
  })

  it('an unknown code is NOT_FOUND; a malformed one INVALID_INPUT; nothing is written', async () => {
    expect(await as('cashier-1').call('coupons', 'redeem', { code: 'ZZZZZZZZZZ' })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '券码不存在' } })
    expect(await as('cashier-1').call('coupons', 'inspect', { code: 'ZZZZZZZZZZ' })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '券码不存在' } })
    for (const payload of [{}, { code: 'SHORT' }, { code: 'ABCDEFGH10' }, { code: { $ne: null } }, { code: 'ABCDEFGH23', orderNo: 'bad order!' }, { code: 'ABCDEFGH23', extra: 1 }]) {
      expect(await as('cashier-1').call('coupons', 'redeem', payload)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    expect(cloud().db.find('coupons')).toHaveLength(0)
  })

  it('a member cannot redeem (FORBIDDEN), not even their own; a cashier cannot redeem their own coupon', async () => {
    born('self-member', '1990-01-01')
    born('cashier-1', '1990-01-01')
    const members = seedCoupon('self-member')
    const cashiers = seedCoupon('cashier-1')
    for (const action of ['redeem', 'inspect'] as const) {
      expect(await as('self-member').call('coupons', action, { code: members.code })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(await as('self-member').call('coupons', 'memberCoupons', { memberCode: memberCodeOf(cloud(), 'self-member') })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await as('service-1').call('coupons', 'redeem', { code: members.code })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await as('cashier-1').call('coupons', 'redeem', { code: cashiers.code })).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '不能核销自己的优惠券' } })
    expect(couponDoc(members.code).status).toBe('available')
    expect(couponDoc(cashiers.code).status).toBe('available')
    // Another cashier may apply it.
    expect(await as('cashier-2').call('coupons', 'redeem', { code: cashiers.code })).toMatchObject({ ok: true })
  })

  it('redeems a coupon the birthday job issued, and the member’s points stay consistent', async () => {
    born('job-gold', '1990-11-22', 'gold')
    cloud().setNow(new Date('2026-11-22T00:30:00+08:00'))
    dataOf(await as(null).call('jobs', 'birthdays', {}))
    const [coupon] = dataOf(await as('job-gold').call('coupons', 'wallet', { status: 'available' })).coupons
    expect(coupon).toMatchObject({ title: '生日蛋糕一份', kind: 'item', itemName: '生日蛋糕' })
    expect(dataOf(await as('cashier-1').call('coupons', 'redeem', { code: coupon.code }))).toMatchObject({ status: 'used', itemName: '生日蛋糕' })
    expect(pointsInvariant(cloud(), 'job-gold')).toEqual({ balance: 200, ledgerSum: 200, lotsSum: 200, negativeLots: 0 })
  })
})

describe('coupons.memberCoupons', () => {
  it('a scanned member code shows their usable coupons, soonest to expire first', async () => {
    born('scan-a', '1990-01-01')
    const later = seedCoupon('scan-a', { validUntil: new Date('2027-01-31T23:59:59.999+08:00') })
    const sooner = seedCoupon('scan-a', { validUntil: new Date('2026-11-30T23:59:59.999+08:00') })
    seedCoupon('scan-a', { status: 'used' })
    seedCoupon('scan-a', { validUntil: new Date('2026-11-01T23:59:59.999+08:00') })
    seedCoupon('scan-b')
    const listed = dataOf(await as('cashier-1').call('coupons', 'memberCoupons', { memberCode: memberCodeOf(cloud(), 'scan-a') }))
    expect(listed.map((coupon) => coupon.code)).toEqual([sooner.code, later.code])
    expect(listed.every((coupon) => coupon.status === 'available')).toBe(true)
  })

  it('a forged or expired member code is INVALID_INPUT; a removed member NOT_MEMBER', async () => {
    born('scan-removed', '1990-01-01', 'regular', { removedAt: new Date('2026-10-01T00:00:00+08:00') })
    expect(await as('cashier-1').call('coupons', 'memberCoupons', { memberCode: 'not-a-code' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const code = memberCodeOf(cloud(), 'scan-removed')
    expect(await as('cashier-1').call('coupons', 'memberCoupons', { memberCode: code })).toMatchObject({ ok: false, error: { code: 'NOT_MEMBER' } })
    cloud().setNow(new Date(NOW.getTime() + 5 * 60_000))
    expect(await as('cashier-1').call('coupons', 'memberCoupons', { memberCode: code })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})
