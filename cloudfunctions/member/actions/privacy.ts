import { addNotePayload, eraseSelfPayload, myDataPayload, removeMemberPayload, type MemberNote, type MyDataFile } from '../../shared/contract/archive'
import { eraseMember } from '../../shared/app/erasure'
import { ledgerPage, ordersPage } from '../../shared/app/memberRecords'
import { toCoupon } from '../../shared/domain/coupons'
import { activitiesRepo } from '../../shared/data/activities'
import { couponsRepo } from '../../shared/data/coupons'
import { membersRepo } from '../../shared/data/members'
import { memberNotesRepo } from '../../shared/data/memberNotes'
import { setDataFile } from '../../shared/data/memberPrivacy'
import { ticketsRepo, type TicketDoc } from '../../shared/data/tickets'
import { activeRules } from '../../shared/data/rules'
import { GENDER_LABELS } from '../../shared/contract/enums'
import { TICKET_CATEGORY_LABELS, TICKET_STATUS_LABELS } from '../../shared/contract/ticketFields'
import type { MemberDoc } from '../../shared/domain/member'
import { SIGNUP_LABELS } from './archive'
import { AppError, defineAction, staffNameOf, type Database } from '../../shared/runtime'
import { storage } from '../../shared/runtime/storage'

/** A staff note on a member, once per tap; its text stays out of the audit log (erasure removes the note). */
export const addNote = defineAction({
  schema: addNotePayload,
  auditPayload: ({ cardNo, requestId }) => ({ cardNo, requestId }),
  async handler({ cardNo, text, requestId }, { db, openid, now, audit }): Promise<MemberNote> {
    const member = await membersRepo(db).byCardNo(cardNo)
    if (!member) throw new AppError('NOT_FOUND', '找不到该卡号的会员', [{ path: 'cardNo', message: '找不到该卡号的会员' }])
    if (member.erasedAt) throw new AppError('CONFLICT', '该会员已注销，不能再添加备注')
    audit.member = member._id
    const byName = (await staffNameOf(db, openid)) ?? '员工'
    const note = await memberNotesRepo(db).add({ _id: `note:${requestId}`, openid: member._id, text, by: openid, byName, at: now })
    return { id: note._id, text: note.text, authorName: note.byName, at: new Date(note.at).toISOString() }
  },
})

/** The owner erases a member, with a reason (kept in the audit entry). */
export const removeMember = defineAction({
  schema: removeMemberPayload,
  async handler({ cardNo }, { db, openid, now, audit }) {
    const member = await membersRepo(db).byCardNo(cardNo)
    if (!member) throw new AppError('NOT_FOUND', '找不到该卡号的会员', [{ path: 'cardNo', message: '找不到该卡号的会员' }])
    audit.member = member._id
    return eraseMember(db, member, openid, now)
  },
})

/** The member erases their own membership (注销). Audited, since it changes the shop's records. */
export const erase = defineAction({
  schema: eraseSelfPayload,
  audit: true,
  async handler(_payload, { db, openid, now, audit }) {
    const member = await membersRepo(db).byOpenid(openid)
    if (!member) throw new AppError('NOT_MEMBER')
    audit.member = openid
    return eraseMember(db, member, openid, now)
  },
})

/** The member's own data as one JSON file in cloud storage, with a temporary link. */
export const myData = defineAction({
  schema: myDataPayload,
  async handler(_payload, { db, openid, now }): Promise<MyDataFile> {
    const member = await membersRepo(db).byOpenid(openid)
    if (!member || member.erasedAt) throw new AppError('NOT_MEMBER')
    const content = Buffer.from(JSON.stringify(await dataOf(db, member, now), null, 2), 'utf8')
    const fileName = `会员数据_${member.cardNo}.json`
    // One file per member, replaced by each download and named on the member, so erasure deletes it.
    const fileId = await storage().upload(`my-data/${member.cardNo}.json`, content)
    if (fileId !== member.dataFileId) await setDataFile(db, openid, fileId)
    const url = await storage().tempUrl(fileId)
    if (!url) throw new Error('myData: no temporary link for the file')
    return { fileName, url, bytes: content.length }
  },
})

