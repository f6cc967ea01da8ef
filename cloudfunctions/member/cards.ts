import type { MemberCard, StaffMemberView } from '../shared/contract/member'
import type { MemberDoc } from '../shared/domain/member'
import { toMemberCard } from '../shared/domain/member'
import { AppError } from '../shared/runtime'
import { storage } from '../shared/runtime/storage'

/** Staff may remove a member (`removedAt`); the document stays for the ledger's sake. */
export type StoredMember = MemberDoc & { removedAt?: Date | string | null }

export function isActive(doc: StoredMember | null): doc is StoredMember {
  return doc !== null && !doc.removedAt
}

export function requireActive(doc: StoredMember | null): StoredMember {
  if (!isActive(doc)) throw new AppError('NOT_MEMBER')
  return doc
}

/** The card with a displayable avatar; the URL lookup happens only when an avatar is set (no DB round trip). */
export async function cardOf(doc: MemberDoc): Promise<MemberCard> {
  const fileID = doc.profile.avatarFileId
  const avatarUrl = fileID ? await storage().tempUrl(fileID).catch(() => null) : null
  return { ...toMemberCard(doc), avatarUrl }
}

export async function staffViewOf(doc: MemberDoc): Promise<StaffMemberView> {
  return {
    ...(await cardOf(doc)),
    phoneMasked: maskPhone(doc.profile.phone ?? null),
    discountPercent: 0,
    lastActiveAt: new Date(doc.lastActiveAt).toISOString(),
  }
}

/** `138****5678`: enough for the member to recognise, not enough to call. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null
  const digits = phone.replace(/^\+?86/, '').replace(/\D/g, '')
  if (digits.length < 7) return '****'
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`
}
