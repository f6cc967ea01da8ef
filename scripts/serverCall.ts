import path from 'node:path'
import { startLocalCloud } from '../local/cloud'
import { ROOT } from './functions'
import { buildFunctions } from './build-functions'

/**
 * Calls a server-only action as the cloud console or `tcb fn invoke` would (no OPENID): through a
 * running `npm start` if there is one, else on the local database. `again` says whether the answer
 * leaves work for another call (a job that hands over), and the call is repeated until it does not.
 */
export async function callAsServer(fn: string, event: { action: string; payload: object }, again: (answer: unknown) => boolean = () => false): Promise<unknown> {
  const viaServer = await viaRunningServer(fn, event)
  if (viaServer !== null)
    return repeat(viaServer, again, async () => {
      const answer = await viaRunningServer(fn, event)
      if (answer === null) throw new Error('the running npm start stopped answering')
      return answer
    })
  await buildFunctions({ quiet: true })
  const cloud = await startLocalCloud({ persistDir: path.join(ROOT, '.local', 'db') })
  try {
    return await repeat(await cloud.call(fn, event, { openid: null }), again, () => cloud.call(fn, event, { openid: null }))
  } finally {
    await cloud.close()
  }
}

async function repeat(first: unknown, again: (answer: unknown) => boolean, call: () => Promise<unknown>): Promise<unknown> {
  let answer = first
  for (let round = 0; again(answer) && round < 200; round++) answer = await call()
  return answer
}

async function viaRunningServer(fn: string, event: unknown): Promise<unknown | null> {
  const port = Number(process.env.PORT ?? 10086)
  try {
    // No x-wx-openid header: a server-side invocation, as from the console.
    const response = await fetch(`http://127.0.0.1:${port}/api/functions/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) })
    return await response.json()
  } catch {
    return null
  }
}
