/** Update semantics: operator updates (merge: true) and whole-document replacement (merge: false, i.e. set()). */
import { update as mingoUpdate } from 'mingo';
import { Doc, deepClone, deepEqual } from './ejson';
import { DbError, REQUEST_FAILED } from './errors';

const PATH_OPS = ['$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$pull', '$pullAll', '$addToSet', '$pop'];

/**
 * Apply an update-operator document to a copy of `doc`; returns the new document and whether it changed.
 * `condition` is the where() filter: MongoDB's positional `'items.$.k'` updates the element it matched.
 */
export function applyUpdate(doc: Doc, spec: Doc, condition?: Doc): { doc: Doc; changed: boolean } {
  const modifier: Doc = {};
  const plain: Doc = {};
  for (const [k, v] of Object.entries(spec ?? {})) {
    if (k.startsWith('$')) modifier[k] = v;
    else plain[k] = v;
  }
  if (Object.keys(plain).length) modifier.$set = { ...(modifier.$set ?? {}), ...plain };
  for (const op of PATH_OPS) {
    const fields = modifier[op];
    if (fields && Object.keys(fields).some((f) => f === '_id' || f.startsWith('_id.'))) {
      if (op === '$set' && deepEqual(fields._id, doc._id)) continue;
      throw new DbError(REQUEST_FAILED, '[InvalidParameter] 不能更新_id的值 (cannot update _id)');
    }
  }
  checkTargets(doc, modifier);
  addToSetAsPush(doc, modifier);
  const next = deepClone(doc);
  try {
    const changed = mingoUpdate(next, modifier as any, undefined, condition, { cloneMode: 'deep' });
    if (changed.length) fillHoles(next);
    return { doc: next, changed: changed.length > 0 && !deepEqual(doc, next) };
  } catch (e) {
    throw new DbError(REQUEST_FAILED, `[FailedOperation] ${(e as Error).message}`);
  }
}

/** set(): replace the whole document, keeping `_id` (and `_openid` unless the new data carries one). */
export function replaceDoc(old: Doc | undefined, id: unknown, data: Doc): Doc {
  const { _id: _ignored, ...rest } = data ?? {};
  const next: Doc = { _id: id, ...deepClone(rest) };
  if (old && old._openid !== undefined && next._openid === undefined) next._openid = old._openid;
  return next;
}

/** MongoDB pads an array written past its end with nulls (`'arr.5': 1`); mingo leaves holes. */
function fillHoles(v: unknown): void {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) v[i] = null;
      else fillHoles(v[i]);
    }
  } else if (v !== null && typeof v === 'object' && !(v instanceof Date) && !(v instanceof RegExp) && !(v as Doc)._bsontype) {
    for (const x of Object.values(v)) fillHoles(x);
  }
}

type Target = { found: true; value: unknown } | { found: false; blocked?: { field: string; parent: string; value: unknown } };

/** Where a dotted update path lands in `doc`: its value, missing (creatable), or blocked by a scalar/array on the way. */
function target(doc: Doc, path: string): Target {
  let cur: unknown = doc;
  let parent = '';
  for (const part of path.split('.')) {
    const isArray = Array.isArray(cur);
    const isObject = !isArray && cur !== null && typeof cur === 'object' && !(cur instanceof Date) && !(cur instanceof RegExp) && !(cur as Doc)._bsontype;
    if ((isArray && !/^\d+$/.test(part)) || (!isArray && !isObject)) return { found: false, blocked: { field: part, parent, value: cur } };
    cur = isArray ? (cur as unknown[])[Number(part)] : (cur as Doc)[part];
    if (cur === undefined) return { found: false };
    parent = part;
  }
  return { found: true, value: cur };
}

function bsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 31 ? 'int' : 'double';
  if (typeof v === 'boolean') return 'bool';
  return typeof v === 'object' ? 'object' : typeof v;
}

function brief(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

const CREATING_OPS = new Set(['$set', '$inc', '$mul', '$min', '$max', '$push', '$addToSet']);

/**
 * MongoDB refuses these updates with an error; mingo silently skips them (updated: 0), which would hide a
 * bug that fails in the cloud. Paths with a positional `$` are left to mingo, which resolves the element.
 */
function checkTargets(doc: Doc, modifier: Doc): void {
  const fail = (message: string) => {
    throw new DbError(REQUEST_FAILED, `[FailedOperation] ${message}`);
  };
  const id = `{_id: ${brief(doc._id)}}`;
  for (const op of PATH_OPS) {
    const fields = modifier[op];
    if (!fields || typeof fields !== 'object') continue;
    for (const path of Object.keys(fields)) {
      if (path.includes('$')) continue;
      const field = path.split('.').pop()!;
      const t = target(doc, path);
      if (!t.found) {
        if (t.blocked && CREATING_OPS.has(op)) fail(`Cannot create field '${t.blocked.field}' in element {${t.blocked.parent}: ${brief(t.blocked.value)}}`);
        continue;
      }
      const v = t.value;
      const type = bsonType(v);
      if ((op === '$inc' || op === '$mul') && typeof v !== 'number') {
        fail(`Cannot apply ${op} to a value of non-numeric type. ${id} has the field '${field}' of non-numeric type ${type}`);
      }
      if (Array.isArray(v)) continue;
      if (op === '$push') fail(`The field '${field}' must be an array but is of type ${type} in document ${id}`);
      if (op === '$addToSet') fail(`Cannot apply $addToSet to non-array field. Field named '${field}' has non-array type ${type}`);
      if (op === '$pop') fail(`Path '${path}' contains an element of non-array type '${type}'`);
      if (op === '$pull' || op === '$pullAll') fail(`Cannot apply ${op} to a non-array value`);
    }
  }
}

/**
 * `$addToSet` as MongoDB does it: append the values not already present, leaving existing duplicates alone.
 * (mingo's rebuilds the array as a set, dropping duplicates that were already there.)
 */
function addToSetAsPush(doc: Doc, modifier: Doc): void {
  const spec = modifier.$addToSet;
  if (!spec || typeof spec !== 'object') return;
  for (const path of Object.keys(spec)) {
    if (path.includes('$') || (modifier.$push && path in modifier.$push)) continue;
    const arg = spec[path];
    const values: unknown[] = arg && typeof arg === 'object' && !Array.isArray(arg) && Array.isArray(arg.$each) ? arg.$each : [arg];
    const t = target(doc, path);
    const current = t.found && Array.isArray(t.value) ? (t.value as unknown[]) : [];
    const add: unknown[] = [];
    for (const v of values) if (!current.some((c) => deepEqual(c, v)) && !add.some((a) => deepEqual(a, v))) add.push(v);
    delete spec[path];
    if (!add.length && t.found) continue;
    modifier.$push = { ...(modifier.$push ?? {}), [path]: { $each: add } };
  }
  if (!Object.keys(spec).length) delete modifier.$addToSet;
}
