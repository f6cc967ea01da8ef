/** The shape of a conformance case (cases.ts) and what it runs against (runner.ts). */
import type { EmulatedDatabase } from '../../database';

/** What a case's code sees: the real wx-server-sdk pointed at the emulator. */
export interface Sdk {
  /** cloud.database() */
  db: any;
  /** db.command */
  _: any;
  /** db.command.aggregate */
  $: any;
  /** wx-server-sdk itself, e.g. for cloud.database({ throwOnNotFound: false }) */
  cloud: any;
  /** the emulator: only for injecting commit conflicts */
  emu: EmulatedDatabase;
}

/** Shows one part of the SDK's answer instead of all of it (rejections are always shown whole). */
export interface View {
  label: string;
  of: (answer: any) => unknown;
}

export interface Case {
  area: string;
  /** The SDK call as a user writes it. Without `run`, this very text is what runs (as `return (<call>)`). */
  call: string;
  /** For multi-step cases; `call` then describes it. */
  run?: (sdk: Sdk) => Promise<unknown>;
  /** The answer (through `view`), or `{ rejects: { errCode?, code?, errMsg | message } }`; generated ids read `<id1>`, `<id2>`… */
  expected: unknown;
  view?: View;
  /** Named fixtures (FIXTURES) loaded before the case. */
  uses?: string[];
  /** Collections read back from the store afterwards, and what they must hold. */
  then?: Record<string, unknown[]>;
  /** What the SDK must have sent, one summary per request (`action` without `database.`, EJSON decoded). */
  sends?: Array<Record<string, unknown>>;
  note?: string;
}

export interface Fixture {
  docs: object[];
  /** shown instead of the documents when there are many */
  about?: string;
}
