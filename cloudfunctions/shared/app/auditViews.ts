import type { z } from 'zod'
import { auditActionLabel } from '../contract/auditLabels'
import { ROLE_LABELS } from '../contract/roles'
import type { AuditPage, AuditView, auditPayload } from '../contract/staff'
import { AUDIT_PAGE, ERASED_NAME } from '../contract/workspaceFields'
import { activitiesRepo } from '../data/activities'
import { auditRepo, type AuditDoc, type AuditFilter } from '../data/audit'
import { campaignsRepo } from '../data/campaigns'
import { membersRepo } from '../data/members'
import { encodeCursor } from '../data/paging'
import { staffRepo } from '../data/staff'
import { storesRepo } from '../data/stores'
import { actorNameOf, auditText, type AuditNames } from '../domain/auditText'
import { shopDayEnd, shopDayStart } from '../domain/calendar'
import type { MemberDoc } from '../domain/member'
import type { Database } from '../runtime/cloud'
import { AppError } from '../runtime/errors'
import { cursorOf } from './commands'

type AuditQuery = z.output<typeof auditPayload>

/**
 * One page of the audit log as sentences. The entries come from one indexed query; the names they
 * need (staff, members, stores, activities, campaigns) from one query each, all at once.
 */
export async function auditPage(db: Database, query: AuditQuery): Promise<AuditPage> {
  const filter = await filterOf(db, query)
  const rows = await auditRepo(db).page(filter, cursorOf(query.cursor), AUDIT_PAGE + 1)
  const page = rows.slice(0, AUDIT_PAGE)
  const names = await namesFor(db, page)
  const last = page[page.length - 1]
  return { entries: page.map((entry) => viewOf(entry, names)), nextCursor: rows.length > AUDIT_PAGE && last ? encodeCursor(last.at, last._id) : null }
}

async function filterOf(db: Database, query: AuditQuery): Promise<AuditFilter> {
  if (query.from && query.to && query.from > query.to) throw new AppError('INVALID_INPUT', '结束日期不能早于开始日期', [{ path: 'to', message: '结束日期不能早于开始日期' }])
  const filter: AuditFilter = {}
  if (query.actorOpenid) filter.actor = query.actorOpenid
  if (query.action) [filter.fn, filter.action] = query.action.split('.')
  if (query.from) filter.from = shopDayStart(query.from)
  if (query.to) filter.until = shopDayEnd(query.to)
  if (query.cardNo) {
    const member = await membersRepo(db).byCardNo(query.cardNo)
    if (!member) throw new AppError('NOT_FOUND', '找不到该会员卡号', [{ path: 'cardNo', message: '找不到该会员卡号' }])
    filter.member = member._id
  }
  return filter
}

interface PageNames extends AuditNames {
  member(openid: string): MemberDoc | null
}

const strings = (values: unknown[]) => [...new Set(values.filter((value): value is string => typeof value === 'string' && value.length > 0))]
const field = (entry: AuditDoc, name: string): unknown => (entry.payload && typeof entry.payload === 'object' ? (entry.payload as Record<string, unknown>)[name] : undefined)

async function namesFor(db: Database, page: AuditDoc[]): Promise<PageNames> {
  const staffIds = strings(page.flatMap((entry) => [entry.actor, field(entry, 'staffOpenid'), field(entry, 'to')]))
  const memberIds = strings(page.map((entry) => entry.member))
  const activityIds = strings(page.filter((entry) => entry.fn === 'activity').map((entry) => field(entry, 'activityId')))
  const campaignIds = strings(page.filter((entry) => entry.fn === 'marketing').map((entry) => field(entry, 'id')))
  const [staff, members, stores, activities, campaigns] = await Promise.all([
    staffRepo(db).namesOf(staffIds),
    membersRepo(db).byOpenids(memberIds),
    storesRepo(db).all(),
    activitiesRepo(db).byIds(activityIds),
    campaignsRepo(db).namesOf(campaignIds),
  ])
  const storeNames = new Map(stores.map((store) => [store._id, store.name]))
  return {
    staff: (openid) => staff.get(openid) ?? null,
    store: (id) => storeNames.get(id) ?? null,
    activity: (id) => activities.get(id)?.title ?? null,
    campaign: (id) => campaigns.get(id) ?? null,
    member: (openid) => members.get(openid) ?? null,
  }
}

/** An erased member keeps their card number (the ledger names it) but not their name. */
function memberNameOf(member: MemberDoc | null): string | null {
  if (!member) return null
  const erased = (member as MemberDoc & { erasedAt?: unknown }).erasedAt
  return erased ? ERASED_NAME : member.profile.name || '未填写姓名'
}

function viewOf(entry: AuditDoc, names: PageNames): AuditView {
  const key = `${entry.fn}.${entry.action}`
  const actorName = actorNameOf(entry, entry.actor ? names.staff(entry.actor) : null, entry.actorName ?? null)
  const member = entry.member ? names.member(entry.member) : null
  const memberName = entry.member ? (memberNameOf(member) ?? '未知会员') : null
  return {
    id: entry._id,
    at: new Date(entry.at).toISOString(),
    actorName,
    actorRole: entry.role ? ROLE_LABELS[entry.role] : null,
    action: key,
    actionLabel: auditActionLabel(key),
    memberName,
    memberCardNo: member?.cardNo ?? null,
    text: auditText({ fn: entry.fn, action: entry.action, payload: entry.payload, actorName, memberName }, names),
  }
}
