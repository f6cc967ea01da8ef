/** Filters, ordering, paging and projection with MongoDB semantics (mingo). */
import { Query } from 'mingo';
import type { Doc } from './ejson';
import { DbError, REQUEST_FAILED } from './errors';

export function compile(filter: Doc | undefined): Query {
  try {
    return new Query(filter ?? {});
  } catch (e) {
    throw new DbError(REQUEST_FAILED, `[InvalidParameter] bad query: ${(e as Error).message}`);
  }
}

export function matching(docs: Doc[], filter: Doc | undefined): Doc[] {
  if (!filter || Object.keys(filter).length === 0) return docs;
  const q = compile(filter);
  return docs.filter((d) => q.test(d));
}

export interface FindOptions {
  order?: Record<string, 1 | -1>;
  offset?: number;
  limit?: number;
  projection?: Doc;
}

export function find(docs: Doc[], filter: Doc | undefined, opts: FindOptions): Doc[] {
  const projection = opts.projection && Object.keys(opts.projection).length ? opts.projection : undefined;
  try {
    let cursor = compile(filter).find<Doc>(docs, projection);
    if (opts.order && Object.keys(opts.order).length) cursor = cursor.sort(opts.order as any);
    if (opts.offset) cursor = cursor.skip(opts.offset);
    if (opts.limit !== undefined) cursor = cursor.limit(opts.limit);
    return cursor.all();
  } catch (e) {
    if (e instanceof DbError) throw e;
    throw new DbError(REQUEST_FAILED, `[InvalidParameter] ${(e as Error).message}`);
  }
}
