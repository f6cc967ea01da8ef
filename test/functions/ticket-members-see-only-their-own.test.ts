/**
 * Who sees and does what with a ticket, through the emulator. A member sees and acts on their own
 * tickets only (another's reads as no ticket at all), and nothing the desk keeps to itself ever
 * reaches a member: every member action's answer is searched, as JSON, for the internal notes, the
 * revisit records, every staff OPENID and the other member's data. Staff actions refuse members,
 * cashiers and marketing staff; ending a revisit is for owners and admins, the SLA for the owner.
 */
import type { ActionName } from '../../cloudfunctions/shared/contract/actions'
import type { Envelope } from '../../cloudfunctions/shared/contract/errors'
import { dataOf, useLocalCloud } from '../support/localCloud'
import { seedMember } from '../support/members'
import { consent, DESK, fileFor, PNG, resolvedFor, seedDesk, ticketDoc, UPDATE, uploadedBy } from '../support/tickets'

const { cloud, as } = useLocalCloud({ maxInstances: 3 })

const NOW = new Date('2026-12-01T10:00:00+08:00')
const [A, B] = ['tk-priv-member-a', 'tk-priv-member-b']
const HOUR = 3600_000

beforeEach(() => {
  cloud().db.clear()
  cloud().outbox.clear()
  cloud().setNow(NOW)
  seedDesk(cloud())
  seedMember(cloud(), A)
  seedMember(cloud(), B, { profile: { name: '赵秘密', gender: 'unknown', birthday: '1990-01-01', birthdayMD: '01-01', avatarFileId: null, phone: '13800138000' } })
})
afterAll(() => cloud().setNow(null))

const STAFF_ACTIONS: Array<[ActionName<'ticket'>, (ticketId: string) => Record<string, unknown>]> = [
  ['queue', () => ({})],
  ['counts', () => ({})],
  ['staffDetail', (ticketId) => ({ ticketId })],
  ['assign', (ticketId) => ({ ticketId })],
  ['staffReply', (ticketId) => ({ ticketId, text: '您好' })],
  ['note', (ticketId) => ({ ticketId, text: '备注' })],
  ['resolve', (ticketId) => ({ ticketId, summary: '已处理' })],
  ['escalate', (ticketId) => ({ ticketId, reason: '紧急' })],
  ['close', (ticketId) => ({ ticketId, reason: '关闭' })],
  ['staffReopen', (ticketId) => ({ ticketId, reason: '重开' })],
  ['logContact', (ticketId) => ({ ticketId, channel: 'phone', outcome: 'reached', note: '已沟通' })],
  ['closeRevisit', (ticketId) => ({ ticketId, reason: '结束回访' })],
  ['stats', () => ({})],
  ['sla', () => ({})],
]

