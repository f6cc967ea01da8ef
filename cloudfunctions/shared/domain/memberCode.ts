import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

/**
 * The live member code: the OPENID and an expiry, sealed with AES-256-GCM under the server's secret.
 * Sealed rather than signed so the code names the member without revealing the OPENID; the GCM tag
 * makes any change to it fail. Valid for at most a minute, so a screenshot is useless by the time
 * it could be passed on.
 */
export const MEMBER_CODE_TTL_SECONDS = 60
const VERSION = 'M1'

export function issueMemberCode(openid: string, now: Date, secret: string, ttlSeconds = MEMBER_CODE_TTL_SECONDS): { code: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + Math.min(ttlSeconds, MEMBER_CODE_TTL_SECONDS) * 1000)
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key(secret), iv)
  const sealed = Buffer.concat([cipher.update(`${Math.floor(expiresAt.getTime() / 1000)}:${openid}`, 'utf8'), cipher.final()])
  const code = `${VERSION}.${base64url(Buffer.concat([iv, cipher.getAuthTag(), sealed]))}`
  return { code, expiresAt }
}

export type MemberCodeReading = { ok: true; openid: string; expiresAt: Date } | { ok: false; reason: 'invalid' | 'expired' }

export function readMemberCode(code: string, now: Date, secret: string): MemberCodeReading {
  const [version, body] = code.trim().split('.')
  if (version !== VERSION || !body) return { ok: false, reason: 'invalid' }
  const bytes = Buffer.from(body, 'base64url')
  if (bytes.length < 12 + 16 + 3) return { ok: false, reason: 'invalid' }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(secret), bytes.subarray(0, 12))
    decipher.setAuthTag(bytes.subarray(12, 28))
    const plain = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8')
    const separator = plain.indexOf(':')
    const expiresAt = new Date(Number(plain.slice(0, separator)) * 1000)
    const openid = plain.slice(separator + 1)
    if (separator <= 0 || !openid || Number.isNaN(expiresAt.getTime())) return { ok: false, reason: 'invalid' }
    if (expiresAt.getTime() < now.getTime()) return { ok: false, reason: 'expired' }
    return { ok: true, openid, expiresAt }
  } catch {
    return { ok: false, reason: 'invalid' }
  }
}

const key = (secret: string) => createHash('sha256').update(`huiyuan-member-code:${secret}`).digest()
const base64url = (bytes: Buffer) => bytes.toString('base64url')
