import {
  countSegmentPayload,
  rfmOverviewPayload,
  saveSegmentPayload,
  segmentForPayload,
  segmentRefPayload,
  segmentsPayload,
  setRfmThresholdsPayload,
  tagSegmentPayload,
  type RfmOverview,
  type Segment,
  type SegmentCount,
  type TagResult,
} from '../../shared/contract/marketing'
import { RFM_CLASSES, RFM_LABELS, RFM_STRATEGIES, type RfmThresholds } from '../../shared/contract/marketingFields'
import { segmentsRepo, type RfmSettingsDoc, type SegmentDoc } from '../../shared/data/segments'
import { compileSegment } from '../../shared/domain/segments'
import { AppError, defineAction, invalidInput } from '../../shared/runtime'
import type { Database } from '../../shared/runtime/cloud'

/** 会员分群: how many members each class holds today, its strategy, and the thresholds that define it. */
export const rfmOverview = defineAction({
  schema: rfmOverviewPayload,
  audit: false,
  async handler(_payload, { db }): Promise<RfmOverview> {
    return overviewOf(db, await segmentsRepo(db).rfmSettings())
  },
})

export const setRfmThresholds = defineAction({
  schema: setRfmThresholdsPayload,
  async handler(thresholds, { db, openid, now }): Promise<RfmOverview> {
    const repo = segmentsRepo(db)
    const current = await repo.rfmSettings()
    await repo.setRfmThresholds(current, thresholds, openid, now)
    return overviewOf(db, { ...current, ...thresholds })
  },
})

/** The editor's live count: the filter compiled to fixed query shapes, counted on the indexes. */
export const countSegment = defineAction({
  schema: countSegmentPayload,
  audit: false,
  async handler({ filter }, { db, now }): Promise<SegmentCount> {
    return { members: await segmentsRepo(db).count(compileSegment(filter, now)) }
  },
})

export const segments = defineAction({
  schema: segmentsPayload,
  audit: false,
  async handler(_payload, { db }): Promise<Segment[]> {
    return (await segmentsRepo(db).list()).map(toSegment)
  },
})

export const saveSegment = defineAction({
  schema: saveSegmentPayload,
  async handler({ id, name, filter }, { db, openid, now }): Promise<Segment> {
    const repo = segmentsRepo(db)
    const existing = id ? await repo.byId(id) : null
    if (id && !existing) throw new AppError('NOT_FOUND', '找不到该分群')
    const members = await repo.count(compileSegment(filter, now))
    const doc: SegmentDoc = { _id: existing?._id ?? newSegmentId(now), name, filter, members, createdAt: existing?.createdAt ?? now, updatedAt: now, updatedBy: openid }
    await repo.save(doc)
    return toSegment(doc)
  },
})

/**
 * The saved segment of exactly this filter: one the marketers saved with it, or the one made under
 * an id the filter itself makes, so a second tap (or two at once) lands on the same segment rather
 * than a copy. Its count is refreshed.
 */
export const segmentFor = defineAction({
  schema: segmentForPayload,
  async handler({ name, filter }, { db, openid, now }): Promise<Segment> {
    const repo = segmentsRepo(db)
    // A segment the marketers saved with exactly this filter is the one meant (沉睡会员唤醒 for 沉睡).
    const id = segmentIdOfFilter(filter)
    const existing = (await repo.list()).find((segment) => segment._id === id || segmentIdOfFilter(segment.filter) === id) ?? null
    const members = await repo.count(compileSegment(filter, now))
    const doc: SegmentDoc = {
      _id: existing?._id ?? id,
      name: existing?.name ?? name,
      filter: existing?.filter ?? filter,
      members,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      updatedBy: existing?.updatedBy ?? openid,
    }
    await repo.save(doc)
    return toSegment(doc)
  },
})

/** `S-f-…`: a digest of the filter with its keys (and listed values) in a fixed order. */
export function segmentIdOfFilter(filter: object): string {
  const canonical = JSON.stringify(filter, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : Array.isArray(value)
        ? [...(value as unknown[])].sort()
        : value,
  )
  let a = 0x811c9dc5
  let b = 0x01000193
  for (let i = 0; i < canonical.length; i++) {
    const code = canonical.charCodeAt(i)
    a = Math.imul(a ^ code, 0x01000193) >>> 0
    b = Math.imul(b ^ code, 0x5bd1e995) >>> 0
  }
  return `S-f-${a.toString(36)}${b.toString(36)}`
}

export const deleteSegment = defineAction({
  schema: segmentRefPayload,
  async handler({ id }, { db }): Promise<null> {
    if (!(await segmentsRepo(db).remove(id))) throw new AppError('NOT_FOUND', '找不到该分群')
    return null
  },
})

/** Bulk tagging: the segment's members now gain (or lose) the tag; the count is the members changed. */
export const tagSegment = defineAction({
  schema: tagSegmentPayload,
  async handler({ id, tag, remove }, { db, now }): Promise<TagResult> {
    const repo = segmentsRepo(db)
    const segment = await repo.byId(id)
    if (!segment) throw new AppError('NOT_FOUND', '找不到该分群')
    if (!remove && segment.filter.tags?.includes(tag)) throw invalidInput([{ path: 'tag', message: '该分群的会员都已带有此标签' }])
    return { tag, removed: remove, members: await repo.tag(compileSegment(segment.filter, now), tag, remove) }
  },
})

async function overviewOf(db: Database, settings: RfmSettingsDoc): Promise<RfmOverview> {
  const repo = segmentsRepo(db)
  const counts = await Promise.all(RFM_CLASSES.map((rfm) => repo.countByRfm(rfm)))
  const thresholds: RfmThresholds = {
    newDays: settings.newDays,
    activeDays: settings.activeDays,
    activeMinPurchases: settings.activeMinPurchases,
    activeWindowDays: settings.activeWindowDays,
    atRiskDays: settings.atRiskDays,
    dormantDays: settings.dormantDays,
  }
  return {
    thresholds,
    classes: RFM_CLASSES.map((rfm, index) => ({ rfm, label: RFM_LABELS[rfm], strategy: RFM_STRATEGIES[rfm], members: counts[index] })),
    computedAt: settings.computedAt ? new Date(settings.computedAt).toISOString() : null,
  }
}

function toSegment(doc: SegmentDoc): Segment {
  return { id: doc._id, name: doc.name, filter: doc.filter, members: doc.members, updatedAt: new Date(doc.updatedAt).toISOString(), updatedBy: doc.updatedBy }
}

/** Time-ordered and unguessable enough for a shop's own list. */
export function newSegmentId(now: Date): string {
  return `S${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 8)}`
}
