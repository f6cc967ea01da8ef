import { z } from 'zod'
import { calendarDate } from './validators'
import { GENDERS, type Gender, type TierId } from './enums'


export const joinPayload = z.strictObject({
  name: z.string().trim().min(1, '请填写姓名').max(20, '姓名最多 20 个字'),
  birthday: calendarDate('生日'),
  gender: z.enum(GENDERS, { error: '请选择性别' }),
})
export type JoinPayload = z.infer<typeof joinPayload>

export const mePayload = z.strictObject({})

/** What a member sees on their card. Never carries the OPENID. */
export interface MemberCard {
  cardNo: string
  name: string
  gender: Gender
  birthday: string
  tier: TierId
  tierName: string
  pointsBalance: number
  lifetimePoints: number
  joinedAt: string
}
