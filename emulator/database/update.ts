/** Update semantics: operator updates (merge: true) and whole-document replacement (merge: false, i.e. set()). */
import { update as mingoUpdate } from 'mingo'
import { Doc, deepClone, deepEqual } from './ejson'
import { DbError, REQUEST_FAILED } from './errors'

const PATH_OPS = ['$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$pull', '$pullAll', '$addToSet', '$pop']

/**
 * Apply an update-operator document to a copy of `doc`; returns the new document and whether it changed.
 * `condition` is the where() filter: MongoDB's positional `'items.$.k'` updates the element it matched.
 */
export function applyUpdate(doc: Doc, spec: Doc, condition?: Doc): { doc: Doc; changed: boolean } {
  const modifier: Doc = {}
  const plain: Doc = {}
  for (const [key, value] of Object.entries(spec ?? {})) {
    if (key.startsWith('$')) modifier[key] = value
    else plain[key] = value
  }
  if (Object.keys(plain).length) modifier.$set = { ...(modifier.$set ?? {}), ...plain }
  for (const op of PATH_OPS) {
    const fields = modifier[op]
    if (fields && Object.keys(fields).some((field) => field === '_id' || field.startsWith('_id.'))) {
      if (op === '$set' && deepEqual(fields._id, doc._id)) continue
      throw new DbError(REQUEST_FAILED, '[InvalidParameter] 不能更新_id的值 (cannot update _id)')
    }
  }
  checkTargets(doc, modifier)
  addToSetAsPush(doc, modifier)
  const next = deepClone(doc)
  try {
    const changed = mingoUpdate(next, modifier as Parameters<typeof mingoUpdate>[1], undefined, condition, { cloneMode: 'deep' })
    if (changed.length) fillHoles(next)
    return { doc: next, changed: changed.length > 0 && !deepEqual(doc, next) }
  } catch (error) {
    throw new DbError(REQUEST_FAILED, `[FailedOperation] ${(error as Error).message}`)
  }
}

/** set(): replace the whole document, keeping `_id` (and `_openid` unless the new data carries one). */
export function replaceDoc(old: Doc | undefined, id: unknown, data: Doc): Doc {
  const { _id: _ignored, ...rest } = data ?? {}
  const next: Doc = { _id: id, ...deepClone(rest) }
  if (old && old._openid !== undefined && next._openid === undefined) next._openid = old._openid
  return next
}

/** MongoDB pads an array written past its end with nulls (`'arr.5': 1`); mingo leaves holes. */
function fillHoles(value: unknown): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) value[i] = null
      else fillHoles(value[i])
    }
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date) && !(value instanceof RegExp) && !(value as Doc)._bsontype) {
    for (const child of Object.values(value)) fillHoles(child)
  }
}

type Target = { found: true; value: unknown } | { found: false; blocked?: { field: string; parent: string; value: unknown } }

/** Where a dotted update path lands in `doc`: its value, missing (creatable), or blocked by a scalar/array on the way. */
function target(doc: Doc, path: string): Target {
  let cur: unknown = doc
  let parent = ''
  for (const part of path.split('.')) {
    const isArray = Array.isArray(cur)
    const isObject = !isArray && cur !== null && typeof cur === 'object' && !(cur instanceof Date) && !(cur instanceof RegExp) && !(cur as Doc)._bsontype
    if ((isArray && !/^\d+$/.test(part)) || (!isArray && !isObject)) return { found: false, blocked: { field: part, parent, value: cur } }
    cur = isArray ? (cur as unknown[])[Number(part)] : (cur as Doc)[part]
    if (cur === undefined) return { found: false }
    parent = part
  }
  return { found: true, value: cur }
}

function bsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (value instanceof Date) return 'date'
  if (value instanceof RegExp) return 'regex'
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 2 ** 31 ? 'int' : 'double'
  if (typeof value === 'boolean') return 'bool'
  return typeof value === 'object' ? 'object' : typeof value
}

function brief(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

const CREATING_OPS = new Set(['$set', '$inc', '$mul', '$min', '$max', '$push', '$addToSet'])

/**
 * MongoDB refuses these updates with an error; mingo silently skips them (updated: 0), which would hide a
 * bug that fails in the cloud. Paths with a positional `$` are left to mingo, which resolves the element.
 */
function checkTargets(doc: Doc, modifier: Doc): void {
  const fail = (message: string) => {
    throw new DbError(REQUEST_FAILED, `[FailedOperation] ${message}`)
  }
  const id = `{_id: ${brief(doc._id)}}`
  for (const op of PATH_OPS) {
    const fields = modifier[op]
    if (!fields || typeof fields !== 'object') continue
    for (const path of Object.keys(fields)) {
      if (path.includes('$')) continue
      const field = path.split('.').pop()!
      const resolved = target(doc, path)
      if (!resolved.found) {
        if (resolved.blocked && CREATING_OPS.has(op)) fail(`Cannot create field '${resolved.blocked.field}' in element {${resolved.blocked.parent}: ${brief(resolved.blocked.value)}}`)
        continue
      }
      const value = resolved.value
      const type = bsonType(value)
      if ((op === '$inc' || op === '$mul') && typeof value !== 'number') {
        fail(`Cannot apply ${op} to a value of non-numeric type. ${id} has the field '${field}' of non-numeric type ${type}`)
      }
      if (Array.isArray(value)) continue
      if (op === '$push') fail(`The field '${field}' must be an array but is of type ${type} in document ${id}`)
      if (op === '$addToSet') fail(`Cannot apply $addToSet to non-array field. Field named '${field}' has non-array type ${type}`)
      if (op === '$pop') fail(`Path '${path}' contains an element of non-array type '${type}'`)
      if (op === '$pull' || op === '$pullAll') fail(`Cannot apply ${op} to a non-array value`)
    }
  }
}

/**
 * `$addToSet` as MongoDB does it: append the values not already present, leaving existing duplicates alone.
 * (mingo's rebuilds the array as a set, dropping duplicates that were already there.)
 */
function addToSetAsPush(doc: Doc, modifier: Doc): void {
  if (!modifier.$addToSet || typeof modifier.$addToSet !== 'object') return
  // A copy: the paths handled below are deleted from it, and the request's own spec is shared by every
  // document one where().update() changes (deleting from it left all but the first unchanged).
  const spec: Doc = { ...modifier.$addToSet }
  modifier.$addToSet = spec
  for (const path of Object.keys(spec)) {
    if (path.includes('$') || (modifier.$push && path in modifier.$push)) continue
    const arg = spec[path]
    const values: unknown[] = arg && typeof arg === 'object' && !Array.isArray(arg) && Array.isArray(arg.$each) ? arg.$each : [arg]
    const resolved = target(doc, path)
    const current = resolved.found && Array.isArray(resolved.value) ? (resolved.value as unknown[]) : []
    const add: unknown[] = []
    for (const value of values) if (!current.some((existing) => deepEqual(existing, value)) && !add.some((added) => deepEqual(added, value))) add.push(value)
    delete spec[path]
    if (!add.length && resolved.found) continue
    modifier.$push = { ...(modifier.$push ?? {}), [path]: { $each: add } }
  }
  if (!Object.keys(spec).length) delete modifier.$addToSet
}
