import { birthdayKey, couponFrom, isEligible, makeCouponCode, bannerUntil, perkSummary, perkYear } from '../domain/birthday'
import type { MemberDoc } from '../domain/member'
import { earn, lotExpiry, nextExpiry } from '../domain/points'
import { pointsRulesOf, type Rules } from '../domain/rules'
import { definitionOf } from '../domain/tiers'
import type { Database } from '../runtime/cloud'
import { notify, templateThing, templateTime } from '../runtime/notify'
import type { CouponDoc } from './coupons'
import { isDuplicateKeyError } from './errors'
import { rowsOf } from './results'
import { appendInTransaction, type LedgerRow } from './ledger'
import { pointsStateOf } from './memberPoints'
import { getOrNull, inTransaction } from './transaction'

/**
 * What the member document remembers of the last birthday perk: lets a repeat stop at the read
 * (no writes attempted) and lets the card's banner be one read. The ledger row and the coupon, keyed `birthday:<openid>:<year>`, are what make the perk
 * once-only; this is a convenience beside them.
 */
export interface BirthdayPerkMark {
  year: number
  points: number
  /** The coupon's `_id`, when the perk had one. */
  couponId: string | null
  /** When the birthday points' lot expires (null for a coupon-only perk). */
  pointsExpiresAt: Date | null
  /** The card shows the banner until then. */
  showUntil: Date
  issuedAt: Date
}

export type BirthdayMemberDoc = MemberDoc & { lastBirthdayPerk?: BirthdayPerkMark | null }

export type PerkOutcome =
  | { kind: 'issued'; openid: string; year: number; points: number; pointsExpiresAt: Date | null; coupon: CouponDoc | null }
  | { kind: 'already' }
  /** Not their birthday today, joined after it, removed, or no such member. */
  | { kind: 'ineligible' }
  /** Their tier's perk is empty (no points, no coupon). */
  | { kind: 'none' }

/** Thrown inside the transaction to abort it: this year's perk already exists under its key. */
class PerkAlreadyIssued extends Error {
  constructor(key: string) {
    super(`birthday perk already issued: ${key}`)
  }
}

const isAlreadyIssued = (error: unknown) => error instanceof PerkAlreadyIssued || /birthday perk already issued/.test(String((error as { message?: string; errMsg?: string })?.message ?? '') + String((error as { errMsg?: string })?.errMsg ?? ''))

/** A clash of random 10-character codes (31^10) is vanishingly rare; one retry makes it moot. */
const CODE_ATTEMPTS = 3

/**
 * Issues this year's birthday perk of the member's tier, in one transaction: read the member,
 * check they are eligible today, append the points row (`birthday:<openid>:<year>`, an earn lot),
 * insert the coupon under the same key, update the member. Either key already taken means the perk
 * was issued before (another run, a repeat, the join path): nothing is written and the answer is
 * `already`. Safe to call any number of times, concurrently.
 */
