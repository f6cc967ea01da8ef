/** Answers one TCB `POST /admin` body (`{ action: 'database.*', collectionName, ... }`) with the JSON the
 *  unmodified wx-server-sdk / @cloudbase/database expects. Shapes are documented in README.md. */
import { randomBytes } from 'node:crypto'
import { Doc, parseEJSON, toEJSON } from './ejson'
import { DbError, INVALID_PARAM, REQUEST_FAILED } from './errors'
import type { IndexSpec } from './indexes'
import { scan, walkIdIndex } from './planner'
import { find, matching } from './query'
import { runPipeline } from './aggregate'
import { Store, idKey, newId } from './store'
import { TxnManager } from './transactions'
import { applyUpdate, replaceDoc } from './update'

export interface Caller {
  openid?: string
}

export interface DbStats {
  roundTrips: number
  byAction: Record<string, number>
  examined: number
  returned: number
}

export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000
/** `WX_API_TOKEN` value a function runner can set so the SDK carries the caller's openid in `wxCloudApiToken`. */
export const OPENID_TOKEN_PREFIX = 'emu-openid:'

export interface HandlerContext {
  store: Store
  txns: TxnManager
  indexes: IndexSpec[]
  strictIndexes: boolean
  now: () => Date
  stats: DbStats
}

type Answer = Record<string, unknown>

const ACTIONS = new Set([
  'database.getDocument',
  'database.calculateDocument',
  'database.insertDocument',
  'database.modifyDocument',
  'database.removeDocument',
  'database.aggregateDocuments',
  'database.startTransaction',
  'database.commitTransaction',
  'database.abortTransaction',
  'database.addCollection',
])

export function requestId(): string {
  return randomBytes(8).toString('hex')
}

export function callerFrom(body: Record<string, unknown>, caller?: Caller): Caller {
  if (caller?.openid) return caller
  const token = body.wxCloudApiToken
  if (typeof token === 'string' && token.startsWith(OPENID_TOKEN_PREFIX)) return { openid: token.slice(OPENID_TOKEN_PREFIX.length) }
  return {}
}

export async function handleBody(ctx: HandlerContext, body: Record<string, unknown>, caller?: Caller): Promise<Answer> {
  const action = String(body.action ?? '')
  ctx.stats.roundTrips++
  // Counted by name only for actions we know: a caller sending made-up names must not grow the table.
  const counted = ACTIONS.has(action) ? action : '(unknown)'
  ctx.stats.byAction[counted] = (ctx.stats.byAction[counted] ?? 0) + 1
  const rid = requestId()
  try {
    const out = dispatch(ctx, action, body, callerFrom(body, caller))
    if ('transactionId' in out && action === 'database.startTransaction') return { requestId: rid, ...out }
    return { requestId: rid, data: out }
  } catch (error) {
    if (error instanceof DbError) return { requestId: rid, code: error.code, message: error.message }
    return { requestId: rid, code: REQUEST_FAILED, message: `[InternalError] ${(error as Error)?.message ?? String(error)}` }
  }
}

function dispatch(ctx: HandlerContext, action: string, body: Record<string, unknown>, caller: Caller): Answer {
  switch (action) {
    case 'database.getDocument':
      return getDocument(ctx, body)
    case 'database.calculateDocument':
      return calculateDocument(ctx, body)
    case 'database.insertDocument':
      return insertDocument(ctx, body, caller)
    case 'database.modifyDocument':
      return modifyDocument(ctx, body, caller)
    case 'database.removeDocument':
      return removeDocument(ctx, body)
    case 'database.aggregateDocuments':
      return aggregateDocuments(ctx, body)
    case 'database.startTransaction':
      return { transactionId: ctx.txns.start().id }
    case 'database.commitTransaction':
      ctx.txns.commit(body.transactionId)
      return {}
    case 'database.abortTransaction':
      ctx.txns.abort(body.transactionId)
      return {}
    case 'database.addCollection':
      ctx.store.coll(collectionName(body))
      return {}
    default:
      throw new DbError(INVALID_PARAM, `[emulator] action ${action || '(none)'} is not emulated`)
  }
}

