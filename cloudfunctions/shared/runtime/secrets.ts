import { AppError } from './errors'

/**
 * Server secrets come from the function's environment variables (set in the cloud console; the
 * local emulator sets a development value). Never from the repo, never from a payload.
 */
export function memberCodeSecret(): string {
  const secret = process.env.HUIYUAN_MEMBER_CODE_SECRET
  if (!secret || secret.length < 16) throw new AppError('INTERNAL', '会员码服务未配置')
  return secret
}
