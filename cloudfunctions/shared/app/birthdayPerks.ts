import type { MemberDoc } from '../domain/member'
import { isKeyTaken } from '../data/applyDecision'
import { isDuplicateKeyError } from '../data/errors'
import { memberIn } from '../data/members'
import { inTransaction } from '../data/transaction'
import { makeCouponCode, perkYear } from '../domain/birthday'
import { decideBirthdayPerk, type NoPerk } from '../domain/birthdayPerk'
import type { CouponDoc } from '../domain/coupons'
import type { Rules } from '../domain/rules'
import type { Database } from '../runtime/cloud'
import { deliver, knownState } from './deliver'
import { settle, type Applied } from './commands'

export type PerkOutcome = { kind: 'issued'; openid: string; year: number; points: number; pointsExpiresAt: Date | null; coupon: CouponDoc | null } | NoPerk

/** A clash of random 10-character codes (31^10) is vanishingly rare; one retry makes it moot. */
const CODE_ATTEMPTS = 3

/**
 * Issues this year's birthday perk of the member's tier in one transaction (domain/birthdayPerk
 * decides, applyDecision writes the points row, the coupon and the member together) and, when
 * this call issued it, tells the member after the commit. A key already taken means the perk was
 * issued before (another run, a repeat, the join path): nothing is written and the answer is
 * `already`. Safe to call any number of times, concurrently.
 */
export async function serveBirthday(db: Database, openid: string, now: Date, rules: Rules): Promise<PerkOutcome> {
  const outcome = await issue(db, openid, now, rules)
  if (outcome.kind !== 'applied') return outcome
  const { decision, member } = outcome
  await deliver(decision.messages, knownState(member), db)
  const [pointsRow] = decision.ledger
  return { kind: 'issued', openid, year: perkYear(now), points: pointsRow?.delta ?? 0, pointsExpiresAt: pointsRow?.expiresAt ?? null, coupon: decision.coupon }
}

async function issue(db: Database, openid: string, now: Date, rules: Rules): Promise<(Applied & { member: MemberDoc | null }) | NoPerk> {
  for (let attempt = 1; ; attempt++) {
    try {
      let member: MemberDoc | null = null
      const outcome = await inTransaction(db, async (transaction) => {
        member = await memberIn(transaction, openid)
        return settle(transaction, decideBirthdayPerk(member, rules, now, makeCouponCode(Math.random)))
      })
      return outcome.kind === 'repeat' ? { kind: 'already' } : outcome.kind === 'applied' ? { ...outcome, member } : outcome
    } catch (error) {
      if (isKeyTaken(error)) return { kind: 'already' }
      // A duplicate that escaped the keys is a coupon-code clash at commit: draw another code.
      if (isDuplicateKeyError(error) && attempt < CODE_ATTEMPTS) continue
      throw error
    }
  }
}
