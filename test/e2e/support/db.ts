/** Reading the emulator's database from a journey, to check what a person saw was really written. */
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
    new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' })
      .formatToParts(new Date(at))
      .map((part) => [part.type, part.value]),
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
