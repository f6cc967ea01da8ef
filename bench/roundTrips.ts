import type { LocalCloud } from '../local/cloud'
import type { Identity } from '../emulator/functions/runner'

/** Database round trips one action makes, counted by the emulator's HTTP endpoint. */
export async function roundTrips(cloud: LocalCloud, fn: string, event: unknown, identity: Identity): Promise<{ roundTrips: number; byAction: Record<string, number>; ok: boolean }> {
  cloud.db.resetStats()
  const result = (await cloud.call(fn, event, identity)) as { ok?: boolean }
  const stats = cloud.db.stats()
  return { roundTrips: stats.roundTrips, byAction: stats.byAction, ok: result?.ok === true }
}
