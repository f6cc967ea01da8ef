import { issueMemberCode, MEMBER_CODE_TTL_SECONDS, readMemberCode } from '../../../cloudfunctions/shared/domain/memberCode'
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

  it('refuse any single changed character, another secret, or garbage', () => {
    const { code } = issueMemberCode('openid-a', now, secret)
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    for (let at = 3; at < code.length; at++) {
      const swapped = alphabet[(alphabet.indexOf(code[at]) + 1) % alphabet.length]
      const tampered = code.slice(0, at) + swapped + code.slice(at + 1)
      const reading = readMemberCode(tampered, now, secret)
      // The last character may carry unused base64 bits; anything that still reads must be the same member.
      if (reading.ok) expect(reading.openid).toBe('openid-a')
      else expect(reading.reason).toBe('invalid')
    }
    expect(readMemberCode(code, now, 'another-secret-of-length')).toEqual({ ok: false, reason: 'invalid' })
    expect(readMemberCode('M1.', now, secret)).toEqual({ ok: false, reason: 'invalid' })
    expect(readMemberCode('hello', now, secret)).toEqual({ ok: false, reason: 'invalid' })
  })
})

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
