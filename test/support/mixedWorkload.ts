/**
 * A fixed mix of what a shop's day sends the functions, through the dev server's gateway: members
 * opening their card, code, tier, points and wallet; cashiers accruing and looking members up; some
 * bad input. Used by the memory soak test and by the `emulator` bench section, so both measure the
 * same thing.
 */
import type { Answer } from './serverProcess'

export interface WorkloadTarget {
  call(fn: string, body: unknown, headers?: Record<string, string>): Promise<Answer>
}

export interface WorkloadReport {
  requests: number
  /** HTTP 200 with `ok: true`, or the expected refusal for the deliberate bad inputs. */
  expected: number
  /** Anything else: HTTP errors, INTERNAL, unexpected refusals. Listed (first 20) for diagnosis. */
  unexpected: number
  samples: string[]
  /** Milliseconds per request, in completion order. */
  latencies: number[]
  elapsedMs: number
}

const CASHIER = { 'X-WX-OPENID': 'demo-cashier' }
const DEMO_MEMBERS = ['demo-member-gold', 'demo-member-regular', 'demo-member-silver', 'demo-member-diamond']

interface Step {
  weight: number
  /** The request, and what answer counts as expected (default: HTTP 200 and ok; `expect`: that error code; `status`: that HTTP status). */
  make(member: string, code: string, sequence: number, run: string): { fn: string; body: unknown; headers: Record<string, string>; expect?: string; status?: number }
}

const MIX: Step[] = [
  { weight: 20, make: (member) => ({ fn: 'member', body: { action: 'me' }, headers: { 'X-WX-OPENID': member } }) },
  { weight: 8, make: (member) => ({ fn: 'member', body: { action: 'code' }, headers: { 'X-WX-OPENID': member } }) },
  { weight: 10, make: (member) => ({ fn: 'tiers', body: { action: 'status' }, headers: { 'X-WX-OPENID': member } }) },
  { weight: 10, make: (member) => ({ fn: 'points', body: { action: 'summary' }, headers: { 'X-WX-OPENID': member } }) },
  { weight: 10, make: (member) => ({ fn: 'points', body: { action: 'history', payload: {} }, headers: { 'X-WX-OPENID': member } }) },
  { weight: 5, make: (member) => ({ fn: 'coupons', body: { action: 'wallet', payload: {} }, headers: { 'X-WX-OPENID': member } }) },
  {
    weight: 20,
    make: (_member, code, sequence, run) => ({
      fn: 'points',
      body: { action: 'accrue', payload: { memberCode: code, storeId: 'store-001', orderNo: `W${run}N${sequence}`, amount: 10 + (sequence % 90) } },
      headers: CASHIER,
    }),
  },
  { weight: 5, make: (_member, code) => ({ fn: 'member', body: { action: 'lookup', payload: { memberCode: code } }, headers: CASHIER }) },
  { weight: 5, make: (member) => ({ fn: 'staff', body: { action: 'whoami' }, headers: { 'X-WX-OPENID': member } }) },
  {
    weight: 4,
    make: (_member, code) => ({
      fn: 'points',
      body: { action: 'accrue', payload: { memberCode: code, storeId: 'store-001', orderNo: 'BAD', amount: 'lots' } },
      headers: CASHIER,
      expect: 'INVALID_INPUT',
    }),
  },
  {
    weight: 3,
    make: (member) => ({ fn: 'points', body: { action: 'adjust', payload: { cardNo: '1', delta: 1, reason: 'x', requestId: 'x' } }, headers: { 'X-WX-OPENID': member }, expect: 'FORBIDDEN' }),
  },
]
const TOTAL_WEIGHT = MIX.reduce((sum, step) => sum + step.weight, 0)

/** What the gateway refuses before any function runs: cheap, and a path of its own to keep flat. */
const REFUSALS: Step[] = [
  { weight: 1, make: () => ({ fn: 'member', body: { action: 'me' }, headers: { 'X-WX-OPENID': ' ' }, status: 400 }) },
  { weight: 1, make: () => ({ fn: 'nosuch', body: { action: 'me' }, headers: { 'X-WX-OPENID': 'demo-member-gold' }, status: 404 }) },
  { weight: 1, make: () => ({ fn: 'member', body: '{"action":', headers: { 'X-WX-OPENID': 'demo-member-gold' }, status: 400 }) },
  { weight: 1, make: (member) => ({ fn: 'member', body: { action: 'me', payload: JSON.parse('['.repeat(600) + ']'.repeat(600)) }, headers: { 'X-WX-OPENID': member }, status: 400 }) },
]