describe('a member’s own tickets only', () => {
  it('lists only the member’s own; another’s reads as NOT_FOUND for every member action, and stays as it was', async () => {
    const mine = await fileFor(as, A)
    const theirs = await resolvedFor(as, B)
    const listed = dataOf(await as(A).call('ticket', 'mine', {}))
    expect(listed.items.map((item) => item.id)).toEqual([mine.id])
    const before = ticketDoc(cloud(), theirs.id)
    const ticketId = theirs.id
    for (const [action, payload] of [
      ['detail', { ticketId }],
      ['reply', { ticketId, text: '我也来说两句' }],
      ['withdraw', { ticketId }],
      ['confirm', { ticketId }],
      ['reopen', { ticketId, reason: '还是不行' }],
      ['rate', { ticketId, score: 1 }],
    ] as const)
      expect([action, await as(A).call('ticket', action, payload)]).toEqual([action, { ok: false, error: { code: 'NOT_FOUND', message: '找不到该工单' } }])
    expect(ticketDoc(cloud(), theirs.id)).toEqual(before)
    // A number that was never handed out reads the same.
    expect(await as(A).call('ticket', 'detail', { ticketId: 'T20261201-9999' })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '找不到该工单' } })
  })

  it('refuses every staff action to members, cashiers and marketing staff, and the timer to anyone', async () => {
    const ticket = await fileFor(as, A)
    for (const caller of [A, DESK.cashier, DESK.marketing])
      for (const [action, payload] of STAFF_ACTIONS) {
        const envelope = await as(caller).call('ticket', action, payload(ticket.id))
        expect([caller, action, envelope.ok || envelope.error.code]).toEqual([caller, action, 'FORBIDDEN'])
      }
    for (const caller of [A, DESK.service, DESK.owner]) expect(await as(caller).call('ticket', 'sweep', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(ticketDoc(cloud(), ticket.id)).toMatchObject({ status: 'new', rev: 1, notes: [] })
  })

  it('lets only owners and admins end a revisit, and only the owner set the SLA', async () => {
    const ticket = await resolvedFor(as, A)
    dataOf(await as(A).call('ticket', 'rate', { ticketId: ticket.id, score: 1, comment: '很失望' }))
    expect(await as(DESK.service).call('ticket', 'closeRevisit', { ticketId: ticket.id, reason: '已沟通' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const sla = dataOf(await as(DESK.service).call('ticket', 'sla', {}))
    for (const caller of [DESK.service, DESK.admin]) expect(await as(caller).call('ticket', 'setSla', sla)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(dataOf(await as(DESK.owner).call('ticket', 'setSla', sla))).toEqual(sla)
    expect(dataOf(await as(DESK.admin).call('ticket', 'closeRevisit', { ticketId: ticket.id, reason: '已电话沟通，会员接受' })).revisit).toMatchObject({
      status: 'closed',
      closedReason: '已电话沟通，会员接受',
    })
  })
})

describe('nothing of the desk’s in a member’s answers', () => {
  it('keeps internal notes, revisit records, staff OPENIDs and other members out of every member action', async () => {
    const MARKER = 'ZX-内部-7f3a9c'
    const envelopes: Array<[string, Envelope<unknown>]> = []
    const member = async (action: ActionName<'ticket'>, payload: Record<string, unknown>) => {
      const envelope = (await as(A).call('ticket', action, payload)) as Envelope<unknown>
      envelopes.push([action, envelope])
      return envelope
    }
    const staff = async (openid: string, action: ActionName<'ticket'>, payload: Record<string, unknown>) => dataOf(await as(openid).call('ticket', action, payload))
    const later = (hours: number) => cloud().setNow(new Date(NOW.getTime() + hours * HOUR))
    await consent(cloud(), A, UPDATE)

    // The other member's ticket, worked by the desk, in the same queue.
    const others = await fileFor(as, B, { text: '赵秘密的投诉：会员卡被盗刷' })
    await staff(DESK.service2, 'assign', { ticketId: others.id })
    await staff(DESK.service2, 'note', { ticketId: others.id, text: `另一位会员 ${MARKER}` })

    const picture = await uploadedBy(cloud(), as, A, PNG)
    const ticket = dataOf(await member('file', { category: 'product', text: '买到的面包已经过期了', images: [picture] })) as { id: string }
    const ticketId = ticket.id
    await member('uploadFolder', {})
    await staff(DESK.service, 'note', { ticketId, text: `先别回复 ${MARKER}` })
    await staff(DESK.service, 'assign', { ticketId })
    await staff(DESK.admin, 'note', { ticketId, text: `店长批示 ${MARKER}` })
    await staff(DESK.service, 'escalate', { ticketId, reason: `升级原因 ${MARKER}` })
    await staff(DESK.service, 'staffReply', { ticketId, text: '您好，我们正在核实批次' })
    await member('mine', {})
    await member('detail', { ticketId })
    await member('reply', { ticketId, text: '小票照片已补充' })

    // Another ticket of the member's, withdrawn.
    const second = dataOf(await member('file', { category: 'other', text: '想再问问营业时间' })) as { id: string }
    await member('withdraw', { ticketId: second.id })

    later(1)
    await staff(DESK.service, 'resolve', { ticketId, summary: '已为您更换并补偿积分', compensation: { kind: 'points', points: 100 } })
    await member('detail', { ticketId })
    await member('confirm', { ticketId })
    later(2)
    await member('reopen', { ticketId, reason: '更换的面包也不新鲜' })
    await staff(DESK.service, 'logContact', { ticketId, channel: 'phone', outcome: 'unsatisfied', note: `回访记录 ${MARKER}` })
    await staff(DESK.owner, 'note', { ticketId, text: `老板备注 ${MARKER}` })
    await staff(DESK.service, 'resolve', { ticketId, summary: '已全额退款', compensation: null })
    await member('rate', { ticketId, score: 3, comment: '还行' })
    await member('detail', { ticketId })
    await member('mine', {})
    await member('detail', { ticketId: others.id })

    // The desk did keep all of it.
    const desk = dataOf(await as(DESK.owner).call('ticket', 'staffDetail', { ticketId }))
    expect(desk.notes.map((note) => note.text)).toEqual([`先别回复 ${MARKER}`, `店长批示 ${MARKER}`, `老板备注 ${MARKER}`])
    expect(desk.revisit?.contacts.map((contact) => contact.note)).toEqual([`回访记录 ${MARKER}`])
    expect(desk.assignee?.openid).toBe(DESK.service)

    expect(envelopes.map(([action, envelope]) => [action, envelope.ok])).toEqual([
      ['file', true],
      ['uploadFolder', true],
      ['mine', true],
      ['detail', true],
      ['reply', true],
      ['file', true],
      ['withdraw', true],
      ['detail', true],
      ['confirm', true],
      ['reopen', true],
      ['rate', true],
      ['detail', true],
      ['mine', true],
      ['detail', false],
    ])
    const forbidden = [MARKER, '内部', '回访记录', ...Object.values(DESK), B, '赵秘密', '13800138000', '盗刷', others.id]
    for (const [action, envelope] of envelopes) {
      const json = JSON.stringify(envelope)
      for (const text of forbidden) expect([action, text, json.includes(text)]).toEqual([action, text, false])
      for (const field of ['notes', 'revisit', 'contacts', 'escalated', 'assignee', 'memberOpenidHint', 'member', 'openid'])
        expect([action, field, json.includes(`"${field}":`)]).toEqual([action, field, false])
    }
    // What the member does see: the public thread by name, both resolutions, the steps that concern them.
    const last = dataOf(envelopes[11][1]) as { thread: Array<{ from: string; name: string }>; resolutions: unknown[]; timeline: Array<{ event: string }> }
    expect(last.thread.map((entry) => [entry.from, entry.name])).toEqual([
      ['staff', 'service'],
      ['member', '我'],
    ])
    expect(last.resolutions).toHaveLength(2)
    expect(last.timeline.map((entry) => entry.event)).toEqual(['file', 'assign', 'resolve', 'confirm', 'reopen', 'resolve', 'rate'])
    // The messages the member got say nothing of it either.
    const toMember = JSON.stringify(cloud().outbox.sent.filter((message) => message.touser === A))
    for (const text of forbidden) expect([text, toMember.includes(text)]).toEqual([text, false])
  })
})
