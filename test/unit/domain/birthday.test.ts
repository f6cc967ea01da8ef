import fc from 'fast-check'
import {
  COUPON_CODE_ALPHABET,
  bannerUntil,
  birthdayKey,
  birthdayMonthDaysFor,
  couponFrom,
  isBirthdayToday,
  isEligible,
  makeCouponCode,
  perkSummary,
  perkYear,
} from '../../../cloudfunctions/shared/domain/birthday'
import { couponCodeField } from '../../../cloudfunctions/shared/contract/coupons'
import type { BirthdayCoupon } from '../../../cloudfunctions/shared/domain/tiers'

/** A moment given as Beijing wall-clock time. */
const beijing = (local: string) => new Date(`${local}+08:00`)

describe('which birthdays are today, in Asia/Shanghai', () => {
  it.each([
    ['the job at 16:30 UTC on 21 November (00:30 on the 22nd in Beijing)', new Date('2026-11-21T16:30:00Z'), ['11-22']],
    ['15:59 UTC on 21 November is still the 21st in Beijing', new Date('2026-11-21T15:59:59Z'), ['11-21']],
    ['23:59 Beijing on 22 November', beijing('2026-11-22T23:59:59'), ['11-22']],
    ['28 February of a non-leap year also serves 29 February births', beijing('2027-02-28T00:30:00'), ['02-28', '02-29']],
    ['28 February of a leap year serves only 28 February', beijing('2028-02-28T00:30:00'), ['02-28']],
    ['29 February of a leap year serves 29 February', beijing('2028-02-29T00:30:00'), ['02-29']],
    ['1 March of a non-leap year serves only 1 March', beijing('2027-03-01T00:30:00'), ['03-01']],
    ['2100 is not a leap year', beijing('2100-02-28T12:00:00'), ['02-28', '02-29']],
    ['2000 was a leap year', beijing('2000-02-28T12:00:00'), ['02-28']],
    ['2000 was a leap year: 29 February 2000 serves 29 February', beijing('2000-02-29T12:00:00'), ['02-29']],
    ['1900 was not a leap year', beijing('1900-02-28T12:00:00'), ['02-28', '02-29']],
    ['2100 is not a leap year: 1 March serves only 1 March', beijing('2100-03-01T00:30:00'), ['03-01']],
    ['2400 is a leap year', beijing('2400-02-28T12:00:00'), ['02-28']],
    ['16:30 UTC on 27 February 2027 is the 28th in Beijing', new Date('2027-02-27T16:30:00Z'), ['02-28', '02-29']],
  ])('%s', (_label, now, expected) => {
    expect(birthdayMonthDaysFor(now)).toEqual(expected)
  })

  it.each([
    ['1990-11-22', new Date('2026-11-21T16:30:00Z'), true],
    ['1990-11-21', new Date('2026-11-21T16:30:00Z'), false],
    ['1988-02-29', beijing('2027-02-28T09:00:00'), true],
    ['1988-02-29', beijing('2028-02-28T09:00:00'), false],
    ['1988-02-29', beijing('2028-02-29T09:00:00'), true],
    ['1990-02-28', beijing('2028-02-28T09:00:00'), true],
    ['1990-02-28', beijing('2027-02-28T09:00:00'), true],
    ['', beijing('2027-02-28T09:00:00'), false],
  ])('born %s at %s: birthday today = %s', (birthday, now, expected) => {
    expect(isBirthdayToday(birthday, now)).toBe(expected)
  })

  /**
   * Any year, with the century years (1900, 2100: common; 2000, 2400: leap) drawn often, since a
   * plain `year % 4` rule is wrong only there and a uniform draw would rarely reach them.
   */
  const years = fc.oneof(
    fc.integer({ min: 1900, max: 2400 }),
    fc.constantFrom(1900, 2000, 2100, 2200, 2300, 2400),
    fc.integer({ min: 19, max: 24 }).map((century) => century * 100),
  )
  /** The calendar's own answer, independent of the code under test: does 29 February exist? */
  const hasLeapDay = (year: number) => new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1

  it('every birthday of a year is served exactly once over that year, 29 February on the 29th only in leap years (property)', () => {
    fc.assert(
      fc.property(years, (year) => {
        const servedOn = new Map<string, string[]>()
        // 04:00 UTC is midday in Beijing, so the UTC date is the shop date.
        for (let day = new Date(Date.UTC(year, 0, 1, 4)); day.getUTCFullYear() === year; day = new Date(day.getTime() + 86_400_000)) {
          for (const monthDay of birthdayMonthDaysFor(day)) servedOn.set(monthDay, [...(servedOn.get(monthDay) ?? []), day.toISOString().slice(5, 10)])
        }
        // 366 month-days, each once (29 February on the 28th in common years).
        return servedOn.size === 366 && [...servedOn.values()].every((days) => days.length === 1) && servedOn.get('02-29')![0] === (hasLeapDay(year) ? '02-29' : '02-28')
      }),
      { numRuns: 40, examples: [[1900], [2000], [2100]] },
    )
  })
})

