/** Runs the conformance cases through the real wx-server-sdk against the emulator and renders CONFORMANCE.md. */
import * as path from 'node:path';
import { EJSON } from 'bson';
import { startHarness } from '../sdk-harness';
import type { Case, Sdk } from './case';
import { CASES, FIXTURES, INDEXES, NOW, runnerOf } from './cases';

export const CONFORMANCE_MD = path.resolve(__dirname, '..', '..', 'CONFORMANCE.md');

export interface Outcome {
  case: Case;
  /** the answer through the case's view, or `{ rejects }`, normalised */
  answer: unknown;
  then?: Record<string, unknown[]>;
  sends: Array<Record<string, unknown>>;
}

/** Body fields that are plumbing, not the request's meaning. */
const PLUMBING = new Set(['envName', 'tcb_sessionToken', 'wxCloudApiToken', 'wxCloudbaseAccesstoken', 'crossAuthorizationToken', 'collectionName']);

export async function runCases(cases: Case[] = CASES): Promise<Outcome[]> {
  const h = await startHarness({ now: () => NOW, indexes: INDEXES });
  const sent: Array<Record<string, unknown>> = [];
  const handle = h.db.handle.bind(h.db);
  h.db.handle = (body, caller) => {
    sent.push(body);
    return handle(body, caller);
  };
  const db = h.sdb;
  const sdk: Sdk = { db, _: db.command, $: db.command.aggregate, cloud: h.cloud, emu: h.db };
  const outcomes: Outcome[] = [];
  try {
    for (const c of cases) {
      h.db.clear();
      h.db.setFault({ conflictNextCommits: 0 });
      for (const name of c.uses ?? []) h.db.insertMany(name, FIXTURES[name].docs);
      sent.length = 0;
      let answer: unknown;
      try {
        const raw = await runnerOf(c)(sdk);
        answer = c.view ? c.view.of(raw) : raw;
      } catch (e) {
        answer = rejection(e);
      }
      const names = new Names();
      outcomes.push({
        case: c,
        answer: normalise(answer, names),
        then: c.then ? Object.fromEntries(Object.keys(c.then).map((coll) => [coll, normalise(h.db.find(coll), names) as unknown[]])) : undefined,
        sends: sent.map((body) => normalise(summarise(body), names) as Record<string, unknown>),
      });
    }
  } finally {
    await h.close();
  }
  return outcomes;
}

/** How a rejection reads in the table: the fields an app can branch on. */
function rejection(e: unknown): { rejects: unknown } {
  if (e === null || typeof e !== 'object') return { rejects: e };
  if (!(e instanceof Error)) return { rejects: { ...(e as object) } };
  const err = e as Error & { errCode?: unknown; errMsg?: unknown; code?: unknown };
  const out: Record<string, unknown> = {};
  if (err.errCode !== undefined) out.errCode = err.errCode;
  if (err.code !== undefined) out.code = err.code;
  if (err.errMsg !== undefined) out.errMsg = err.errMsg;
  else out.message = err.message;
  return { rejects: out };
}

/** One request as the table shows it: action without `database.`, EJSON strings decoded. */
function summarise(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { action: String(body.action).replace(/^database\./, '') };
  const decode = (v: unknown) => {
    if (typeof v !== 'string' || v === '') return v;
    try {
      return EJSON.parse(v, { relaxed: true });
    } catch {
      return JSON.parse(v); // EJSON bson refuses (a regex with a JS-only flag): shown as sent
    }
  };
  for (const [k, v] of Object.entries(body)) {
    if (k === 'action' || PLUMBING.has(k) || v === undefined) continue;
    if (k === 'query' || k === 'order' || k === 'projection') out[k] = decode(v);
    else if (k === 'data') out[k] = Array.isArray(v) ? v.map(decode) : decode(v);
    else if (k === 'stages' && Array.isArray(v)) out[k] = v.map((s: any) => ({ [s.stageKey]: decode(s.stageValue) }));
    else if (k === 'transactionId') out[k] = '<txn>';
    else out[k] = v;
  }
  return out;
}

/** Generated `_id`s become `<id1>`, `<id2>`… in order of first appearance within a case. */
class Names {
  private ids = new Map<string, string>();
  id(hex: string): string {
    if (!this.ids.has(hex)) this.ids.set(hex, `<id${this.ids.size + 1}>`);
    return this.ids.get(hex)!;
  }
}

