/**
 * `npm run owner:set -- <OPENID> [name]`: makes the shop's first owner locally, through the same
 * server-only action (`staff.bootstrapOwner`) that `tcb fn invoke` or the cloud console calls in
 * WeChat cloud. Talks to a running `npm start` if there is one, else opens the local database.
 */
import { callAsServer } from './serverCall'

async function main() {
  const [ownerOpenid, name = '店主'] = process.argv.slice(2)
  if (!ownerOpenid) {
    console.error('usage: npm run owner:set -- <OPENID> [name]')
    process.exit(2)
  }
  const result = await callAsServer('staff', { action: 'bootstrapOwner', payload: { ownerOpenid, name } })
  console.log(JSON.stringify(result, null, 2))
  process.exit((result as { ok?: boolean }).ok ? 0 : 1)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
