import { startLocalCloud, type LocalCloud } from '../../local/cloud'
import { TEST_FUNCTIONS_OUTPUT } from '../../scripts/functions'
import type { Envelope } from '../../cloudfunctions/shared/contract/errors'
import type { ActionName, FunctionName, PayloadOf, ResultOf } from '../../cloudfunctions/shared/contract/actions'

/**
 * A fresh in-memory cloud for one test file, and a typed caller:
 * `await as('openid-a').call('member', 'join', form)` returns the envelope the client would get.
 */
export function useLocalCloud(options: { maxInstances?: number } = {}) {
  const holder: { cloud?: LocalCloud } = {}
  beforeAll(async () => {
    // strictIndexes: a query no index in data/indexes.ts serves fails here, before WeChat cloud scans a whole collection for it.
    holder.cloud = await startLocalCloud({ functionsDir: TEST_FUNCTIONS_OUTPUT, maxInstances: options.maxInstances ?? 4, timeoutScale: 5, strictIndexes: true })
  })
  afterAll(async () => {
    await holder.cloud?.close()
  })
  const cloud = () => {
    if (!holder.cloud) throw new Error('local cloud not started')
    return holder.cloud
  }
  function as(openid: string | null) {
    return {
      call<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, payload?: PayloadOf<F, A> | Record<string, unknown>): Promise<Envelope<ResultOf<F, A>>> {
        return cloud().call(fn, { action, payload }, { openid }) as Promise<Envelope<ResultOf<F, A>>>
      },
      /** Sends an arbitrary event, for malformed-request tests. */
      raw(fn: string, event: unknown): Promise<unknown> {
        return cloud().call(fn, event, { openid })
      },
    }
  }
  return { cloud, as }
}

/** Unwraps `{ ok: true, data }` or fails the test with the error the function gave. */
export function dataOf<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${envelope.error.code}: ${envelope.error.message}`)
  return envelope.data
}

/**
 * The file ID a temporary URL points at (`getTempFileURL` answers the emulator's signed URL for the
 * file, a new one each call, as WeChat does); null for anything else.
 */
export function fileIdOfUrl(cloud: LocalCloud, url: string | null | undefined): string | null {
  if (!url) return null
  const { origin, pathname } = new URL(url, 'http://not-the-emulator')
  const prefix = '/storage/object/'
  if (origin !== cloud.server.url.replace(/\/admin$/, '') || !pathname.startsWith(prefix)) return null
  return `cloud://${cloud.storage.bucket}/${decodeURIComponent(pathname.slice(prefix.length))}`
}

/** The bytes behind a temporary URL, from the emulator's storage; null when there are none. */
export function fileBehindUrl(cloud: LocalCloud, url: string | null | undefined): Buffer | null {
  const fileID = fileIdOfUrl(cloud, url)
  return fileID ? cloud.storage.get(fileID) : null
}