/**
 * Everything the shop holds about the member, in their own terms: codes as the app words them
 * (性别, 等级, 状态), times as ISO instants. No staff notes: those are the shop's working notes and
 * are erased with the membership.
 */
async function dataOf(db: Database, member: MemberDoc, now: Date) {
  const openid = member._id
  const [ledger, orders, coupons, signups, tickets, rules] = await Promise.all([
    everyPage((cursor) => ledgerPage(db, openid, undefined, cursor, 100).then((page) => ({ rows: page.entries, next: page.nextCursor }))),
    everyPage((cursor) => ordersPage(db, openid, cursor, 100).then((page) => ({ rows: page.orders, next: page.nextCursor }))),
    couponsRepo(db).of(openid),
    activitiesRepo(db).signupsOf(openid, 200),
    ticketsOf(db, openid),
    activeRules(db, now),
  ])
  const activities = await activitiesRepo(db).byIds([...new Set(signups.map((signup) => signup.activityId))])
  const tierName = rules.tiers.tiers.find((tier) => tier.id === member.tier)?.name ?? member.tier
  return {
    导出时间: now.toISOString(),
    会员资料: {
      卡号: member.cardNo,
      姓名: member.profile.name,
      性别: GENDER_LABELS[member.profile.gender] ?? member.profile.gender,
      生日: member.profile.birthday,
      手机号: member.profile.phone ?? null,
      等级: tierName,
      积分余额: member.pointsBalance,
      累计积分: member.lifetimePoints,
      标签: member.tags ?? [],
      入会时间: new Date(member.joinedAt).toISOString(),
    },
    积分明细: ledger,
    消费记录: orders,
    优惠券: coupons.map((coupon) => toCoupon(coupon, now)),
    活动报名: signups.map((signup) => {
      const status = signup.checkedInAt ? 'checkedIn' : signup.status
      return {
        活动: activities.get(signup.activityId)?.title ?? signup.activityId,
        状态: SIGNUP_LABELS[status] ?? status,
        报名时间: new Date(signup.signedUpAt).toISOString(),
        签到时间: signup.checkedInAt ? new Date(signup.checkedInAt).toISOString() : null,
        评分: signup.rating?.score ?? null,
        评价: signup.rating?.comment || null,
      }
    }),
    反馈工单: tickets.map((ticket) => ({
      编号: ticket._id,
      类别: TICKET_CATEGORY_LABELS[ticket.category],
      状态: TICKET_STATUS_LABELS[ticket.status],
      内容: ticket.text,
      沟通记录: (ticket.thread ?? []).map((entry) => ({ 时间: new Date(entry.at).toISOString(), 来自: entry.from === 'member' ? '我' : entry.name, 内容: entry.text })),
      提交时间: new Date(ticket.createdAt).toISOString(),
    })),
  }
}

/** A member's whole list, a page at a time; capped so one member's file stays one function run. */
async function everyPage<T>(page: (cursor: string | undefined) => Promise<{ rows: T[]; next: string | null }>, most = 10_000): Promise<T[]> {
  const rows: T[] = []
  let cursor: string | undefined
  do {
    const next = await page(cursor)
    rows.push(...next.rows)
    cursor = next.next ?? undefined
  } while (cursor && rows.length < most)
  return rows
}

/** Every ticket of the member's, newest first, following the member's own list page by page. */
async function ticketsOf(db: Database, openid: string): Promise<TicketDoc[]> {
  const repo = ticketsRepo(db)
  const all: TicketDoc[] = []
  let after: { at: Date; id: string } | null = null
  for (;;) {
    const rows = await repo.mine(openid, after)
    const page = rows.slice(0, repo.PAGE)
    all.push(...page)
    if (rows.length <= repo.PAGE || page.length === 0) return all
    const last = page[page.length - 1]
    after = { at: new Date(last.createdAt), id: last._id }
  }
}
