/** aggregateDocuments: the SDK sends `stages: [{ stageKey: '$match', stageValue: '<EJSON>' }]`. */
import { Aggregator, ProcessingMode } from 'mingo';
import type { Doc } from './ejson';
import { DbError, REQUEST_FAILED } from './errors';

/** WeChat cloud returns at most 20 records from an aggregation that has no limit stage. */
export const AGGREGATE_DEFAULT_LIMIT = 20;

export function runPipeline(docs: Doc[], pipeline: Doc[], resolve: (collection: string) => Doc[]): Doc[] {
  const hasLimit = pipeline.some((s) => '$limit' in s);
  try {
    // $sample is done here (without replacement, like MongoDB's random-sort path); mingo samples with replacement
    let out: Doc[] = docs;
    let segment: Doc[] = [];
    const flush = () => {
      if (segment.length) out = new Aggregator(segment, { collectionResolver: resolve, processingMode: ProcessingMode.CLONE_INPUT }).run(out) as Doc[];
      segment = [];
    };
    for (const stage of pipeline) {
      if ('$sample' in stage) {
        flush();
        out = sample(out, Number(stage.$sample?.size) || 0);
      } else segment.push(stage);
    }
    flush();
    if (out === docs) out = [...docs];
    return hasLimit ? out : out.slice(0, AGGREGATE_DEFAULT_LIMIT);
  } catch (e) {
    throw new DbError(REQUEST_FAILED, `[InvalidParameter] aggregate: ${(e as Error).message}`);
  }
}

function sample(docs: Doc[], size: number): Doc[] {
  const a = [...docs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, Math.max(0, size));
}
