/** Starts an in-memory EmulatedDatabase behind its HTTP server and points the real wx-server-sdk at it. */
import { rmSync } from 'node:fs'
import { answerTcb, type TcbServices } from '../cloud'
import { EmulatedDatabase, DatabaseOptions, startDatabaseServer, sdkEnv } from '../database'
import { Outbox } from '../openapi/outbox'
import { LocalStorage, StorageEndpoint } from '../storage'

export interface Harness {
  db: EmulatedDatabase
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- wx-server-sdk, called as the app calls it
  cloud: any
  /** cloud.database() */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- cloud.database(): tests chain any SDK call on it
  sdb: any
  /** With `services`: the outbox and storage the endpoint answers openapi and storage calls from. */
  outbox: Outbox
  storage: LocalStorage | null
  close(): Promise<void>
}

export interface HarnessServices {
  /** Functions' config.json files (`<dir>/<name>/config.json`) the openapi permission check reads. */
  functionsDir: string
}

export async function startHarness(opts: DatabaseOptions = {}, services?: HarnessServices): Promise<Harness> {
  const db = new EmulatedDatabase(opts)
  const outbox = new Outbox(opts.now)
  const storage = services ? new LocalStorage() : null
  let origin = ''
  const tcb: TcbServices | null = services && storage ? { outbox, storage: new StorageEndpoint(storage, () => origin, opts.now ?? (() => new Date())), functionsDir: services.functionsDir } : null
  const server = await startDatabaseServer(db, tcb ? { fallback: (req, res, body) => answerTcb(tcb, req, res, body) } : {})
  origin = server.url.replace(/\/admin$/, '')
  Object.assign(process.env, sdkEnv(server.url))
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only after sdkEnv() has set the environment it reads
  const cloud = require('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  return {
    db,
    cloud,
    sdb: cloud.database(),
    outbox,
    storage,
    close: async () => {
      await server.close()
      await db.close()
      if (storage) rmSync(storage.root, { recursive: true, force: true })
    },
  }
}
