/**
 * `npm run owner:set -- <OPENID> [name]`: makes the shop's first owner locally, through the same
 * server-only action (`staff.bootstrapOwner`) that `tcb fn invoke` or the cloud console calls in
 * WeChat cloud. Talks to a running `npm start` if there is one, else opens the local database.
 */
import path from 'node:path'
import { startLocalCloud } from '../local/cloud'
import { ROOT } from './functions'
import { buildFunctions } from './build-functions'

async function main() {
  const [ownerOpenid, name = '店主'] = process.argv.slice(2)
  if (!ownerOpenid) {
    console.error('usage: npm run owner:set -- <OPENID> [name]')
    process.exit(2)
  }
  const event = { action: 'bootstrapOwner', payload: { ownerOpenid, name } }
  const result = (await viaRunningServer(event)) ?? (await viaLocalDatabase(event))
  console.log(JSON.stringify(result, null, 2))
  process.exit((result as { ok?: boolean }).ok ? 0 : 1)
}

async function viaRunningServer(event: unknown): Promise<unknown | null> {
  const port = Number(process.env.PORT ?? 10086)
  try {
    // No x-wx-openid header: a server-side invocation, as from the console.
    const response = await fetch(`http://127.0.0.1:${port}/api/functions/staff`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) })
    return await response.json()
  } catch {
    return null
  }
}

async function viaLocalDatabase(event: unknown): Promise<unknown> {
  await buildFunctions({ quiet: true })
  const cloud = await startLocalCloud({ persistDir: path.join(ROOT, '.local', 'db') })
  try {
    return await cloud.call('staff', event, { openid: null })
  } finally {
    await cloud.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