/** The step for request n: a fixed interleaving, the same on every run. */
function stepFor(sequence: number): Step {
  let slot = (sequence * 7919) % TOTAL_WEIGHT
  for (const step of MIX) {
    if (slot < step.weight) return step
    slot -= step.weight
  }
  return MIX[0]
}

/** Members to use: the demo members, plus `extraMembers` joined now (more identities, like a real shop). */
export async function prepareMembers(target: WorkloadTarget, run: string, extraMembers: number): Promise<string[]> {
  const members = [...DEMO_MEMBERS]
  for (let i = 0; i < extraMembers; i++) {
    const openid = `soak-${run}-${i}`
    const answer = await target.call('member', { action: 'join', payload: { name: `测试会员${i}`, birthday: '1990-05-06', gender: 'unknown' } }, { 'X-WX-OPENID': openid })
    if ((answer.body as { ok?: boolean })?.ok) members.push(openid)
  }
  return members
}

/**
 * Brings every function the mix calls to its full number of instances (concurrent calls, repeated),
 * so that memory measured afterwards is not a pool still growing: each instance is a worker thread
 * with its own heap, tens of MB.
 */
export async function fillInstancePools(target: WorkloadTarget, instances: number, member = 'demo-member-gold'): Promise<void> {
  const cheap = [
    { fn: 'member', body: { action: 'me' } },
    { fn: 'tiers', body: { action: 'status' } },
    { fn: 'points', body: { action: 'summary' } },
    { fn: 'coupons', body: { action: 'wallet', payload: {} } },
    { fn: 'staff', body: { action: 'whoami' } },
  ]
  for (let round = 0; round < 3; round++) {
    await Promise.all(cheap.flatMap(({ fn, body }) => Array.from({ length: instances * 2 }, () => target.call(fn, body, { 'X-WX-OPENID': member }))))
  }
}

async function liveCode(target: WorkloadTarget, member: string): Promise<string> {
  const answer = await target.call('member', { action: 'code' }, { 'X-WX-OPENID': member })
  const code = (answer.body as { data?: { code?: string } })?.data?.code
  if (!code) throw new Error(`no member code for ${member}: ${JSON.stringify(answer.body)}`)
  return code
}

/**
 * Sends `requests` requests with `concurrency` in flight. Member codes are refreshed every 20 s (they
 * live 60 s). With `refusals`, every other request is one the gateway refuses.
 */
export async function runMixedWorkload(
  target: WorkloadTarget,
  options: { requests: number; concurrency: number; members: string[]; run: string; from?: number; refusals?: boolean },
): Promise<WorkloadReport> {
  const codes = new Map<string, { code: string; at: number }>()
  const codeOf = async (member: string) => {
    const held = codes.get(member)
    if (held && Date.now() - held.at < 20_000) return held.code
    const code = await liveCode(target, member)
    codes.set(member, { code, at: Date.now() })
    return code
  }
  const report: WorkloadReport = { requests: 0, expected: 0, unexpected: 0, samples: [], latencies: [], elapsedMs: 0 }
  const started = Date.now()
  let next = options.from ?? 0
  const end = next + options.requests
  const lane = async () => {
    while (next < end) {
      const sequence = next++
      const member = options.members[sequence % options.members.length]
      const step = options.refusals && sequence % 2 === 1 ? REFUSALS[(sequence >> 1) % REFUSALS.length] : stepFor(sequence)
      const request = step.make(member, await codeOf(member), sequence, options.run)
      const sentAt = performance.now()
      const answer = await target.call(request.fn, request.body, request.headers)
      report.latencies.push(performance.now() - sentAt)
      report.requests++
      const envelope = answer.body as { ok?: boolean; error?: { code?: string } }
      const fine = request.status ? answer.status === request.status : answer.status === 200 && (request.expect ? envelope?.error?.code === request.expect : envelope?.ok === true)
      if (fine) report.expected++
      else {
        report.unexpected++
        if (report.samples.length < 20) report.samples.push(`${request.fn}.${(request.body as { action: string }).action} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 160)}`)
      }
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, lane))
  report.elapsedMs = Date.now() - started
  return report
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}
