import { auditActionLabel } from '../contract/auditLabels'
import { formatFen } from '../contract/format'
import { ROLE_LABELS, type Role } from '../contract/roles'
import { EXPORT_KIND_LABELS, type ExportKind } from '../contract/workspaceFields'

/**
 * An audit entry as one Chinese sentence: who, did what, to whom, and the details that matter
 * ("王店长 调整积分 林晓雨 +200 原因：生日补录"). Only what the payload kept is said: personal data
 * (a birthday, a note's text, a phone searched for) never reaches the log in the first place.
 */

export interface AuditLine {
  fn: string
  action: string
  payload: unknown
  actorName: string
  /** The member the entry concerns, by name (or as erased), when it concerns one. */
  memberName: string | null
}

/** Names the sentence may need, as the viewer looked them up for a page of entries. */
export interface AuditNames {
  staff(openid: string): string | null
  store(id: string): string | null
  activity(id: string): string | null
  campaign(id: string): string | null
}

type Payload = Record<string, unknown>
type Detail = (payload: Payload, names: AuditNames) => string | null

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null)
const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)
const signed = (value: number) => (value > 0 ? `+${value}` : String(value))
const reasonOf = (payload: Payload) => labelled('原因', payload.reason)
const joined = (...parts: Array<string | null>) => parts.filter((part): part is string => Boolean(part)).join(' ') || null

function labelled(label: string, value: unknown): string | null {
  const found = text(value)
  return found ? `${label}：${found}` : null
}

function roleName(value: unknown): string | null {
  return typeof value === 'string' && value in ROLE_LABELS ? ROLE_LABELS[value as Role] : null
}

function money(value: unknown): string | null {
  const fen = number(value)
  return fen === null ? null : formatFen(fen)
}

function order(payload: Payload): string | null {
  const no = text(payload.orderNo)
  return no ? `订单 ${no}` : null
}

const colleague = (payload: Payload, names: AuditNames) => (text(payload.staffOpenid) ? (names.staff(String(payload.staffOpenid)) ?? '已移除的员工') : null)
const store = (payload: Payload, names: AuditNames, field = 'storeId') => (text(payload[field]) ? (names.store(String(payload[field])) ?? String(payload[field])) : null)
const activity = (payload: Payload, names: AuditNames) => (text(payload.activityId) ? `「${names.activity(String(payload.activityId)) ?? payload.activityId}」` : null)
const campaign = (payload: Payload, names: AuditNames) => (text(payload.id) ? `「${names.campaign(String(payload.id)) ?? payload.id}」` : null)

const DETAILS: Record<string, Detail> = {
  'points.adjust': (payload) => joined(number(payload.delta) === null ? null : signed(number(payload.delta)!), reasonOf(payload)),
  'points.accrue': (payload) => joined(order(payload), money(payload.amount)),
  'points.checkout': (payload) => joined(order(payload), money(payload.amount), number(payload.points) ? `积分抵扣 ${payload.points}` : null),
  'points.refund': (payload) => joined(order(payload), money(payload.amount) && `退款 ${money(payload.amount)}`),
  'points.payWithPoints': (payload) => joined(order(payload), number(payload.points) === null ? null : `使用 ${payload.points} 积分`),
  'member.setBirthday': reasonOf,
  'member.removeMember': reasonOf,
  'member.joinCode': (payload, names) => store(payload, names),
  'coupons.redeem': order,
  'rewards.create': (payload) => text(payload.name),
  'rewards.update': (payload) => text(payload.name),
  'tiers.publish': (payload) => labelled('说明', payload.explanation),
  'activity.create': (payload) => (text(payload.title) ? `「${payload.title}」` : null),
  'activity.update': activity,
  'activity.publish': activity,
  'activity.unpublish': activity,
  'activity.cancel': (payload, names) => joined(activity(payload, names), reasonOf(payload)),
  'activity.checkIn': activity,
  'ticket.assign': (payload, names) => (text(payload.to) ? `指派给 ${names.staff(String(payload.to)) ?? '其他员工'}` : null),
  'ticket.resolve': (payload) => joined(labelled('处理结果', payload.summary), payload.compensation ? '含补偿' : null),
  'ticket.escalate': reasonOf,
  'ticket.close': reasonOf,
  'ticket.staffReopen': reasonOf,
  'ticket.closeRevisit': reasonOf,
  'marketing.saveSegment': (payload) => text(payload.name),
  'marketing.tagSegment': (payload) => (text(payload.tag) ? `${payload.remove ? '移除' : '添加'}标签「${payload.tag}」` : null),
  'marketing.createCampaign': (payload) => (text(payload.name) ? `「${payload.name}」` : null),
  'marketing.updateCampaign': campaign,
  'marketing.startCampaign': campaign,
  'marketing.pauseCampaign': campaign,
  'marketing.resumeCampaign': campaign,
  'marketing.cancelCampaign': campaign,
  'staff.updateStaff': (payload, names) =>
    joined(
      colleague(payload, names),
      [roleName(payload.role) && `角色改为${roleName(payload.role)}`, text(payload.storeId) && `门店改为${store(payload, names)}`, text(payload.name) && `姓名改为${payload.name}`]
        .filter(Boolean)
        .join('，') || null,
    ),
  'staff.revokeStaff': colleague,
  'staff.transferOwnership': (payload, names) => joined('给', colleague(payload, names)),
  'staff.invite': (payload, names) => (roleName(payload.role) ? `${roleName(payload.role)}（${store(payload, names)}）` : null),
  'staff.saveStore': (payload) => joined(payload.id ? '修改' : '新建', text(payload.name)),
  'staff.closeStore': (payload, names) => store(payload, names, 'id'),
  'staff.reopenStore': (payload, names) => store(payload, names, 'id'),
  'staff.startExport': (payload) =>
    typeof payload.kind === 'string' && payload.kind in EXPORT_KIND_LABELS
      ? `${EXPORT_KIND_LABELS[payload.kind as ExportKind]} ${text(payload.from) ?? ''} 至 ${text(payload.to) ?? ''}${payload.fullPhone ? '（含完整手机号）' : '（手机号已隐藏）'}`
      : null,
  'staff.bootstrapOwner': (payload) => text(payload.name),
}

export function auditText(line: AuditLine, names: AuditNames): string {
  const key = `${line.fn}.${line.action}`
  const payload = line.payload && typeof line.payload === 'object' ? (line.payload as Payload) : {}
  const detail = DETAILS[key]?.(payload, names) ?? null
  return [line.actorName, auditActionLabel(key), line.memberName, detail].filter((part): part is string => Boolean(part)).join(' ')
}

/** Who did it, as the log shows them: a staff member by name, the member themselves, or the system (timers, console). */
export function actorNameOf(entry: { actor: string | null; role: Role | null }, staffName: string | null, recordedName: string | null): string {
  if (!entry.actor) return '系统'
  if (staffName) return staffName
  if (entry.role) return recordedName ?? '已移除的员工'
  return recordedName ?? '会员本人'
}
