/** aggregateDocuments: the SDK sends `stages: [{ stageKey: '$match', stageValue: '<EJSON>' }]`. */
import { Aggregator, ProcessingMode } from 'mingo'
import type { Doc } from './ejson'
import { DbError, REQUEST_FAILED } from './errors'
import { compareValues, sortDocs } from './query'

/** WeChat cloud returns at most 20 records from an aggregation that has no limit stage. */
export const AGGREGATE_DEFAULT_LIMIT = 20

export function runPipeline(docs: Doc[], pipeline: Doc[], resolve: (collection: string) => Doc[]): Doc[] {
  const hasLimit = pipeline.some((stage) => '$limit' in stage)
  try {
    checkStages(pipeline)
    // $sample, $sort, $bucket and $count are done here, where mingo differs from MongoDB: it samples with
    // replacement (MongoDB's random-sort path draws without), sorts arrays descending by their smallest element,
    // puts a value equal to a boundary in the bucket below and emits empty buckets.
    let out: Doc[] = docs
    let segment: Doc[] = []
    const flush = () => {
      if (segment.length) out = new Aggregator(segment, { collectionResolver: resolve, processingMode: ProcessingMode.CLONE_INPUT }).run(out) as Doc[]
      segment = []
    }
    for (const stage of pipeline) {
      if ('$sample' in stage) {
        flush()
        out = sample(out, Number(stage.$sample?.size) || 0)
      } else if ('$sort' in stage && isPlainSort(stage.$sort)) {
        flush()
        out = sortDocs(out, stage.$sort)
      } else if ('$bucket' in stage) {
        flush()
        out = bucket(out, stage.$bucket, resolve)
      } else if ('$count' in stage && typeof stage.$count === 'string') {
        flush()
        // MongoDB's $count is a $group on null: no input, no output document (mingo answers a 0 count).
        out = out.length ? [{ [stage.$count]: out.length }] : []
      } else segment.push(stage)
    }
    flush()
    if (out === docs) out = [...docs]
    return hasLimit ? out : out.slice(0, AGGREGATE_DEFAULT_LIMIT)
  } catch (error) {
    throw new DbError(REQUEST_FAILED, `[InvalidParameter] aggregate: ${(error as Error).message}`)
  }
}

function isPlainSort(spec: unknown): spec is Record<string, 1 | -1> {
  return !!spec && typeof spec === 'object' && Object.keys(spec).length > 0 && Object.values(spec).every((value) => value === 1 || value === -1)
}

/** MongoDB refuses these (mingo would answer an empty or unchanged list). */
function checkStages(pipeline: Doc[]): void {
  for (const stage of pipeline) {
    if ('$limit' in stage && !(Number.isInteger(stage.$limit) && stage.$limit > 0)) throw new Error('the limit must be positive')
    if ('$skip' in stage && !(Number.isInteger(stage.$skip) && stage.$skip >= 0)) throw new Error('Argument to $skip cannot be negative')
  }
}

/** MongoDB's $bucket: lower bounds inclusive, buckets in boundary order then `default`, only non-empty ones. */
function bucket(docs: Doc[], spec: Doc, resolve: (collection: string) => Doc[]): Doc[] {
  const bounds: unknown[] = Array.isArray(spec?.boundaries) ? spec.boundaries : []
  if (bounds.length < 2) throw new Error('$bucket: must specify at least two boundaries.')
  const keys = new Aggregator([{ $project: { _id: 0, k: spec.groupBy } }], { collectionResolver: resolve }).run(docs) as Doc[]
  const groups = new Map<number, Doc[]>()
  docs.forEach((doc, i) => {
    const groupKey = keys[i].k ?? null
    let at = bounds.findIndex((low, j) => j < bounds.length - 1 && compareValues(groupKey, low) >= 0 && compareValues(groupKey, bounds[j + 1]) < 0)
    if (at < 0) {
      if (!('default' in spec)) throw new Error('$bucket could not find a matching branch for an input, and no default was specified.')
      at = bounds.length - 1
    }
    groups.set(at, [...(groups.get(at) ?? []), doc])
  })
  const output = spec.output ?? { count: { $sum: 1 } }
  return [...groups.keys()]
    .sort((left, right) => left - right)
    .map((at) => {
      const [acc] = new Aggregator([{ $group: { _id: null, ...output } }], { collectionResolver: resolve }).run(groups.get(at)!) as Doc[]
      const { _id: _ignored, ...fields } = acc
      return { _id: at === bounds.length - 1 ? spec.default : bounds[at], ...fields }
    })
}

function sample(docs: Doc[], size: number): Doc[] {
  const shuffled = [...docs]
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]]
  }
  return shuffled.slice(0, Math.max(0, size))
}
