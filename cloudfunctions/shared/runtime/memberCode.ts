import { readMemberCode } from '../domain/memberCode'
import { AppError } from './errors'
import { memberCodeSecret } from './secrets'

/**
 * The member a scanned live code names: their OPENID, or an `INVALID_INPUT` on `memberCode` that
 * tells the cashier what to do. Whether that member still exists is the caller's read (a removed
 * member is `NOT_MEMBER`), so accrual can fold it into its own transaction.
 */
export function resolveMemberCode(code: string, now: Date): string {
  const reading = readMemberCode(code, now, memberCodeSecret())
  if (reading.ok) return reading.openid
  const message = reading.reason === 'expired' ? '会员码已过期，请让会员刷新' : '会员码无效'
  throw new AppError('INVALID_INPUT', message, [{ path: 'memberCode', message }])
}
