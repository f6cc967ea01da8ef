import { createDecipheriv, createHash } from 'node:crypto'
import { issueMemberCode, MEMBER_CODE_TTL_SECONDS, readMemberCode, type MemberCodeReading } from '../../../cloudfunctions/shared/domain/memberCode'
import { resolveMemberCode } from '../../../cloudfunctions/shared/runtime/memberCode'
import { AppError } from '../../../cloudfunctions/shared/runtime/errors'

const secret = 'unit-test-member-code-secret'
const now = new Date('2026-03-01T10:00:00+08:00')
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000)

describe('member codes', () => {
  it('read back to the OPENID until they expire, at most a minute after issue', () => {
    const { code, expiresAt } = issueMemberCode('openid-a', now, secret)
    expect(expiresAt.getTime() - now.getTime()).toBe(MEMBER_CODE_TTL_SECONDS * 1000)
    expect(readMemberCode(code, later(59), secret)).toEqual({ ok: true, openid: 'openid-a', expiresAt })
    expect(readMemberCode(code, later(61), secret)).toEqual({ ok: false, reason: 'expired' })
    expect(issueMemberCode('openid-a', now, secret, 3600).expiresAt).toEqual(expiresAt)
  })

  it('never carry the OPENID in the clear, and differ every time', () => {
    const first = issueMemberCode('openid-visible', now, secret).code
    const second = issueMemberCode('openid-visible', now, secret).code
    expect(first).not.toBe(second)
    expect(Buffer.from(first.slice(3), 'base64url').toString('latin1')).not.toContain('openid-visible')
  })

  it('refuse every single changed character that changes the sealed bytes, another secret, or garbage', () => {
    const { code } = issueMemberCode('openid-a', now, secret)
    expect(acceptedTampering(code, (candidate) => readMemberCode(candidate, now, secret))).toEqual([])
    expect(readMemberCode(code, now, 'another-secret-of-length')).toEqual({ ok: false, reason: 'invalid' })
    expect(readMemberCode('M1.', now, secret)).toEqual({ ok: false, reason: 'invalid' })
    expect(readMemberCode('hello', now, secret)).toEqual({ ok: false, reason: 'invalid' })
  })

  it('the tamper check catches a verifier that compares only 4 of the 16 tag bytes', () => {
    const { code } = issueMemberCode('openid-a', now, secret)
    const accepted = acceptedTampering(code, (candidate) => readWithShortTag(candidate, now, secret))
    // Changes to tag bytes 4–15 go unnoticed by it, and they still name the same member: the old
    // check (“whatever still reads must be the same member”) let exactly these through.
    expect(accepted.length).toBeGreaterThan(0)
    expect(accepted.every((tampered) => readWithShortTag(tampered, now, secret).ok)).toBe(true)
  })
})

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/**
 * Every code one character away from `code` (every position of the body, every other character)
 * that `read` still accepts although its decoded bytes differ. Only a change the decoding ignores
 * (the unused low bits of the last base64 character) may be accepted, since it seals the same bytes.
 */
function acceptedTampering(code: string, read: (code: string) => MemberCodeReading): string[] {
  const body = (text: string) => Buffer.from(text.slice(3), 'base64url')
  const original = body(code)
  const accepted: string[] = []
  for (let at = 3; at < code.length; at++) {
    for (const swapped of BASE64URL) {
      if (swapped === code[at]) continue
      const tampered = code.slice(0, at) + swapped + code.slice(at + 1)
      if (body(tampered).equals(original)) continue
      const reading = read(tampered)
      if (reading.ok || reading.reason !== 'invalid') accepted.push(tampered)
    }
  }
  return accepted
}

/**
 * A deliberately weakened readMemberCode: GCM with a 4-byte tag checks only the tag's first 4
 * bytes (a truncated GCM tag is a prefix of the full one), so the other 12 can be anything.
 * The key is derived as memberCode.ts derives it.
 */
function readWithShortTag(code: string, now: Date, secret: string): MemberCodeReading {
  const bytes = Buffer.from(code.slice(3), 'base64url')
  if (!code.startsWith('M1.') || bytes.length < 12 + 16 + 3) return { ok: false, reason: 'invalid' }
  try {
    const key = createHash('sha256').update(`huiyuan-member-code:${secret}`).digest()
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12), { authTagLength: 4 })
    decipher.setAuthTag(bytes.subarray(12, 16))
    const plain = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8')
    const separator = plain.indexOf(':')
    const expiresAt = new Date(Number(plain.slice(0, separator)) * 1000)
    if (expiresAt.getTime() < now.getTime()) return { ok: false, reason: 'expired' }
    return { ok: true, openid: plain.slice(separator + 1), expiresAt }
  } catch {
    return { ok: false, reason: 'invalid' }
  }
}

describe('resolveMemberCode', () => {
  const previous = process.env.HUIYUAN_MEMBER_CODE_SECRET
  beforeAll(() => (process.env.HUIYUAN_MEMBER_CODE_SECRET = secret))
  afterAll(() => (process.env.HUIYUAN_MEMBER_CODE_SECRET = previous))

  const errorOf = (run: () => unknown): AppError => {
    try {
      run()
    } catch (error) {
      return error as AppError
    }
    throw new Error('expected an AppError')
  }

  it('gives the OPENID of a valid code, and the cashier-facing errors otherwise', () => {
    const { code } = issueMemberCode('openid-b', now, secret)
    expect(resolveMemberCode(code, later(10))).toBe('openid-b')
    expect(errorOf(() => resolveMemberCode(code, later(120))).toActionError()).toEqual({
      code: 'INVALID_INPUT',
      message: '会员码已过期，请让会员刷新',
      fields: [{ path: 'memberCode', message: '会员码已过期，请让会员刷新' }],
    })
    expect(errorOf(() => resolveMemberCode(`${code}x`, now)).toActionError()).toMatchObject({ code: 'INVALID_INPUT', message: '会员码无效' })
  })

  it('refuses to work without a configured secret', () => {
    delete process.env.HUIYUAN_MEMBER_CODE_SECRET
    expect(errorOf(() => resolveMemberCode('M1.x', now)).code).toBe('INTERNAL')
    process.env.HUIYUAN_MEMBER_CODE_SECRET = secret
  })
})
