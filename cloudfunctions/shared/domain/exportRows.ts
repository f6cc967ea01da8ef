import { GENDER_LABELS, type LedgerKind, type TierId } from '../contract/enums'
import { maskPhone, type ExportKind } from '../contract/workspaceFields'
import { shopTime } from './calendar'
import type { CsvValue } from './csv'
import type { LedgerRow, OrderRow } from './ledger'
import type { MemberDoc } from './member'
import { NEVER_PURCHASED } from './rfm'

/**
 * What each export's spreadsheet says, column by column: Chinese headers, Beijing times, yuan with
 * two decimals (plain numbers a spreadsheet can sum, no ¥ or grouping), and the phone masked unless
 * the owner asked for full numbers. The ledger has no phone column: points movements are accounting,
 * and a member's number adds nothing to them.
 */

export const EXPORT_HEADERS: Record<ExportKind, readonly string[]> = {
  members: ['卡号', '姓名', '手机号', '性别', '生日', '等级', '积分余额', '累计积分', '入会门店', '入会时间', '最近消费', '标签', '状态'],
  ledger: ['时间', '卡号', '会员姓名', '类型', '积分变动', '变动后余额', '说明', '操作人', '流水编号'],
  orders: ['时间', '门店', '单号', '卡号', '会员姓名', '手机号', '订单金额(元)', '实付金额(元)', '积分抵现(元)', '获得积分', '已退款(元)', '收银员'],
}

export const LEDGER_KIND_NAMES: Record<LedgerKind, string> = { earn: '获得', redeem: '使用', expire: '过期', adjust: '调整', reverse: '冲回' }

/** A member as an export reads them: the spreadsheet's fields only (no lots, activity or messaging). */
export type ExportedMember = Pick<MemberDoc, '_id' | 'cardNo' | 'profile' | 'tier' | 'pointsBalance' | 'lifetimePoints' | 'source' | 'tags' | 'joinedAt' | 'lastPurchaseAt' | 'removedAt'>

/** Who a member is on a ledger or order line. */
export interface MemberIdentity {
  cardNo: string
  name: string
  phone: string | null
}

/** Names the rows refer to by id, looked up once per page. */
export interface ExportLookups {
  members: ReadonlyMap<string, MemberIdentity>
  staffNames: ReadonlyMap<string, string>
  storeNames: ReadonlyMap<string, string>
  tierNames: Readonly<Record<TierId, string>>
  /** Fen refunded so far, by the order row's key. */
  refundedFen: ReadonlyMap<string, number>
  fullPhone: boolean
}

/** `2026-11-03 14:05:09`, Beijing time: a spreadsheet reads it as a date-time. */
export function exportTime(at: Date | string | null | undefined): string {
  return at ? shopTime(new Date(at)).format('YYYY-MM-DD HH:mm:ss') : ''
}

/** `123.40` from whole fen. */
export function yuan(fen: number): string {
  return (fen / 100).toFixed(2)
}

function phoneOf(phone: string | null | undefined, fullPhone: boolean): string {
  return (fullPhone ? phone : maskPhone(phone)) ?? ''
}

const storeName = (id: string | null | undefined, lookups: ExportLookups) => (id ? (lookups.storeNames.get(id) ?? id) : '')

export function memberCells(member: ExportedMember, lookups: ExportLookups): CsvValue[] {
  const lastPurchase = member.lastPurchaseAt && new Date(member.lastPurchaseAt).getTime() > NEVER_PURCHASED.getTime() ? member.lastPurchaseAt : null
  return [
    member.cardNo,
    member.profile.name,
    phoneOf(member.profile.phone, lookups.fullPhone),
    GENDER_LABELS[member.profile.gender] ?? '',
    member.profile.birthday,
    lookups.tierNames[member.tier] ?? member.tier,
    member.pointsBalance,
    member.lifetimePoints,
    storeName(member.source?.store, lookups),
    exportTime(member.joinedAt),
    exportTime(lastPurchase),
    (member.tags ?? []).join('、'),
    member.removedAt ? '已注销' : '正常',
  ]
}

/** Who made a movement: a colleague by name, the member themselves, or a job. */
function actorName(row: LedgerRow, lookups: ExportLookups): string {
  if (row.by === 'system') return '系统'
  if (row.by === row.openid) return '会员本人'
  return lookups.staffNames.get(row.by) ?? '已离职员工'
}

const UNKNOWN_MEMBER: MemberIdentity = { cardNo: '', name: '', phone: null }

export function ledgerCells(row: LedgerRow, lookups: ExportLookups): CsvValue[] {
  const member = lookups.members.get(row.openid) ?? UNKNOWN_MEMBER
  return [exportTime(row.createdAt), member.cardNo, member.name, LEDGER_KIND_NAMES[row.kind] ?? row.kind, row.delta, row.balanceAfter, row.reason, actorName(row, lookups), row._id]
}

export function orderCells(row: OrderRow, lookups: ExportLookups): CsvValue[] {
  const member = lookups.members.get(row.openid) ?? UNKNOWN_MEMBER
  const { order } = row
  const checkout = order.checkout
  return [
    exportTime(row.createdAt),
    storeName(order.storeId, lookups),
    order.orderNo,
    member.cardNo,
    member.name,
    phoneOf(member.phone, lookups.fullPhone),
    yuan(order.amountFen),
    yuan(checkout?.paidFen ?? order.amountFen),
    yuan(checkout?.cashFen ?? 0),
    checkout?.pointsEarned ?? row.delta,
    yuan(lookups.refundedFen.get(row._id) ?? 0),
    lookups.staffNames.get(order.cashier) ?? '已离职员工',
  ]
}
