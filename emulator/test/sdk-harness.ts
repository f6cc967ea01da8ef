/** Starts an in-memory EmulatedDatabase behind its HTTP server and points the real wx-server-sdk at it. */
import { EmulatedDatabase, DatabaseOptions, startDatabaseServer, sdkEnv } from '../database'

export interface Harness {
  db: EmulatedDatabase
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- wx-server-sdk, called as the app calls it
  cloud: any
  /** cloud.database() */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- cloud.database(): tests chain any SDK call on it
  sdb: any
  close(): Promise<void>
}

export async function startHarness(opts: DatabaseOptions = {}): Promise<Harness> {
  const db = new EmulatedDatabase(opts)
  const server = await startDatabaseServer(db)
  Object.assign(process.env, sdkEnv(server.url))
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only after sdkEnv() has set the environment it reads
  const cloud = require('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  return {
    db,
    cloud,
    sdb: cloud.database(),
    close: async () => {
      await server.close()
      await db.close()
    },
  }
}
