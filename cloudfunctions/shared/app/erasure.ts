import type { ErasureResult } from '../contract/archive'
import { ERASED_NAME } from '../contract/workspaceFields'
import { decideErasure } from '../domain/erasure'
import type { MemberDoc } from '../domain/member'
import { applyDecision } from '../data/applyDecision'
import { couponsRepo } from '../data/coupons'
import { activitiesRepo } from '../data/activities'
import { memberIn } from '../data/members'
import { anonymiseIn } from '../data/memberPrivacy'
import { memberNotesRepo } from '../data/memberNotes'
import { erasureScrubs } from '../data/erasureScrubs'
import { activeRules } from '../data/rules'
import { inTransaction } from '../data/transaction'
import { AppError } from '../runtime/errors'
import { storage } from '../runtime/storage'
import type { Database } from '../runtime/cloud'
import { cancelSignup } from './activitySeats'

/**
 * Erases a membership (注销会员), by the member or by the owner. In this order, each step safe to
 * run again: the member's open signups are cancelled through the seats' own rules (seats and
 * waitlists stay right, points paid come back first); their avatar and 我的数据 files are deleted; then one
 * transaction forfeits the balance through the one door, ends the open coupons and anonymises the
 * member document; then the copies of their personal data elsewhere (staff notes, ticket texts and
 * pictures, rating comments, message contents) are deleted or blanked. A second
 * run finds the member erased and only repeats the blanking, which changes nothing by then.
 */
export async function eraseMember(db: Database, member: MemberDoc, by: string, now: Date): Promise<ErasureResult> {
  const openid = member._id
  let already = !!member.erasedAt
  let signupsCancelled = 0
  let forfeitedPoints = 0
  let couponsVoided = 0
  let erasedAt = member.erasedAt ? new Date(member.erasedAt) : now
  if (!already) {
    signupsCancelled = await cancelOpenSignups(db, openid, now)
    // Before the document forgets them: a run cut short here keeps the references and deletes the files next time.
    const files = [member.profile.avatarFileId, member.dataFileId].filter((fileId): fileId is string => !!fileId)
    if (files.length > 0) await storage().remove(files)
    const rules = await activeRules(db, now)
    const openCoupons = await couponsRepo(db).availableOf(openid, now)
    const outcome = await inTransaction(db, async (transaction) => {
      const current = await memberIn(transaction, openid)
      if (!current) throw new AppError('NOT_FOUND', '找不到该会员')
      const decision = decideErasure({ member: current, openCoupons, by, rulesVersion: rules.version, now })
      if (!decision) return { erased: false, forfeited: 0, voided: 0, at: current.erasedAt ? new Date(current.erasedAt) : now }
      await applyDecision(transaction, decision)
      await anonymiseIn(transaction, openid, now)
      return { erased: true, forfeited: -(decision.ledger[0]?.delta ?? 0), voided: decision.voidCoupons?.ids.length ?? 0, at: now }
    })
    forfeitedPoints = outcome.forfeited
    couponsVoided = outcome.voided
    erasedAt = outcome.at
    if (!outcome.erased) already = true
  }
  await memberNotesRepo(db).removeOf(openid)
  await erasureScrubs(db).blankCopiesOf(openid, ERASED_NAME, (fileIDs) => storage().remove(fileIDs))
  return { cardNo: member.cardNo, erasedAt: erasedAt.toISOString(), forfeitedPoints, couponsVoided, signupsCancelled, already }
}

/** Signups still holding a seat or a place in the queue: cancelled as the member would, the rules' refusals (an activity under way) left as they are. */
async function cancelOpenSignups(db: Database, openid: string, now: Date): Promise<number> {
  const signups = await activitiesRepo(db).signupsOf(openid)
  let cancelled = 0
  for (const signup of signups.filter((one) => one.status === 'confirmed' || one.status === 'waitlisted')) {
    try {
      await cancelSignup(db, signup.activityId, openid, now)
      cancelled++
    } catch (error) {
      if (!(error instanceof AppError)) throw error
    }
  }
  return cancelled
}
