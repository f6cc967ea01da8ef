/** The shape of a conformance case (cases.ts) and what it runs against (runner.ts). */
import type { EmulatedDatabase } from '../../database'
import type { Outbox } from '../../openapi/outbox'

/** The emulator's side of openapi and storage cases: consent to give, and who is calling. */
export interface Local {
  /** What accepting a requestSubscribeMessage dialog gives: one send of that template to that user. */
  consent(openid: string, templateId: string): Promise<void>
  /** Runs `call` as cloud function `fn` (its config.json lists no openapi), or from outside any function (null). Cases run as `conformance`, which lists the three APIs. */
  as<T>(fn: string | null, call: () => Promise<T>): Promise<T>
  outbox: Outbox
}

/** What a case's code sees: the real wx-server-sdk pointed at the emulator. */
export interface Sdk {
  /** cloud.database() */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a case chains any SDK call on it; its typings would only get in the way of the cases
  db: any
  /** db.command */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's command builder, used as freely as in app code
  _: any
  /** db.command.aggregate */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's aggregate operators, used as freely as in app code
  $: any
  /** wx-server-sdk itself, e.g. for cloud.database({ throwOnNotFound: false }) */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- wx-server-sdk itself, called as the app calls it
  cloud: any
  /** the emulator: only for injecting commit conflicts */
  emu: EmulatedDatabase
  local: Local
}

/** The transaction runTransaction hands a case's callback: the database's collection() surface, as untyped as Sdk.db. */
export type SdkTransaction = Sdk['db']

/** Shows one part of the SDK's answer instead of all of it (rejections are always shown whole). */
export interface View {
  label: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's answer: its shape is what the case checks
  of: (answer: any) => unknown
}

export interface Case {
  area: string
  /** The SDK call as a user writes it. Without `run`, this very text is what runs (as `return (<call>)`). */
  call: string
  /** For multi-step cases; `call` then describes it. */
  run?: (sdk: Sdk) => Promise<unknown>
  /** The answer (through `view`), or `{ rejects: { errCode?, code?, errMsg | message } }`; generated ids read `<id1>`, `<id2>`… */
  expected: unknown
  view?: View
  /** Named fixtures (FIXTURES) loaded before the case. */
  uses?: string[]
  /** Collections read back from the store afterwards, and what they must hold. */
  then?: Record<string, unknown[]>
  /** What the SDK must have sent, one summary per request (`action` without `database.`, EJSON decoded). */
  sends?: Array<Record<string, unknown>>
  note?: string
}

export interface Fixture {
  docs: object[]
  /** shown instead of the documents when there are many */
  about?: string
}
