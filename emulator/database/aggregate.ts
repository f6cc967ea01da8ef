/** aggregateDocuments: the SDK sends `stages: [{ stageKey: '$match', stageValue: '<EJSON>' }]`. */
import { Aggregator, ProcessingMode } from 'mingo';
import type { Doc } from './ejson';
import { DbError, REQUEST_FAILED } from './errors';

/** WeChat cloud returns at most 20 records from an aggregation that has no limit stage. */
export const AGGREGATE_DEFAULT_LIMIT = 20;

export function runPipeline(docs: Doc[], pipeline: Doc[], resolve: (collection: string) => Doc[]): Doc[] {
  const hasLimit = pipeline.some((s) => '$limit' in s);
  try {
    const out = new Aggregator(pipeline, { collectionResolver: resolve, processingMode: ProcessingMode.CLONE_INPUT }).run(docs) as Doc[];
    return hasLimit ? out : out.slice(0, AGGREGATE_DEFAULT_LIMIT);
  } catch (e) {
    throw new DbError(REQUEST_FAILED, `[InvalidParameter] aggregate: ${(e as Error).message}`);
  }
}