export async function issueBirthdayPerk(db: Database, openid: string, now: Date, rules: Rules): Promise<PerkOutcome> {
  const year = perkYear(now)
  const key = birthdayKey(openid, year)
  const pointsRules = pointsRulesOf(rules)
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction<PerkOutcome>(db, async (transaction) => {
        const member = await getOrNull<BirthdayMemberDoc>(transaction, 'members', openid)
        if (!member || !isEligible(member, now)) return { kind: 'ineligible' }
        if (member.lastBirthdayPerk?.year === year) return { kind: 'already' }
        const perk = definitionOf(member.tier, rules.tiers).birthdayPerk
        if (perk.points <= 0 && !perk.coupon) return { kind: 'none' }

        let state = pointsStateOf(member)
        let pointsExpiresAt: Date | null = null
        if (perk.points > 0) {
          pointsExpiresAt = lotExpiry(now, pointsRules)
          state = earn(state, perk.points, pointsExpiresAt)
          const row: LedgerRow = {
            _id: key,
            openid,
            kind: 'earn',
            delta: perk.points,
            balanceAfter: state.pointsBalance,
            reason: `生日礼遇 ${year}`,
            by: 'system',
            rulesVersion: rules.version,
            createdAt: now,
            expiresAt: pointsExpiresAt,
            ref: `tier:${member.tier}`,
          }
          if ((await appendInTransaction(transaction, row)) === 'duplicate') throw new PerkAlreadyIssued(key)
        }

        let coupon: CouponDoc | null = null
        if (perk.coupon) {
          coupon = { _id: key, openid, code: makeCouponCode(Math.random), ...couponFrom(perk.coupon, now), status: 'available', source: 'birthday', usedAt: null, usedBy: null, orderNo: null, createdAt: now }
          try {
            await transaction.collection('coupons').add({ data: coupon })
          } catch (error) {
            if (isDuplicateKeyError(error)) throw new PerkAlreadyIssued(key)
            throw error
          }
        }

        const mark: BirthdayPerkMark = { year, points: Math.max(0, perk.points), couponId: coupon?._id ?? null, pointsExpiresAt, showUntil: bannerUntil(now, coupon?.validUntil ?? null), issuedAt: now }
        const fields: Record<string, unknown> = { lastBirthdayPerk: db.command.set(mark) }
        if (perk.points > 0) {
          // set() replaces the array whole; a plain array value would be merged element by element.
          Object.assign(fields, { pointsBalance: state.pointsBalance, lifetimePoints: state.lifetimePoints, pointLots: db.command.set(state.pointLots), nextExpiryAt: nextExpiry(state.pointLots) })
        }
        await transaction.collection('members').doc(openid).update({ data: fields })
        return { kind: 'issued', openid, year, points: mark.points, pointsExpiresAt, coupon }
      })
    } catch (error) {
      if (isAlreadyIssued(error)) return { kind: 'already' }
      // A duplicate that escaped the keys above is a coupon-code clash at commit: draw another code.
      if (isDuplicateKeyError(error) && attempt < CODE_ATTEMPTS) continue
      throw error
    }
  }
}

/** Tells the member (consent permitting), after the perk has committed. */
export async function notifyBirthdayPerk(outcome: Extract<PerkOutcome, { kind: 'issued' }>): Promise<void> {
  const validUntil = outcome.coupon?.validUntil ?? outcome.pointsExpiresAt
  await notify(outcome.openid, 'birthdayPerk', {
    thing1: templateThing(perkSummary(outcome.points, outcome.coupon?.title ?? null)),
    time2: templateTime(validUntil ?? outcome.coupon?.validUntil ?? new Date()),
  })
}

/** Issues the perk and, when this call issued it, sends the message. */
export async function serveBirthday(db: Database, openid: string, now: Date, rules: Rules): Promise<PerkOutcome> {
  const outcome = await issueBirthdayPerk(db, openid, now, rules)
  if (outcome.kind === 'issued') await notifyBirthdayPerk(outcome)
  return outcome
}

/**
 * Members whose birthday falls on one of `monthDays`, after `afterId` in `_id` order: `_id`s only,
 * at most `limit` (≤ 1,000, a get()'s cap). Each month-day is its own walk of the
 * (profile.birthdayMD, _id) index, bounded by the cursor and stopping at the page, so a run
 * resuming from its cursor looks only at members it has not reached. On 28 February of a common
 * year the two walks (28th and 29th) are merged in `_id` order.
 */
export async function birthdayIdsAfter(db: Database, monthDays: string[], afterId: string | null, limit: number): Promise<string[]> {
  const _ = db.command
  const members = db.collection('members')
  const pages = await Promise.all(
    monthDays.map(async (monthDay) => {
      const filter: Record<string, unknown> = { 'profile.birthdayMD': monthDay }
      if (afterId !== null) filter._id = _.gt(afterId)
      // Sorting by the index's own key pattern (the month-day is fixed, so this is `_id` order) lets the walk stop at the page.
      return rowsOf<{ _id: string }>(members.where(filter).orderBy('profile.birthdayMD', 'asc').orderBy('_id', 'asc').limit(limit).field({ _id: true }))
    }),
  )
  const ids = pages.flat().map((row) => row._id)
  return (pages.length > 1 ? ids.sort() : ids).slice(0, limit)
}

/** The card's birthday banner facts: the member's last perk mark (one read, just that field). */
export async function lastPerkOf(db: Database, openid: string): Promise<BirthdayPerkMark | null> {
  const { data } = (await db.collection('members').where({ _id: openid }).limit(1).field({ lastBirthdayPerk: true }).get()) as { data: Array<{ lastBirthdayPerk?: BirthdayPerkMark | null }> }
  return data[0]?.lastBirthdayPerk ?? null
}
