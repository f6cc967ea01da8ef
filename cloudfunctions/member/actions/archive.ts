import { archivePayload, searchMembersPayload, type ArchiveSignup, type ArchiveTicket, type MemberArchive, type MemberHit, type MemberSearchPage } from '../../shared/contract/archive'
import { TICKET_CATEGORY_LABELS, TICKET_STATUS_LABELS } from '../../shared/contract/ticketFields'
import { RFM_LABELS } from '../../shared/contract/marketingFields'
import { maskPhone, memberQueryKind, seesFullPhone } from '../../shared/contract/workspaceFields'
import type { TierId } from '../../shared/contract/enums'
import type { Role } from '../../shared/contract/roles'
import { ledgerPage, ordersPage } from '../../shared/app/memberRecords'
import { toCoupon } from '../../shared/domain/coupons'
import { pointsStateOf } from '../../shared/domain/member'
import { nextExpiry } from '../../shared/domain/points'
import { qualifyingFigure } from '../../shared/domain/tiers'
import { activitiesRepo } from '../../shared/data/activities'
import { couponsRepo } from '../../shared/data/coupons'
import { membersRepo } from '../../shared/data/members'
import { memberNotesRepo } from '../../shared/data/memberNotes'
import { memberSearchRepo, type MemberHitDoc } from '../../shared/data/memberPrivacy'
import { activeRules } from '../../shared/data/rules'
import { storesRepo } from '../../shared/data/stores'
import { tierChangesRepo } from '../../shared/data/tierChanges'
import { ticketsRepo } from '../../shared/data/tickets'
import { AppError, defineAction } from '../../shared/runtime'
import { storage } from '../../shared/runtime/storage'

const SEARCH_PAGE = 20
export const SIGNUP_LABELS: Record<string, string> = { confirmed: '已报名', waitlisted: '候补中', cancelled: '已取消', checkedIn: '已签到' }
const TIER_REASONS: Record<string, string> = { upgrade: '升级', downgrade: '降级', rules: '规则调整' }

/**
 * Staff find a member by what they know: a card number or a full phone number (one round trip,
 * one document), the last 4 digits of the phone, or the start of a name; a page at a time. The
 * phone is masked for everyone but the owner, and the searched text stays out of the audit log.
 */
export const search = defineAction({
  schema: searchMembersPayload,
  auditPayload: ({ query }) => ({ by: memberQueryKind(query), query: memberQueryKind(query) === 'name' ? `${[...query.trim()][0] ?? ''}…` : `…${query.trim().slice(-2)}` }),
  async handler({ query, cursor }, { db, now, role }): Promise<MemberSearchPage> {
    const text = query.trim()
    const by = memberQueryKind(text)
    const after = cursor ? decodeAfter(cursor) : null
    if (after && by === 'name' && after.name === null) throw badCursor()
    const repo = memberSearchRepo(db)
    const [docs, rules] = await Promise.all([
      by === 'cardNo'
        ? repo.byCardNo(text)
        : by === 'phone'
          ? repo.byPhone(text, after?.id ?? null, SEARCH_PAGE + 1)
          : by === 'phone4'
            ? repo.byPhone4(text, after?.id ?? null, SEARCH_PAGE + 1)
            : repo.byNamePrefix(text, after && after.name !== null ? { name: after.name, id: after.id } : null, SEARCH_PAGE + 1),
      activeRules(db, now),
    ])
    const names = tierNamesOf(rules.tiers.tiers)
    const page = docs.slice(0, SEARCH_PAGE)
    return {
      by,
      members: page.map((doc) => toHit(doc, names, role)),
      nextCursor: docs.length > SEARCH_PAGE ? encodeAfter(page[page.length - 1], by) : null,
    }
  },
})

/**
 * The member whole (360): every read in one wave after the card number's. Each view is a view
 * of personal data, so it is audited with the member it concerns.
 */
