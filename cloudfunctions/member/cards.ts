import type { MemberCard, StaffMemberView } from '../shared/contract/member'
import type { MemberDoc } from '../shared/domain/member'
import { toMemberCard } from '../shared/domain/member'
import { AppError, type Database } from '../shared/runtime'
import type { TierId } from '../shared/contract/enums'
import { activeRules } from '../shared/data/rules'
import { definitionOf } from '../shared/domain/tiers'
import { storage } from '../shared/runtime/storage'
import { maskPhone } from '../shared/contract/workspaceFields'

/** Staff may remove a member (`removedAt`); the document stays for the ledger's sake. */
export type StoredMember = MemberDoc & { removedAt?: Date | string | null }

export function isActive(doc: StoredMember | null): doc is StoredMember {
  return doc !== null && !doc.removedAt
}

export function requireActive(doc: StoredMember | null): StoredMember {
  if (!isActive(doc)) throw new AppError('NOT_MEMBER')
  return doc
}

/**
 * The card with the shop's own tier names and a displayable avatar. The rules come from the
 * instance's short-lived cache (a read only when cold); the avatar URL lookup happens only when an
 * avatar is set and is not a database round trip.
 */
export async function cardOf(doc: MemberDoc, db: Database, now: Date): Promise<MemberCard> {
  const rules = await activeRules(db, now)
  const tierNames = Object.fromEntries(rules.tiers.tiers.map((tier) => [tier.id, tier.name])) as Record<TierId, string>
  const fileID = doc.profile.avatarFileId
  const avatarUrl = fileID
    ? await storage()
        .tempUrl(fileID)
        .catch(() => null)
    : null
  return { ...toMemberCard(doc, tierNames), avatarUrl }
}

/** What the till sees: the card, a masked phone, and the discount the member's tier gives. */
export async function staffViewOf(doc: MemberDoc, db: Database, now: Date): Promise<StaffMemberView> {
  const rules = await activeRules(db, now)
  return {
    ...(await cardOf(doc, db, now)),
    phoneMasked: maskPhone(doc.profile.phone ?? null),
    discountPercent: definitionOf(doc.tier, rules.tiers).discountPercent,
    lastActiveAt: new Date(doc.lastActiveAt).toISOString(),
  }
}
