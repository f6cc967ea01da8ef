import { decision, pointsPatch, type Decision } from './decision'
import { ledgerKeys, ledgerRow } from './ledger'
import type { CouponDoc } from './coupons'
import type { MemberDoc } from './member'
import type { TicketDoc } from './ticket'

export const FORFEIT_REASON = '注销会员，积分清零'

/**
 * What erasing a membership does to its points and coupons: the balance is forfeited by one
 * ledger row (so the balance still equals Σ ledger, and every earlier row stays as it was), the
 * lifetime total stays for the accounts, and every coupon not yet used ends now. Nothing to decide
 * when the member was already erased.
 */
export function decideErasure(input: { member: MemberDoc; openCoupons: readonly Pick<CouponDoc, '_id' | 'status'>[]; by: string; rulesVersion: number; now: Date }): Decision | null {
  const { member, openCoupons, by, rulesVersion, now } = input
  if (member.erasedAt) return null
  const balance = member.pointsBalance
  const ledger =
    balance > 0
      ? [
          ledgerRow({
            key: ledgerKeys.erase(member._id, new Date(member.joinedAt)),
            openid: member._id,
            kind: 'adjust',
            delta: -balance,
            balanceAfter: 0,
            reason: FORFEIT_REASON,
            by,
            rulesVersion,
            at: now,
          }),
        ]
      : []
  const ids = openCoupons.filter((coupon) => coupon.status === 'available').map((coupon) => coupon._id)
  return decision(member._id, {
    ledger,
    member: balance > 0 ? pointsPatch({ pointsBalance: 0, lifetimePoints: member.lifetimePoints, pointLots: [] }) : {},
    voidCoupons: ids.length > 0 ? { ids, at: now } : null,
  })
}

/** What an erased member's tickets say wherever text was: their number, category, status and times stay for the statistics. */
export const ERASED_TEXT = '（会员已注销，内容已删除）'

const blank = <T extends string | null | undefined>(text: T): T | typeof ERASED_TEXT => (text ? ERASED_TEXT : text)

/**
 * An erased member's ticket with every text blanked: what they wrote, and what staff wrote to or
 * about them (replies, internal notes, resolutions, revisit notes and reasons all describe the
 * member's affair). Staff names stay (they are the shop's); the member's name goes. Blanking a
 * blanked ticket gives it back unchanged, so a second erasure writes nothing.
 */
export function blankedTicket(ticket: TicketDoc, erasedName: string): TicketDoc {
  const revisit = ticket.revisit
  return {
    ...ticket,
    memberName: erasedName,
    text: ERASED_TEXT,
    images: [],
    thread: (ticket.thread ?? []).map((entry) => ({ ...entry, text: ERASED_TEXT, name: entry.from === 'member' ? erasedName : entry.name })),
    notes: (ticket.notes ?? []).map((entry) => ({ ...entry, text: ERASED_TEXT })),
    history: (ticket.history ?? []).map((entry) => ({ ...entry, name: entry.role === 'member' ? erasedName : entry.name, reason: blank(entry.reason) })),
    resolutions: (ticket.resolutions ?? []).map((entry) => ({ ...entry, summary: ERASED_TEXT, rating: entry.rating ? { ...entry.rating, comment: '' } : entry.rating })),
    revisit: revisit ? { ...revisit, contacts: revisit.contacts.map((contact) => ({ ...contact, note: blank(contact.note) })), closedReason: blank(revisit.closedReason) } : revisit,
  }
}
