import { addNotePayload, eraseSelfPayload, myDataPayload, removeMemberPayload, type MemberNote, type MyDataFile } from '../../shared/contract/archive'
import { eraseMember } from '../../shared/app/erasure'
import { ledgerPage, ordersPage } from '../../shared/app/memberRecords'
import { toCoupon } from '../../shared/domain/coupons'
import { activitiesRepo } from '../../shared/data/activities'
import { couponsRepo } from '../../shared/data/coupons'
import { membersRepo } from '../../shared/data/members'
import { memberNotesRepo } from '../../shared/data/memberNotes'
import { ticketsRepo } from '../../shared/data/tickets'
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
    const content = Buffer.from(JSON.stringify(await dataOf(db, openid, now), null, 2), 'utf8')
    const fileName = `会员数据_${member.cardNo}.json`
    const fileId = await storage().upload(`my-data/${member.cardNo}/${now.getTime()}.json`, content)
    const url = await storage().tempUrl(fileId)
    if (!url) throw new Error('myData: no temporary link for the file')
    return { fileName, url, bytes: content.length }
  },
})

/** Everything the shop holds about the member, in their own terms (no staff notes: those are the shop's working notes and are erased with the membership). */
async function dataOf(db: Database, openid: string, now: Date) {
  const member = (await membersRepo(db).byOpenid(openid))!
  const ledger = []
  let cursor: string | undefined
  do {
    const page = await ledgerPage(db, openid, undefined, cursor, 100)
    ledger.push(...page.entries)
    cursor = page.nextCursor ?? undefined
  } while (cursor && ledger.length < 10_000)
  const orders = []
  cursor = undefined
  do {
    const page = await ordersPage(db, openid, cursor, 100)
    orders.push(...page.orders)
    cursor = page.nextCursor ?? undefined
  } while (cursor && orders.length < 10_000)
  const [coupons, signups, tickets] = await Promise.all([couponsRepo(db).of(openid), activitiesRepo(db).signupsOf(openid, 200), ticketsRepo(db).mine(openid, null)])
  const activities = await activitiesRepo(db).byIds([...new Set(signups.map((signup) => signup.activityId))])
  return {
    导出时间: now.toISOString(),
    会员资料: {
      卡号: member.cardNo,
      姓名: member.profile.name,
      性别: member.profile.gender,
      生日: member.profile.birthday,
      手机号: member.profile.phone ?? null,
      等级: member.tier,
      积分余额: member.pointsBalance,
      累计积分: member.lifetimePoints,
      标签: member.tags ?? [],
      入会时间: new Date(member.joinedAt).toISOString(),
    },
    积分明细: ledger,
    消费记录: orders,
    优惠券: coupons.map((coupon) => toCoupon(coupon, now)),
    活动报名: signups.map((signup) => ({
      活动: activities.get(signup.activityId)?.title ?? signup.activityId,
      状态: signup.status,
      报名时间: new Date(signup.signedUpAt).toISOString(),
      签到时间: signup.checkedInAt ? new Date(signup.checkedInAt).toISOString() : null,
      评分: signup.rating?.score ?? null,
    })),
    反馈工单: tickets.map((ticket) => ({ 编号: ticket._id, 类别: ticket.category, 状态: ticket.status, 内容: ticket.text, 提交时间: new Date(ticket.createdAt).toISOString() })),
  }
}
