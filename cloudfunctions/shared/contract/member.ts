import { z } from 'zod'
import { absentOr, calendarDate, textField } from './validators'
import { GENDERS, type Gender, type TierId } from './enums'
import { GENDER_INVALID, GENDER_REQUIRED, MEMBER_NAME } from './fields'
import { CARD_NO, type CashRule } from './staffFields'
import { BIRTHDAY_REASON } from './workspaceFields'
import { storeId } from './money'

const memberName = textField(MEMBER_NAME)
const gender = z.enum(GENDERS, { error: absentOr(GENDER_REQUIRED, GENDER_INVALID) })
/** A `cloud://` file ID from uploading the chosen avatar. */
const avatarFileId = z.string().regex(/^cloud:\/\/[^\s]{1,240}$/, '头像文件不正确')

/** The scene of a shop's join code, as `decodeURIComponent(options.scene)` gives it (WeChat: ≤ 32 chars). */
export const sceneField = z
  .string()
  .max(32, '二维码参数过长')
  .regex(/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]*$/, '二维码参数不正确')
export const cardNoField = z.string().regex(CARD_NO.pattern, CARD_NO.invalid)
/** The member's live code, as the cashier's scan reads it. */
export const memberCodeField = z
  .string({ error: absentOr('请扫描会员码', '会员码不正确') })
  .min(10, '会员码不正确')
  .max(400, '会员码不正确')

export const joinPayload = z.strictObject({
  name: memberName,
  birthday: calendarDate('生日'),
  gender,
  avatarFileId: avatarFileId.optional(),
  scene: sceneField.optional(),
  /** The activity whose share link brought the visitor: recorded as the member's source when it exists. */
  activityId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, '活动编号不正确')
    .optional(),
  /** What the subscription dialog in the join tap answered (the member did not exist to report it to): counted on the new member. */
  consent: z
    .record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '模板编号不正确'), z.enum(['accept', 'reject', 'ban', 'filter'], { error: '订阅结果不正确' }))
    .refine((answers) => Object.keys(answers).length <= 3, '一次最多订阅 3 种消息')
    .optional(),
})
export type JoinPayload = z.infer<typeof joinPayload>

export const mePayload = z.strictObject({})

/** The join page asks which shop a scanned code came from, to greet the visitor before they join. */
export const sceneInfoPayload = z.strictObject({ scene: sceneField })
export interface JoinSceneInfo {
  storeId: string | null
  storeName: string | null
  /** A known member's card number came with the code (their identity is not revealed). */
  referred: boolean
}

/** What a member sees on their card. Never carries the OPENID. */
export interface MemberCard {
  cardNo: string
  name: string
  avatarUrl: string | null
  phoneBound: boolean
  gender: Gender
  birthday: string
  tier: TierId
  tierName: string
  pointsBalance: number
  lifetimePoints: number
  joinedAt: string
  /** The shop's name for the card's header: answered by `me` (the same round trip), absent from an edit's answer. */
  shopName?: string | null
}

/** The live member code: a signed, short-lived token that names the member without the OPENID. */
export const codePayload = z.strictObject({})
export interface MemberCode {
  code: string
  expiresAt: string
  /** Seconds after which the client should fetch a fresh one (before it expires). */
  refreshInSeconds: number
}

/** The member edits their own profile; the birthday only while it is unset. */
export const updateProfilePayload = z.strictObject({
  name: memberName.optional(),
  gender: gender.optional(),
  avatarFileId: avatarFileId.optional(),
  birthday: calendarDate('生日').optional(),
})

/** `open-type="getPhoneNumber"` gives a code; the server exchanges it for the number. */
export const bindPhonePayload = z.strictObject({ code: z.string().min(1).max(128) })

/** Staff look up a member by their live code (scan) or card number (typed). */
export const lookupPayload = z.union([z.strictObject({ memberCode: memberCodeField }), z.strictObject({ cardNo: cardNoField })])
export interface StaffMemberView extends MemberCard {
  phoneMasked: string | null
  /** Discount the tier gives at the till, in percent (0 until tiers arrive). */
  discountPercent: number
  lastActiveAt: string
}
/** What the till's lookup answers: the member, and the points-as-cash rule in force, so the till checks a payment as the server will. */
export interface MemberLookup extends StaffMemberView {
  cashRule: CashRule
}

/** Owner or admin corrects a birthday, with a reason (members cannot, to stop perk abuse). */
export const setBirthdayPayload = z.strictObject({ cardNo: cardNoField, birthday: calendarDate('生日'), reason: textField(BIRTHDAY_REASON) })

/** Staff generate a shop's join code, optionally crediting a referring member. */
export const joinCodePayload = z.strictObject({ storeId, referrerCardNo: cardNoField.optional() })
export interface JoinCode {
  scene: string
  /** The wxacode PNG, as a data URL the page can show and save. */
  imageDataUrl: string
  fileId: string
}
