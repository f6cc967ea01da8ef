import { joinPayload } from '../../shared/contract/member'
import { makeCardNo } from '../../shared/domain/cardNumber'
import { decideJoin, type MemberDoc, type MemberSource } from '../../shared/domain/member'
import { parseJoinScene } from '../../shared/domain/scene'
import { membersRepo } from '../../shared/data/members'
import { replaceErasedIn } from '../../shared/data/memberPrivacy'
import { inTransaction } from '../../shared/data/transaction'
import { activitiesRepo } from '../../shared/data/activities'
import { serveBirthday } from '../../shared/app/birthdayPerks'
import { grantedTemplates } from '../../shared/domain/messaging'
import { knownTemplateIds } from '../../shared/runtime/notify'
import { activeRules } from '../../shared/data/rules'
import { isBirthdayToday } from '../../shared/domain/birthday'
import { AppError, defineAction, type Database } from '../../shared/runtime'
import { cardOf } from '../cards'

/** A clash of random card numbers is rare (1 in 10^9 per member); three tries make it vanishing. */
const CARD_NO_ATTEMPTS = 3

/**
 * Joins the caller. Round trips: 1 for a new member (2 with a scene: the store and referrer are
 * read in one aggregate), +1 when they had already joined. Joining on one's birthday (Asia/Shanghai)
 * also issues this year's perk at once (the 00:30 run has passed); only those joins pay for it.
 */
export const join = defineAction({
  schema: joinPayload,
  async handler(form, { db, openid, now }) {
    const members = membersRepo(db)
    // The form is checked before the scene costs a read.
    const check = decideJoin({ openid, form, now, cardNo: '', source: noSource })
    if (!check.ok) throw new AppError('INVALID_INPUT', check.message, [{ path: check.field, message: check.message }])
    const source = { ...(await sourceOf(db, form.scene)), ...(form.activityId ? { activity: await sharedActivity(db, form.activityId) } : {}) }
    for (let attempt = 0; attempt < CARD_NO_ATTEMPTS; attempt++) {
      const decision = decideJoin({ openid, form, now, cardNo: makeCardNo(Math.random), source, granted: grantedTemplates(form.consent ?? {}, knownTemplateIds()) })
      if (!decision.ok) throw new AppError('INVALID_INPUT', decision.message, [{ path: decision.field, message: decision.message }])
      const outcome = await members.insert(decision.member)
      if (outcome.kind === 'inserted') return cardOf(await withBirthdayPerk(db, decision.member, now), db, now)
      if (outcome.kind === 'exists' && outcome.member.erasedAt) {
        // Their earlier membership was erased (注销): they join again as a new member with a new card.
        if (await inTransaction(db, (transaction) => replaceErasedIn(transaction, decision.member))) return cardOf(await withBirthdayPerk(db, decision.member, now), db, now)
        const current = await members.byOpenid(openid)
        if (current && !current.erasedAt) return cardOf(current, db, now)
        continue
      }
      if (outcome.kind === 'exists') return cardOf(await withBirthdayPerk(db, outcome.member, now), db, now)
    }
    throw new AppError('CONFLICT', '会员卡号生成冲突，请重试')
  },
})

const noSource: MemberSource = { store: null, referrer: null, scene: null }

/** Only the store and referrer the database confirms are kept; the rest of the scene is just recorded text. */
async function sourceOf(db: Database, scene: string | undefined): Promise<MemberSource> {
  if (!scene) return noSource
  const reading = parseJoinScene(scene)
  if (!reading.ok) throw new AppError('INVALID_INPUT', reading.message, [{ path: 'scene', message: reading.message }])
  const { store, referrerCardNo } = await membersRepo(db).joinSource(reading.scene.storeId, reading.scene.referrerCardNo)
  return { store: store?._id ?? null, referrer: referrerCardNo, scene }
}

/** The activity a share link named, when the shop has it (a link is only a claim); one read, only for such joins. */
async function sharedActivity(db: Database, activityId: string): Promise<string | null> {
  const activity = await activitiesRepo(db).byId(activityId)
  return activity && activity.status !== 'draft' ? activity._id : null
}

/**
 * The perk through the same keyed helper as the daily job, so it is issued once whichever comes
 * first. The join has committed by now: a failure here is logged, never turned into a failed join.
 */
async function withBirthdayPerk(db: Database, member: MemberDoc, now: Date): Promise<MemberDoc> {
  if (!isBirthdayToday(member.profile.birthday, now)) return member
  try {
    const outcome = await serveBirthday(db, member._id, now, await activeRules(db, now))
    if (outcome.kind !== 'issued' || outcome.points === 0) return member
    return { ...member, pointsBalance: member.pointsBalance + outcome.points, lifetimePoints: member.lifetimePoints + outcome.points }
  } catch (error) {
    console.error('[member.join] birthday perk', error)
    return member
  }
}