export const archive = defineAction({
  schema: archivePayload,
  async handler({ cardNo }, { db, now, role, audit }): Promise<MemberArchive> {
    const member = await membersRepo(db).byCardNo(cardNo)
    if (!member) throw new AppError('NOT_FOUND', '找不到该卡号的会员', [{ path: 'cardNo', message: '找不到该卡号的会员' }])
    audit.member = member._id
    const openid = member._id
    const [rules, tierRows, ledger, orders, coupons, signups, tickets, notes, store, avatarUrl] = await Promise.all([
      activeRules(db, now),
      tierChangesRepo(db).of(openid, 20),
      ledgerPage(db, openid, undefined, undefined, 10),
      ordersPage(db, openid, undefined, 10),
      couponsRepo(db).of(openid),
      activitiesRepo(db).signupsWithActivitiesOf(openid, 20),
      ticketsRepo(db).mine(openid, null),
      memberNotesRepo(db).of(openid),
      member.source?.store ? storesRepo(db).byId(member.source.store) : Promise.resolve(null),
      member.profile.avatarFileId
        ? storage()
            .tempUrl(member.profile.avatarFileId)
            .catch(() => null)
        : Promise.resolve(null),
    ])
    const names = tierNamesOf(rules.tiers.tiers)
    const lots = pointsStateOf(member).pointLots
    const expiryAt = nextExpiry(lots)
    return {
      cardNo: member.cardNo,
      name: member.profile.name,
      gender: member.profile.gender,
      birthday: member.profile.birthday || null,
      phone: phoneFor(member.profile.phone, role),
      phoneFull: seesFullPhone(role) && !!member.profile.phone,
      avatarUrl,
      joinedAt: iso(member.joinedAt),
      lastActiveAt: iso(member.lastActiveAt),
      storeName: store?.name ?? null,
      tags: member.tags ?? [],
      removed: !!member.removedAt,
      erasedAt: member.erasedAt ? iso(member.erasedAt) : null,
      tier: member.tier,
      tierName: names[member.tier] ?? member.tier,
      tierSince: iso(member.tierSince),
      tierUntil: member.tierUntil ? iso(member.tierUntil) : null,
      tierHistory: tierRows.map((row) => ({ at: iso(row.at), fromName: names[row.from] ?? row.from, toName: names[row.to] ?? row.to, reason: TIER_REASONS[row.reason] ?? row.reason })),
      pointsBalance: member.pointsBalance,
      lifetimePoints: member.lifetimePoints,
      nextExpiry: expiryAt ? { at: expiryAt.toISOString(), points: lots.filter((lot) => lot.expiresAt.getTime() === expiryAt.getTime()).reduce((sum, lot) => sum + lot.remaining, 0) } : null,
      spend12mFen: qualifyingFigure(member.activity, 'spend', now),
      orders12m: member.seg?.purchases12m ?? 0,
      rfmLabel: member.rfm ? RFM_LABELS[member.rfm] : null,
      ledger: ledger.entries,
      ledgerCursor: ledger.nextCursor,
      orders: orders.orders,
      ordersCursor: orders.nextCursor,
      coupons: coupons.map((coupon) => toCoupon(coupon, now)),
      activities: signups.flatMap(({ signup, activity }): ArchiveSignup[] => {
        if (!activity) return []
        const status = signup.checkedInAt ? 'checkedIn' : signup.status
        return [{ activityId: activity._id, title: activity.title, startAt: iso(activity.startAt), status, statusLabel: SIGNUP_LABELS[status] ?? status }]
      }),
      tickets: tickets.slice(0, 20).map((ticket): ArchiveTicket => ({
        id: ticket._id,
        no: ticket._id,
        category: TICKET_CATEGORY_LABELS[ticket.category],
        status: ticket.status,
        statusLabel: TICKET_STATUS_LABELS[ticket.status],
        summary: ticket.text.length > 40 ? `${ticket.text.slice(0, 40)}…` : ticket.text,
        createdAt: iso(ticket.createdAt),
      })),
      notes: notes.map((note) => ({ id: note._id, text: note.text, authorName: note.byName, at: iso(note.at) })),
    }
  },
})

function toHit(doc: MemberHitDoc, names: Record<string, string>, role: Role | null): MemberHit {
  return {
    cardNo: doc.cardNo,
    name: doc.profile.name,
    phone: phoneFor(doc.profile.phone, role),
    tier: doc.tier,
    tierName: names[doc.tier] ?? doc.tier,
    pointsBalance: doc.pointsBalance,
    joinedAt: iso(doc.joinedAt),
    removed: !!doc.removedAt,
  }
}

export function phoneFor(phone: string | null | undefined, role: Role | null): string | null {
  if (!phone) return null
  return seesFullPhone(role) ? phone : maskPhone(phone)
}

function tierNamesOf(tiers: ReadonlyArray<{ id: TierId; name: string }>): Record<string, string> {
  return Object.fromEntries(tiers.map((tier) => [tier.id, tier.name]))
}

/** Opaque to the client: the last hit's `_id`, and its name when the search is by name (the page's order). */
function encodeAfter(doc: MemberHitDoc, by: string): string {
  return Buffer.from(JSON.stringify(by === 'name' ? [doc._id, doc.profile.name] : [doc._id])).toString('base64url')
}

function decodeAfter(cursor: string): { id: string; name: string | null } {
  try {
    const [id, name] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown]
    if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id) || (name !== undefined && typeof name !== 'string')) throw badCursor()
    return { id, name: typeof name === 'string' ? name : null }
  } catch {
    throw badCursor()
  }
}

const badCursor = () => new AppError('INVALID_INPUT', '分页参数无效', [{ path: 'cursor', message: '分页参数无效' }])

const iso = (at: Date | string) => new Date(at).toISOString()
