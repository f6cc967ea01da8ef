/**
 * Erasure beyond the member's own document: what staff wrote to and about the member on their
 * complaint (replies, internal notes, a resolution, a revisit's contact note), the member's own
 * words on it (the complaint, a reply, a reopen reason, a rating comment), their activity rating's
 * comment, the messages sent to them, and the files: their avatar and the complaint's picture.
 * The owner erases them (removeMember, with a reason); afterwards no collection holds any of it,
 * the files are gone, and the statistics' facts (ticket status and number, the activity score) stay.
 */
import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections'
import { ERASED_NAME } from '../../cloudfunctions/shared/contract/workspaceFields'
import type { MemberDoc } from '../../cloudfunctions/shared/domain/member'
import type { SignupDoc } from '../../cloudfunctions/shared/domain/activity'
import { activityDraft, publishedActivity, seedMemberWithPoints } from '../support/activities'
import { dataOf, useLocalCloud } from '../support/localCloud'
import { memberCodeOf, pointsInvariant, seedMember } from '../support/members'
import { consent, DESK, PNG, seedDesk, ticketDoc, UPDATE, uploadedBy } from '../support/tickets'

const { cloud, as } = useLocalCloud({ maxInstances: 3 })

const NOW = new Date('2026-12-01T10:00:00+08:00')
const HOUR = 3600_000
const OPENID = 'erased-by-owner-member'
/** Each string exists only where this member's data put it: found anywhere afterwards, it leaked. */
const PERSONAL = {
  name: '司马未央',
  phone: '13712398765',
  complaint: '蛋糕里吃出头发甲子',
  staffReply: '司马未央女士您好，已核实乙丑',
  internalNote: '会员电话13712398765丙寅',
  summary: '已向司马未央退款丁卯',
  memberReply: '补充小票戊辰',
  reopenReason: '退款还没到账己巳',
  contactNote: '回访时会员说庚午',
  ticketComment: '处理得还行辛未',
  activityComment: '活动很好玩壬申',
}
const REASON = '会员到店书面申请注销'

const memberDoc = () => cloud().db.find('members', { _id: OPENID })[0] as MemberDoc
const at = (hours: number) => cloud().setNow(new Date(NOW.getTime() + hours * HOUR))
const staff = async (openid: string, action: string, payload: Record<string, unknown>) => dataOf(await as(openid).call('ticket', action as 'note', payload as never))
const member = async (action: string, payload: Record<string, unknown>) => dataOf(await as(OPENID).call('ticket', action as 'reply', payload as never))

let avatarFileId: string
let pictureFileId: string
let ticketId: string
let activityId: string

beforeAll(async () => {
  cloud().setNow(NOW)
  seedDesk(cloud())
  avatarFileId = cloud().storage.put(`avatars/${OPENID}.png`, PNG)
  seedMember(cloud(), OPENID, {
    profile: { name: PERSONAL.name, gender: 'male', birthday: '1979-09-09', birthdayMD: '09-09', avatarFileId, phone: PERSONAL.phone, phone4: PERSONAL.phone.slice(-4) },
  })
  await consent(cloud(), OPENID, UPDATE)

  // The complaint, worked by the desk through a reopen and a revisit.
  pictureFileId = await uploadedBy(cloud(), as, OPENID, PNG)
  ticketId = (dataOf(await as(OPENID).call('ticket', 'file', { category: 'product', text: PERSONAL.complaint, images: [pictureFileId] })) as { id: string }).id
  await staff(DESK.service, 'assign', { ticketId })
  await staff(DESK.service, 'staffReply', { ticketId, text: PERSONAL.staffReply })
  await staff(DESK.admin, 'note', { ticketId, text: PERSONAL.internalNote })
  await member('reply', { ticketId, text: PERSONAL.memberReply })
  at(1)
  await staff(DESK.service, 'resolve', { ticketId, summary: PERSONAL.summary, compensation: null })
  await member('confirm', { ticketId })
  at(2)
  await member('reopen', { ticketId, reason: PERSONAL.reopenReason })
  await staff(DESK.service, 'logContact', { ticketId, channel: 'phone', outcome: 'reached', note: PERSONAL.contactNote })
  await staff(DESK.service, 'resolve', { ticketId, summary: PERSONAL.summary, compensation: null })
  await member('rate', { ticketId, score: 4, comment: PERSONAL.ticketComment })

  // An activity they attended and rated.
  const start = new Date(NOW.getTime() + 24 * HOUR)
  activityId = (await publishedActivity(as, DESK.owner, activityDraft(start))).id
  dataOf(await as(OPENID).call('activity', 'signup', { activityId }))
  cloud().setNow(new Date(start.getTime() - HOUR / 2))
  dataOf(await as(DESK.cashier).call('activity', 'checkIn', { activityId, memberCode: memberCodeOf(cloud(), OPENID) }))
  cloud().setNow(new Date(start.getTime() + HOUR))
  dataOf(await as(OPENID).call('activity', 'rate', { activityId, score: 5, comment: PERSONAL.activityComment }))
})
afterAll(() => cloud().setNow(null))

