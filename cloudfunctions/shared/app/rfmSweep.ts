import type { RfmClass } from '../contract/marketingFields'
import { segmentsRepo, type ClassificationFacts, type RfmSettingsDoc } from '../data/segments'
import { shopDate } from '../domain/calendar'
import type { MemberDoc } from '../domain/member'
import { classify, NEVER_PURCHASED, segmentFigures } from '../domain/rfm'
import type { Database } from '../runtime/cloud'
import { tallyMember, type SnapshotTally, type TalliedMember } from '../domain/stats'
import { workThrough, type Budget } from './jobChunks'

const PAGE = 500
const WRITERS = 10

/**
 * The daily classification: every member's RFM class and segment figures as of today, written only
 * where they changed. It walks `_id` order from a cursor kept in `settings/rfm`, so a run cut short
 * resumes, and each Beijing day is walked once.
 */
export async function classifyMembers(db: Database, now: Date, budget: Budget): Promise<{ classified: number; changed: number; done: boolean }> {
  const repo = segmentsRepo(db)
  const settings = await repo.rfmSettings()
  const today = shopDate(now)
  const walk = settings.walk?.day === today ? settings.walk : { day: today, cursor: null, done: false }
  if (walk.done) return { classified: 0, changed: 0, done: true }
  let cursor = walk.cursor
  // The members' snapshot for the statistics, tallied as they are walked (a walk starting again starts it again).
  const tally: SnapshotTally = walk.cursor === null ? {} : (walk.tally ?? {})
  let classified = 0
  let changed = 0
  for (;;) {
    if (!budget.canTakeMore()) {
      await repo.saveRfmWalk(settings, { day: today, cursor, done: false, tally })
      return { classified, changed, done: false }
    }
    const page = await repo.classificationFacts(cursor, PAGE)
    if (page.length === 0) break
    const results = await workThrough(page, WRITERS, budget, async (member) => {
      const patch = patchOf(member, settings, now)
      if (!member.removedAt && !member.erasedAt) tallyMember(tally, talliedOf(member, patch), now)
      if (!patch) return false
      await repo.setClassification(member._id, patch)
      return true
    })
    classified += results.length
    changed += results.filter(Boolean).length
    // The budget can run out while the page is read: then nobody on it was taken, and the cursor stays.
    if (results.length > 0) cursor = page[results.length - 1]._id
    if (results.length < page.length) continue
  }
  await repo.saveRfmWalk({ ...settings, computedAt: now }, { day: today, cursor, done: true, tally })
  return { classified, changed, done: true }
}

/** The member as the snapshot counts them: after today's classification. */
function talliedOf(member: ClassificationFacts, patch: ReturnType<typeof patchOf>): TalliedMember {
  const seg = patch?.seg ?? member.seg ?? { spend12mFen: 0, purchases12m: 0 }
  const rfm = patch && 'rfm' in patch ? (patch.rfm ?? null) : (member.rfm ?? null)
  return {
    tier: member.tier,
    store: member.source?.store ?? null,
    rfm,
    joinedAt: new Date(member.joinedAt),
    lastPurchaseAt: member.lastPurchaseAt ? new Date(member.lastPurchaseAt) : null,
    spend12mFen: seg.spend12mFen,
    purchases12m: seg.purchases12m,
  }
}

/** The fields to write, or null when the stored ones are already today's. */
export function patchOf(member: ClassificationFacts, thresholds: RfmSettingsDoc, now: Date): (Pick<MemberDoc, 'rfmAt'> & Partial<Pick<MemberDoc, 'rfm' | 'seg' | 'lastPurchaseAt'>>) | null {
  const rfm: RfmClass | null = member.removedAt
    ? null
    : classify({ joinedAt: new Date(member.joinedAt), lastPurchaseAt: member.lastPurchaseAt, recentPurchases: member.recentPurchases }, thresholds, now)
  const seg = segmentFigures(member.activity, now)
  const patch: Partial<Pick<MemberDoc, 'rfm' | 'seg' | 'lastPurchaseAt'>> = {}
  if (member.rfm !== rfm) patch.rfm = rfm
  if (member.seg?.spend12mFen !== seg.spend12mFen || member.seg?.purchases12m !== seg.purchases12m) patch.seg = seg
  if (!member.lastPurchaseAt) patch.lastPurchaseAt = NEVER_PURCHASED
  if (Object.keys(patch).length === 0) return null
  return { ...patch, rfmAt: now }
}
