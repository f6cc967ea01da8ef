/**
 * `npm run stats:backfill -- <from> <to>` (dates `YYYY-MM-DD`, at most 366 days): rebuilds the
 * daily statistics of that range and carries the days after it, through the same server-only
 * action (`stats.backfill`) that `tcb fn invoke stats` calls in WeChat cloud. Talks to a running
 * `npm start` if there is one, else opens the local database; calls again while the job says work is left.
 */
import { callAsServer } from './serverCall'

async function main() {
  const [from, to = from] = process.argv.slice(2)
  if (!from) {
    console.error('usage: npm run stats:backfill -- <from YYYY-MM-DD> [to YYYY-MM-DD]')
    process.exit(2)
  }
  const left = (answer: unknown) => Boolean((answer as { data?: { left?: boolean } }).data?.left)
  const result = await callAsServer('stats', { action: 'backfill', payload: { from, to } }, left)
  console.log(JSON.stringify(result, null, 2))
  process.exit((result as { ok?: boolean }).ok ? 0 : 1)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