function collectionName(body: Record<string, unknown>): string {
  const name = body.collectionName
  if (typeof name !== 'string' || !name) throw new DbError(INVALID_PARAM, 'collectionName is required')
  return name
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a request field's EJSON: a filter, a document or an update, as the SDK sent it
function parse(ctx: HandlerContext, value: unknown): any {
  try {
    return parseEJSON(value, ctx.now)
  } catch (error) {
    throw new DbError(INVALID_PARAM, `bad EJSON: ${(error as Error).message}`)
  }
}

/** The `_id` of a `queryType: 'DOC'` request. */
function docId(ctx: HandlerContext, body: Record<string, unknown>): unknown {
  const query = parse(ctx, body.query)
  if (!query || !('_id' in query)) throw new DbError(INVALID_PARAM, 'DOC query without _id')
  return query._id
}

function inTxn(body: Record<string, unknown>): boolean {
  return typeof body.transactionId === 'string' && body.transactionId !== ''
}

function txnDocOnly(body: Record<string, unknown>, what: string): void {
  if (body.queryType !== 'DOC') throw new DbError(REQUEST_FAILED, `[InvalidParameter] transactions only support single-document operations (${what} with where())`)
}

function getDocument(ctx: HandlerContext, body: Record<string, unknown>): Answer {
  const coll = collectionName(body)
  const projection = parse(ctx, body.projection)
  if (inTxn(body)) {
    txnDocOnly(body, 'get')
    const txn = ctx.txns.get(body.transactionId)
    const doc = ctx.txns.read(txn, coll, docId(ctx, body))
    ctx.stats.examined += doc ? 1 : 0
    const list = doc ? find([doc], undefined, { projection }) : []
    ctx.stats.returned += list.length
    return { list: list.map(toEJSON) }
  }
  const filter = parse(ctx, body.query)
  const offset = Math.max(0, Number(body.offset) || 0)
  let limit = Number(body.limit) || DEFAULT_LIMIT
  if (limit > MAX_LIMIT) limit = MAX_LIMIT
  const order = parse(ctx, body.order)
  const walked = walkIdIndex(ctx, coll, filter, order, offset, limit)
  const list = walked ? find(walked, undefined, { projection }) : find(scan(ctx, coll, filter, { order, stopAfter: offset + limit }), filter, { order, offset, limit, projection })
  ctx.stats.returned += list.length
  return { list: list.map(toEJSON), offset, limit }
}

function calculateDocument(ctx: HandlerContext, body: Record<string, unknown>): Answer {
  const coll = collectionName(body)
  const filter = parse(ctx, body.query)
  return { total: matching(scan(ctx, coll, filter), filter).length }
}

function insertDocument(ctx: HandlerContext, body: Record<string, unknown>, caller: Caller): Answer {
  const coll = collectionName(body)
  const raw = Array.isArray(body.data) ? body.data : [body.data]
  const docs: Doc[] = raw.map((rawDoc) => {
    const document = parse(ctx, rawDoc)
    if (!document || typeof document !== 'object' || Array.isArray(document)) throw new DbError(INVALID_PARAM, 'insert data must be an object')
    const doc: Doc = { ...document }
    if (doc._id === undefined || doc._id === null) doc._id = newId()
    if (doc._openid === undefined && caller.openid) doc._openid = caller.openid
    return doc
  })
  if (inTxn(body)) {
    const txn = ctx.txns.get(body.transactionId)
    for (const doc of docs) {
      if (ctx.txns.read(txn, coll, doc._id)) throw duplicateId(coll, doc._id)
    }
    for (const doc of docs) ctx.txns.write(txn, coll, doc._id, doc, true)
  } else {
    ctx.store.batch(() => {
      for (const doc of docs) ctx.store.insert(coll, doc)
    })
  }
  return { insertedIds: docs.map((doc) => doc._id) }
}

function duplicateId(coll: string, id: unknown): DbError {
  return new DbError(REQUEST_FAILED, `[FailedOperation] E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`)
}

function modifyDocument(ctx: HandlerContext, body: Record<string, unknown>, caller: Caller): Answer {
  const coll = collectionName(body)
  const data = parse(ctx, body.data) ?? {}
  const merge = body.merge !== false
  const upsert = body.upsert === true
  if (inTxn(body)) {
    txnDocOnly(body, 'update')
    const txn = ctx.txns.get(body.transactionId)
    const id = docId(ctx, body)
    const old = ctx.txns.read(txn, coll, id)
    ctx.stats.examined += old ? 1 : 0
    if (!old && !upsert) return { updated: 0 }
    if (!merge) {
      const next = replaceDoc(old, id, data)
      if (!old && caller.openid && next._openid === undefined) next._openid = caller.openid
      ctx.txns.write(txn, coll, id, next, !old)
      return old ? { updated: 1 } : { updated: 0, upsert_id: id }
    }
    const { doc, changed } = applyUpdate(old ?? { _id: id }, data)
    if (changed || !old) ctx.txns.write(txn, coll, id, doc, !old)
    return old ? { updated: changed ? 1 : 0 } : { updated: 0, upsert_id: id }
  }
  const isDoc = body.queryType === 'DOC'
  const filter = parse(ctx, body.query)
  const multi = isDoc ? false : body.multi !== false
  const candidates = scan(ctx, coll, filter)
  let targets = matching(candidates, filter)
  if (!multi) targets = targets.slice(0, 1)
  if (!targets.length) {
    if (!upsert) return { updated: 0 }
    const id = filter && filter._id !== undefined && typeof filter._id !== 'object' ? filter._id : newId()
    let doc: Doc
    if (!merge) doc = replaceDoc(undefined, id, data)
    else doc = applyUpdate({ _id: id }, data).doc
    if (doc._openid === undefined && caller.openid) doc._openid = caller.openid
    ctx.store.insert(coll, doc)
    return { updated: 0, upsert_id: id }
  }
  let updated = 0
  ctx.store.batch(() => {
    for (const old of targets) {
      if (!merge) {
        const next = replaceDoc(old, old._id, data)
        ctx.store.put(coll, next)
        updated++
        continue
      }
      const { doc, changed } = applyUpdate(old, data, filter)
      if (changed) {
        ctx.store.put(coll, doc)
        updated++
      }
    }
  })
  return { updated }
}

function removeDocument(ctx: HandlerContext, body: Record<string, unknown>): Answer {
  const coll = collectionName(body)
  if (inTxn(body)) {
    txnDocOnly(body, 'remove')
    const txn = ctx.txns.get(body.transactionId)
    const id = docId(ctx, body)
    const old = ctx.txns.read(txn, coll, id)
    ctx.stats.examined += old ? 1 : 0
    if (!old) return { deleted: 0 }
    ctx.txns.write(txn, coll, id, undefined)
    return { deleted: 1 }
  }
  const filter = parse(ctx, body.query)
  const multi = body.queryType === 'DOC' ? false : body.multi !== false
  let targets = matching(scan(ctx, coll, filter), filter)
  if (!multi) targets = targets.slice(0, 1)
  ctx.store.batch(() => {
    for (const doc of targets) ctx.store.remove(coll, idKey(doc._id))
  })
  return { deleted: targets.length }
}

function aggregateDocuments(ctx: HandlerContext, body: Record<string, unknown>): Answer {
  const coll = collectionName(body)
  const stages = Array.isArray(body.stages) ? body.stages : []
  const pipeline: Doc[] = stages.map((stage: Doc) => {
    const key = String(stage.stageKey ?? '')
    return { [key.startsWith('$') ? key : '$' + key]: parse(ctx, stage.stageValue) }
  })
  const first = pipeline[0]
  const filter = first && '$match' in first ? first.$match : undefined
  // $match, then $sort, then $limit: the same index walk a find() with order and limit gets.
  const sort = pipeline[1] && '$sort' in pipeline[1] ? (pipeline[1].$sort as Doc) : undefined
  const limitStage = sort && pipeline[2] && '$limit' in pipeline[2] ? Number(pipeline[2].$limit) : undefined
  const docs = scan(ctx, coll, filter, limitStage !== undefined && Number.isFinite(limitStage) ? { order: sort, stopAfter: limitStage } : undefined)
  const out = runPipeline(docs, pipeline, (name) => ctx.store.all(name))
  ctx.stats.returned += out.length
  return { list: out.map(toEJSON) }
}