describe('the owner erasing a member', () => {
  it('starts from a shop that holds every one of those strings somewhere', () => {
    const everything = JSON.stringify(COLLECTIONS.map((collection) => cloud().db.find(collection)))
    for (const value of Object.values(PERSONAL)) expect({ value, held: everything.includes(value) }).toEqual({ value, held: true })
    expect(cloud().storage.get(avatarFileId)).not.toBeNull()
    expect(cloud().storage.get(pictureFileId)).not.toBeNull()
  })

  it('leaves none of them in any collection, deletes the avatar and the picture, and keeps the facts the statistics count', async () => {
    const before = ticketDoc(cloud(), ticketId)
    const result = dataOf(await as(DESK.owner).call('member', 'removeMember', { cardNo: memberDoc().cardNo, reason: REASON }))
    expect(result).toMatchObject({ already: false })

    for (const collection of COLLECTIONS) {
      const text = JSON.stringify(cloud().db.find(collection))
      for (const [what, value] of Object.entries(PERSONAL)) expect({ collection, what, found: text.includes(value) }).toEqual({ collection, what, found: false })
    }
    expect(cloud().storage.get(avatarFileId)).toBeNull()
    expect(cloud().storage.get(pictureFileId)).toBeNull()

    const after = ticketDoc(cloud(), ticketId)
    expect(after).toMatchObject({ _id: before._id, status: before.status, category: before.category, memberName: ERASED_NAME, images: [] })
    expect(after.history.map((entry) => [entry.event, entry.to])).toEqual(before.history.map((entry) => [entry.event, entry.to]))
    expect(after.resolutions.map((entry) => entry.rating?.score ?? null)).toEqual(before.resolutions.map((entry) => entry.rating?.score ?? null))
    // Staff keep their names on what they did; the member's is gone.
    expect(after.thread.map((entry) => entry.name)).toEqual(before.thread.map((entry) => (entry.from === 'member' ? ERASED_NAME : entry.name)))
    expect((cloud().db.find('signups', { _id: `${activityId}:${OPENID}` })[0] as SignupDoc).rating).toMatchObject({ score: 5, comment: '' })

    // The owner's reason is the shop's record of the act, audited against the member.
    const [entry] = cloud().db.find('audit', { action: 'removeMember' }) as Array<{ actor: string; member: string; payload: { reason: string } }>
    expect(entry).toMatchObject({ actor: DESK.owner, member: OPENID, payload: { reason: REASON } })
  })

  it('changes nothing when asked again', async () => {
    const snapshot = () => COLLECTIONS.filter((collection) => collection !== 'audit').map((collection) => cloud().db.find(collection))
    const before = snapshot()
    const again = dataOf(await as(DESK.owner).call('member', 'removeMember', { cardNo: memberDoc().cardNo, reason: REASON }))
    expect(again).toMatchObject({ already: true, forfeitedPoints: 0, couponsVoided: 0, signupsCancelled: 0 })
    expect(snapshot()).toEqual(before)
  })

  it('erases once when the member and the owner ask at the same moment: one forfeit row, one answer that did it', async () => {
    const openid = 'erased-twice-at-once'
    const { cardNo } = seedMemberWithPoints(cloud(), openid, 300)
    const answers = await Promise.all([
      as(openid).call('member', 'erase', { confirm: true }),
      as(DESK.owner).call('member', 'removeMember', { cardNo, reason: REASON }),
      as(openid).call('member', 'erase', { confirm: true }),
    ])
    const results = answers.map((answer) => dataOf(answer))
    expect(results.filter((result) => !result.already)).toHaveLength(1)
    expect(results.reduce((sum, result) => sum + result.forfeitedPoints, 0)).toBe(300)
    expect(cloud().db.find('ledger', { openid, delta: -300 })).toHaveLength(1)
    expect(pointsInvariant(cloud(), openid)).toEqual({ balance: 0, ledgerSum: 0, lotsSum: 0, negativeLots: 0 })
  })
})
