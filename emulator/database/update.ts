/** Update semantics: operator updates (merge: true) and whole-document replacement (merge: false, i.e. set()). */
import { update as mingoUpdate } from 'mingo';
import { Doc, deepClone, deepEqual } from './ejson';
import { DbError, REQUEST_FAILED } from './errors';

/** Apply an update-operator document to a copy of `doc`; returns the new document and whether it changed. */
export function applyUpdate(doc: Doc, spec: Doc): { doc: Doc; changed: boolean } {
  const modifier: Doc = {};
  const plain: Doc = {};
  for (const [k, v] of Object.entries(spec ?? {})) {
    if (k.startsWith('$')) modifier[k] = v;
    else plain[k] = v;
  }
  if (Object.keys(plain).length) modifier.$set = { ...(modifier.$set ?? {}), ...plain };
  for (const op of ['$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$pull', '$pullAll', '$addToSet', '$pop']) {
    const fields = modifier[op];
    if (fields && Object.keys(fields).some((f) => f === '_id' || f.startsWith('_id.'))) {
      if (op === '$set' && deepEqual(fields._id, doc._id)) continue;
      throw new DbError(REQUEST_FAILED, '[InvalidParameter] 不能更新_id的值 (cannot update _id)');
    }
  }
  const next = deepClone(doc);
  try {
    const changed = mingoUpdate(next, modifier as any, undefined, undefined, { cloneMode: 'deep' });
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
