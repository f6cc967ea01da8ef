import { monthDay, shopDate, shopTime } from './calendar'
import { ledgerKeys } from './ledger'
import type { MemberDoc } from './member'
import type { BirthdayCoupon } from './tiers'

/**
 * Birthday perks on the shop's calendar (Asia/Shanghai): the daily timer runs at 00:30 Beijing
 * time, which is 16:30 UTC the day before, so "today" is never the runtime's UTC date.
 */

/** The `MM-DD` values whose members have their birthday on `now`'s shop date. */
export function birthdayMonthDaysFor(now: Date): string[] {
  const today = shopDate(now)
  const days = [monthDay(today)]
  // Members born on 29 February celebrate on 28 February when the year has no 29th.
  if (days[0] === '02-28' && !isLeapYear(Number(today.slice(0, 4)))) days.push('02-29')
  return days
}

export function isBirthdayToday(birthday: string, now: Date): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(birthday) && birthdayMonthDaysFor(now).includes(monthDay(birthday))
}

/** The year a perk issued at `now` belongs to (its ledger and coupon keys carry it). */
export function perkYear(now: Date): number {
  return Number(shopDate(now).slice(0, 4))
}

/** `birthday:<openid>:<year>`: the ledger row's and the coupon's `_id`, so a perk can exist only once a year. */
export const birthdayKey = ledgerKeys.birthday

export { perkSummary } from './messages'

/**
 * Whether the member gets this year's perk at `now`: it is their birthday today, they are still a
 * member, and they had joined by today. Someone who joins after their birthday waits for the next
 * one; someone who joins on the day itself gets it that day.
 */
export function isEligible(member: Pick<MemberDoc, 'profile' | 'joinedAt' | 'removedAt'>, now: Date): boolean {
  if (member.removedAt) return false
  if (!isBirthdayToday(member.profile.birthday, now)) return false
  return shopDate(new Date(member.joinedAt)) <= shopDate(now)
}

export interface IssuedCoupon {
  title: string
  kind: BirthdayCoupon['kind']
  value: number
  itemName: string | null
  minSpendFen: number
  validFrom: Date
  validUntil: Date
}

/** A coupon valid from the start of today for `validDays` shop days, ending at the end of the last one. */
export function couponFrom(template: BirthdayCoupon, now: Date): IssuedCoupon {
  const today = shopTime(now).startOf('day')
  const days = Math.max(1, Math.floor(template.validDays))
  return {
    title: template.title,
    kind: template.kind,
    value: template.kind === 'item' ? 0 : template.value,
    itemName: template.kind === 'item' ? template.itemName : null,
    minSpendFen: template.minSpendFen,
    validFrom: today.toDate(),
    validUntil: today
      .add(days - 1, 'day')
      .endOf('day')
      .toDate(),
  }
}

/** A points-only perk has no end of its own; the card's banner shows it through the birthday week. */
export const POINTS_ONLY_BANNER_DAYS = 7

/** Until when the card shows the birthday banner: the coupon's validity, or the birthday week. */
export function bannerUntil(issuedAt: Date, couponValidUntil: Date | null): Date {
  if (couponValidUntil) return couponValidUntil
  return shopTime(issuedAt)
    .startOf('day')
    .add(POINTS_ONLY_BANNER_DAYS - 1, 'day')
    .endOf('day')
    .toDate()
}

/** Coupon codes: 10 characters from the look-alike-free alphabet the contract's `couponCodeField` accepts. */
export const COUPON_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const COUPON_CODE_LENGTH = 10

export function makeCouponCode(random: () => number): string {
  let code = ''
  for (let i = 0; i < COUPON_CODE_LENGTH; i++) code += COUPON_CODE_ALPHABET[Math.floor(random() * COUPON_CODE_ALPHABET.length)]
  return code
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}
