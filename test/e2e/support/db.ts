/**
 * The emulator from a journey: reading its database, to check that what a person saw was really
 * written, and calling functions, to make the members a journey needs.
 */
import assert from 'node:assert/strict'
import type { LocalCloud } from '../../../local/cloud'
import type { MemberDoc } from '../../../cloudfunctions/shared/domain/member'

export function memberDoc(cloud: LocalCloud, openid: string): MemberDoc {
  const [doc] = cloud.db.find('members', { _id: openid })
  assert.ok(doc, `no member ${openid} in the database`)
  return doc as MemberDoc
}

/** `2027年11月23日`: a date as the app shows it (fullDate), on the shop's calendar. */
export function shopFullDate(at: Date | string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(new Date(at)).map((part) => [part.type, part.value]),
  )
  return `${parts.year}年${parts.month}月${parts.day}日`
}

/**
 * Waits until `read()` returns `expected` (deep-equal), polling the database: for writes the app
 * makes after it has already updated the screen (an optimistic dismiss, a background refresh).
 */
export async function eventually<T>(read: () => T, expected: T, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const actual = read()
    try {
      assert.deepEqual(actual, expected)
      return
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(actual)} after ${timeoutMs} ms, expected ${JSON.stringify(expected)}`, { cause: error })
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** A function call as WeChat makes it for `openid`; the envelope's data, or a thrown error. */
export async function callAs(cloud: LocalCloud, openid: string, fn: string, action: string, payload: object): Promise<unknown> {
  const answer = (await cloud.call(fn, { action, payload }, { openid })) as { ok: boolean; data?: unknown; error?: unknown }
  assert.ok(answer.ok, `${fn}.${action} failed: ${JSON.stringify(answer.error)}`)
  return answer.data
}

/**
 * A member who joined and then spent `spendYuan` in one order at the till, made through the
 * functions. Their birthday is never today: a member who joins on their birthday gets its perk's
 * points, which the journey would not expect.
 */
export async function memberWhoSpent(cloud: LocalCloud, member: { openid: string; name: string; gender: 'male' | 'female'; birthday: string; spendYuan: number; orderNo: string }): Promise<MemberDoc> {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit' }).format(cloud.now())
  const birthday = member.birthday.slice(5) === today ? `${member.birthday.slice(0, 8)}${member.birthday.slice(8) === '01' ? '02' : '01'}` : member.birthday
  await callAs(cloud, member.openid, 'member', 'join', { name: member.name, gender: member.gender, birthday })
  const { code } = (await callAs(cloud, member.openid, 'member', 'code', {})) as { code: string }
  await callAs(cloud, 'demo-cashier', 'points', 'accrue', { memberCode: code, storeId: 'store-001', orderNo: member.orderNo, amount: member.spendYuan })
  return memberDoc(cloud, member.openid)
}