describe('the perk year and key', () => {
  it('is the Beijing year: 16:30 UTC on 31 December is already next year', () => {
    expect(perkYear(new Date('2026-12-31T16:30:00Z'))).toBe(2027)
    expect(perkYear(new Date('2026-12-31T15:59:00Z'))).toBe(2026)
    expect(birthdayKey('o-abc', 2027)).toBe('birthday:o-abc:2027')
  })
})

describe('who is eligible', () => {
  const member = (birthday: string, joinedAt: Date, removedAt: Date | null = null) => ({
    profile: { name: '张三', gender: 'unknown' as const, birthday, birthdayMD: birthday.slice(5) },
    joinedAt,
    removedAt,
  })
  const run = new Date('2026-11-21T16:30:00Z') // 00:30, 22 November in Beijing

  it.each([
    ['joined long before', member('1990-11-22', beijing('2025-01-01T10:00:00')), true],
    ['joined the day before', member('1990-11-22', beijing('2026-11-21T23:00:00')), true],
    ['joins on the birthday itself (even after the 00:30 run, Beijing time)', member('1990-11-22', beijing('2026-11-22T00:10:00')), true],
    ['joined the day after the birthday', member('1990-11-22', beijing('2026-11-23T08:00:00')), false],
    ['not their birthday', member('1990-11-23', beijing('2025-01-01T10:00:00')), false],
    ['removed member', member('1990-11-22', beijing('2025-01-01T10:00:00'), beijing('2026-10-01T10:00:00')), false],
  ])('%s', (_label, candidate, expected) => {
    expect(isEligible(candidate, run)).toBe(expected)
  })

  it('a member who joined after this year’s birthday waits for next year', () => {
    const joined = member('1990-03-10', beijing('2026-06-01T10:00:00'))
    expect(isEligible(joined, beijing('2026-03-10T09:00:00'))).toBe(false)
    expect(isEligible(joined, beijing('2027-03-10T00:30:00'))).toBe(true)
  })

  it('joining at 23:30 UTC on the 21st is the 22nd in Beijing: the birthday itself', () => {
    const joinedAt = new Date('2026-11-21T23:30:00Z')
    expect(isEligible(member('1990-11-22', joinedAt), joinedAt)).toBe(true)
  })
})

describe('the coupon a perk issues', () => {
  const template: BirthdayCoupon = { title: '生日 ¥10 代金券', kind: 'fixed', value: 1000, itemName: null, minSpendFen: 5000, validDays: 30 }

  it('is valid from the start of today for validDays shop days, ending at the end of the last one', () => {
    const coupon = couponFrom(template, new Date('2026-11-21T16:30:00Z'))
    expect(coupon.validFrom).toEqual(beijing('2026-11-22T00:00:00.000'))
    expect(coupon.validUntil).toEqual(beijing('2026-12-21T23:59:59.999'))
    expect(coupon).toMatchObject({ title: '生日 ¥10 代金券', kind: 'fixed', value: 1000, itemName: null, minSpendFen: 5000 })
  })

  it('a one-day coupon ends at midnight Beijing time of the same day', () => {
    expect(couponFrom({ ...template, validDays: 1 }, beijing('2027-02-28T21:00:00')).validUntil).toEqual(beijing('2027-02-28T23:59:59.999'))
  })

  it('an item coupon carries its item and no value', () => {
    expect(couponFrom({ title: '生日蛋糕一份', kind: 'item', value: 5, itemName: '生日蛋糕', minSpendFen: 0, validDays: 7 }, beijing('2026-05-01T10:00:00'))).toMatchObject({
      kind: 'item',
      value: 0,
      itemName: '生日蛋糕',
      validUntil: beijing('2026-05-07T23:59:59.999'),
    })
  })

  it('the banner lasts as long as the coupon, or the birthday week for points only', () => {
    const issuedAt = beijing('2026-11-22T00:30:00')
    expect(bannerUntil(issuedAt, beijing('2026-12-21T23:59:59.999'))).toEqual(beijing('2026-12-21T23:59:59.999'))
    expect(bannerUntil(issuedAt, null)).toEqual(beijing('2026-11-28T23:59:59.999'))
  })

  it('codes are 10 characters the contract accepts, without look-alikes', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 0.9999999, noNaN: true }), { minLength: 10, maxLength: 10 }), (draws) => {
        let index = 0
        const code = makeCouponCode(() => draws[index++])
        return code.length === 10 && couponCodeField.safeParse(code).success && [...code].every((character) => COUPON_CODE_ALPHABET.includes(character))
      }),
    )
    expect(COUPON_CODE_ALPHABET).not.toMatch(/[01OIL]/)
  })

  it('the message names what was given', () => {
    expect(perkSummary(100, '生日 ¥10 代金券')).toBe('100积分 + 生日 ¥10 代金券')
    expect(perkSummary(50, null)).toBe('50积分')
    expect(perkSummary(0, '生日蛋糕一份')).toBe('生日蛋糕一份')
  })
})