/** What changes from run to run (generated ids, request and transaction ids) replaced by placeholders. */
function normalise(v: unknown, names: Names): unknown {
  if (typeof v === 'string') return v.replace(/\b[0-9a-f]{32}\b/g, (m) => names.id(m)).replace(/\b[0-9a-f]{24}\b/g, '<txn>');
  if (v === null || typeof v !== 'object' || v instanceof Date || v instanceof RegExp) return v;
  if ((v as any)._bsontype === 'BSONRegExp') return regexOf((v as any).pattern, (v as any).options);
  if (Array.isArray(v)) return v.map((x) => normalise(x, names));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = k === 'requestId' ? '<requestId>' : normalise(x, names);
  return out;
}

function regexOf(pattern: string, options: string): unknown {
  try {
    return new RegExp(pattern, options);
  } catch {
    return { $regularExpression: { pattern, options } };
  }
}

/** Values as a reader writes them: `{ a: 1, "o.b": Date(…) }`, on one line. */
export function show(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v !== 'object') return String(v);
  if (v instanceof Date) return `Date(${v.toISOString()})`;
  if (v instanceof RegExp) return String(v);
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  const entries = Object.entries(v);
  if (!entries.length) return '{}';
  return `{ ${entries.map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${show(x)}`).join(', ')} }`;
}

/** Equality as jest's toEqual sees it (undefined properties ignored), for the script's own check. */
export function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return v === undefined ? 'undefined' : JSON.stringify(v) ?? String(v);
  if (v instanceof Date) return `Date(${v.getTime()})`;
  if (v instanceof RegExp) return String(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const keys = Object.keys(v).filter((k) => (v as any)[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as any)[k])}`).join(',')}}`;
}

/** Where an outcome differs from its case's expectations (empty when it conforms). */
export function mismatches(o: Outcome): string[] {
  const out: string[] = [];
  if (!same(o.answer, o.case.expected)) out.push(`answer ${show(o.answer)}, expected ${show(o.case.expected)}`);
  if (o.case.then && !same(o.then, o.case.then)) out.push(`then ${show(o.then)}, expected ${show(o.case.then)}`);
  if (o.case.sends && !same(o.sends, o.case.sends)) out.push(`sends ${show(o.sends)}, expected ${show(o.case.sends)}`);
  return out;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');
const code = (text: string) => '`' + cell(text) + '`';

export function renderMarkdown(outcomes: Outcome[]): string {
  const areas = [...new Set(outcomes.map((o) => o.case.area))];
  const lines = [
    '# Database conformance: SDK call → result',
    '',
    '<!-- Generated by `npx tsx emulator/scripts/conformance.ts` from emulator/test/conformance/cases.ts; do not edit.',
    '     emulator/test/conformance/conformance.test.ts fails when this file differs from what the cases render. -->',
    '',
    `Every row ran through the real \`wx-server-sdk\` against the emulator; the result is what that run returned (${outcomes.length} cases).`,
    'Generated `_id`s read `<id1>`, `<id2>`…; `<txn>` and `<requestId>` stand for ids that change on every run.',
    "`_` is `db.command`, `$` is `db.command.aggregate`, `cloud` is `require('wx-server-sdk')`, `emu` the emulator (fault injection only).",
    'Each case starts from an empty database holding only the fixtures it names; `serverDate()` is ' + code(show(NOW)) + '.',
    'A result reads `label: value` when it shows one part of the answer; `then` is what the named collection held afterwards;',
    '`sends` (in the note) is what the SDK put on the wire, EJSON decoded.',
    '',
    'Areas: ' + areas.map((a) => `${a} (${outcomes.filter((o) => o.case.area === a).length})`).join(', ') + '.',
    '',
    '## Fixtures',
    '',
    '| collection | documents |',
    '|---|---|',
    ...Object.entries(FIXTURES).map(([name, f]) => `| ${name} | ${f.about ? cell(f.about) : code(show(f.docs))} |`),
    '',
    '## Cases',
    '',
    '| area | SDK call | result | note |',
    '|---|---|---|---|',
  ];
  for (const o of outcomes) {
    const c = o.case;
    const fixtures = c.uses?.length ? `<br>on ${c.uses.join(', ')}` : '';
    let result = code((c.view && !isRejection(o.answer) ? `${c.view.label}: ` : '') + show(o.answer));
    for (const [coll, docs] of Object.entries(o.then ?? {})) result += `<br>then ${coll}: ${code(show(docs))}`;
    const notes = [c.note ? cell(c.note) : '', c.sends ? `sends ${o.sends.map((s) => code(show(s))).join(', ') || 'nothing'}` : ''].filter(Boolean);
    lines.push(`| ${c.area} | ${code(c.call)}${fixtures} | ${result} | ${notes.join('<br>')} |`);
  }
  return lines.join('\n') + '\n';
}

function isRejection(v: unknown): boolean {
  return !!v && typeof v === 'object' && 'rejects' in v && Object.keys(v).length === 1;
}
