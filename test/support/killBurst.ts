/** Accruals from several tills at once until the server process is SIGKILLed: the order numbers the
 *  till was told were recorded. Shared by the kill-and-restart test and the emulator bench. */
import type { ServerProcess } from './serverProcess'

export const CASHIER = { 'X-WX-OPENID': 'demo-cashier' }
export const DEMO_MEMBERS = ['demo-member-gold', 'demo-member-regular', 'demo-member-silver', 'demo-member-diamond']

export interface Envelope {
  ok: boolean
  data?: { code?: string; pointsEarned?: number; duplicate?: boolean; driftCount?: number; membersChecked?: number }
}

export async function memberCodes(server: ServerProcess): Promise<string[]> {
  return Promise.all(
    DEMO_MEMBERS.map(async (openid) => {
      const answer = await server.call('member', { action: 'code' }, { 'X-WX-OPENID': openid })
      const code = (answer.body as Envelope).data?.code
      if (!code) throw new Error(`no member code for ${openid}: ${JSON.stringify(answer.body)}`)
      return code
    }),
  )
}

/** Accruals from 6 tills at once until the process dies; the order numbers whose answer said ok. */
export async function burstUntilKilled(server: ServerProcess, cycle: number, killAfterMs: number): Promise<{ acknowledged: string[]; sent: number; failures: string[] }> {
  const codes = await memberCodes(server)
  const acknowledged: string[] = []
  // Warm the points function first: a cold instance loads its bundle for longer than some kills wait.
  const warm = await server.call('points', { action: 'accrue', payload: { memberCode: codes[0], storeId: 'store-001', orderNo: `K${cycle}W`, amount: 10 } }, CASHIER)
  if (!(warm.body as Envelope).ok) throw new Error(`warm-up accrual failed: ${JSON.stringify(warm.body)}`)
  acknowledged.push(`K${cycle}W`)
  let sent = 0
  let dead = false
  const failures: string[] = []
  const till = async (lane: number) => {
    for (let i = 0; !dead; i++) {
      const orderNo = `K${cycle}L${lane}N${i}`
      sent++
      const answer = await server.call('points', { action: 'accrue', payload: { memberCode: codes[(lane + i) % codes.length], storeId: 'store-001', orderNo, amount: 10 + (i % 7) } }, CASHIER)
      if (answer.status === 0) return // the connection died with the process
      if (answer.status === 200 && (answer.body as Envelope).ok) acknowledged.push(orderNo)
      else failures.push(JSON.stringify(answer.body).slice(0, 200))
    }
  }
  const lanes = Array.from({ length: 6 }, (_, lane) => till(lane))
  await new Promise((resolve) => setTimeout(resolve, killAfterMs))
  await server.kill()
  dead = true
  await Promise.all(lanes)
  return { acknowledged, sent, failures }
}
