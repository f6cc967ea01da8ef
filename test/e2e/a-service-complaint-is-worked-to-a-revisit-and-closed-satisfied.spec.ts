import assert from 'node:assert/strict'
import type { Locator, Page } from '@playwright/test'
import type { LocalCloud } from '../../local/cloud'
import { shopDate } from '../../cloudfunctions/shared/domain/calendar'
import { ledgerKeys } from '../../cloudfunctions/shared/domain/ledger'
import type { TicketDoc } from '../../cloudfunctions/shared/domain/ticket'
import { confirmModal, expectPage, expectToast, openAs, openStaffPage, pageRoot, tapTab, textOf } from './support/app'
import { callAs, eventually, memberDoc } from './support/db'
import { runId, test } from './support/fixtures'

const MY_TICKETS = '/tickets/pages/list/index'
const NEW_TICKET = '/tickets/pages/new/index'
const TICKET = '/tickets/pages/detail/index'
const QUEUE = '/admin/pages/tickets/index'
const DESK = '/admin/pages/ticket/index'
// A 1×1 red pixel: a real PNG, since the function reads the stored bytes before it takes a picture.
const PICTURE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64')

// No freshCloud: the member, the ticket and the compensation are the journey's own, the clock never
// moves, and no other journey reads the ticket queue or 客服小周's work.

/**
 * The complaint tickets issue's journey, from a complaint to a satisfied revisit: 沈知意, a member of
 * the journey's own, files a 服务 complaint with a picture (待受理). 客服小周 takes it from the queue,
 * replies and resolves it with 200 points (确认发放, 待确认). She reads the reply, finds 补偿 200 积分
 * on the ticket and the 200 points on her card, and rates it 2: the ticket closes and a revisit
 * opens. 客服小周 finds it under 回访, logs a call (仍不满意) and reopens it (处理中); a second
 * resolution without compensation, she rates it 5, and the revisit ends by itself.
 */
test('a service complaint is worked to a revisit and closed satisfied', async ({ page: member, cloud, newPhone, snapshot }) => {
  const id = runId()
  const complaint = `周六下午在门店点单，店员态度冷淡，等了二十分钟没人理。${id.slice(-4)}`
  const reply = '非常抱歉给您带来不好的体验，我们正在向当班店员核实情况。'
  const firstSummary = '已向当班店员核实并致歉，本周内完成服务培训，补偿 200 积分。'
  const secondSummary = '店长已电话致歉，并安排您下次到店由店长亲自接待。'
  const me = await joined(cloud, { openid: `visitor-e2etkt${id}`, name: '沈知意', gender: 'female', birthday: '1994-03-17' })
  const pointsBefore = memberDoc(cloud, me.openid).pointsBalance
  const ticketPage = pageRoot(member, TICKET)

  const ticketId = await test.step(`${me.name} files a 服务 complaint with a picture from 我的 → 投诉与反馈: 待受理`, async () => {
    await openAs(member, me.openid)
    await tapTab(member, '我的')
    await expectPage(member, '/pages/me/index')
    await pageRoot(member, '/pages/me/index').getByTestId('me-tickets').click()
    await expectPage(member, MY_TICKETS)
    await pageRoot(member, MY_TICKETS).getByTestId('ticket-new').click()
    await expectPage(member, NEW_TICKET)
    const form = pageRoot(member, NEW_TICKET)
    await form.getByTestId('ticket-category-service').click()
    await form.locator('.ticket-chip--on', { hasText: '服务' }).waitFor()
    await form.getByTestId('ticket-text').locator('textarea').fill(complaint)
    const chooser = member.waitForEvent('filechooser')
    await form.getByTestId('ticket-add-image').click()
    await (await chooser).setFiles({ name: 'counter.png', mimeType: 'image/png', buffer: PICTURE })
    await form.getByTestId('ticket-image').waitFor()
    await snapshot('member-1-complaint', member)
    // The tap asks for the update messages first; the H5 stand-in accepts them.
    await form.getByTestId('ticket-submit').click()
    // Shown as the ticket's page opens (redirectTo's success), for 1.5 s: looked for first.
    await expectToast(member, '提交成功')
    await expectPage(member, TICKET)
    await ticketPage.getByTestId('ticket-status').filter({ hasText: '待受理' }).waitFor()
    assert.equal(await textOf(ticketPage.getByTestId('ticket-text-shown')), complaint)
    await ticketPage.getByTestId('ticket-picture').waitFor({ state: 'visible' })

    const [ticket] = ticketsOf(cloud, me.openid)
    assert.ok(ticket, 'the ticket is stored')
    assert.match(ticket._id, new RegExp(`^T${shopDate(cloud.now()).replaceAll('-', '')}-\\d{4}$`))
    assert.deepEqual([ticket.status, ticket.category, ticket.text], ['new', 'service', complaint])
    const { folder } = (await callAs(cloud, me.openid, 'ticket', 'uploadFolder', {})) as { folder: string }
    assert.equal(ticket.images.length, 1)
    assert.match(ticket.images[0], new RegExp(`^cloud://[^/]+/${folder}/[^/]+\\.png$`), 'the picture lies in the member\u2019s ticket folder')
    assert.ok(cloud.storage.get(ticket.images[0])?.equals(PICTURE), 'the stored picture is the one picked')
    assert.ok((await textOf(ticketPage.getByTestId('ticket-detail'))).includes(`${ticket._id} · 提交于`), 'the page names the ticket by its number')
    await snapshot('member-2-filed', member)
    return ticket._id
  })

  const service = await newPhone('service')
  const desk = pageRoot(service, DESK)
  await test.step('客服小周 takes it from the queue, replies, and resolves it with 200 points: 待确认', async () => {
    await openStaffPage(service, 'service', 'console-tickets', QUEUE)
    await queueRow(service, ticketId).click()
    await expectPage(service, DESK)
    await deskStatus(desk, '待受理')
    await desk.getByTestId('ticket-take').click()
    await expectToast(service, '已受理')
    await deskStatus(desk, '处理中')
    assert.equal(await textOf(desk.getByTestId('ticket-assignee')), '客服小周')

    await desk.getByTestId('staff-reply-text').locator('textarea').fill(reply)
    await desk.getByTestId('staff-reply-send').click()
    await expectToast(service, '回复已发送')
    await desk.getByTestId('thread-entry').filter({ hasText: reply }).waitFor()

    await desk.getByTestId('ticket-resolve-open').click()
    const sheet = desk.getByTestId('resolve-sheet')
    await sheet.getByTestId('resolve-summary').locator('textarea').fill(firstSummary)
    await sheet.getByTestId('resolve-comp-points').click()
    await sheet.getByTestId('resolve-points').locator('input').fill('200')
    await snapshot('service-1-resolve', service)
    await sheet.getByTestId('resolve-submit').click()
    // Points cannot be taken back once issued: the dialog says so, and its button says 确认发放.
    const dialog = service.locator('.taro__modal .taro-modal__content')
    await dialog.locator('.taro-model__confirm', { hasText: '确认发放' }).waitFor()
    assert.match(await textOf(dialog), /200 积分补偿，发放后不可撤回/)
    await confirmModal(service, '提交处理结果')
    await expectToast(service, '已提交处理结果')
    await deskStatus(desk, '待确认')
    await sheet.waitFor({ state: 'detached' })

    const ticket = ticketOf(cloud, ticketId)
    assert.equal(ticket.status, 'pending')
    assert.deepEqual(ticket.resolutions[0].compensation, { kind: 'points', points: 200, couponTitle: null, key: ledgerKeys.ticket(ticketId, 1) })
    await snapshot('service-2-resolved', service)
  })

  await test.step(`${me.name} finds 200 more points on her card, the reply and 补偿 200 积分 on the ticket, and rates it 2`, async () => {
    await openAs(member, me.openid)
    const balance = pointsBefore + 200
    await member
      .getByTestId('member-points')
      .filter({ hasText: new RegExp(`^${balance.toLocaleString('zh-CN')}$`) })
      .waitFor()
    const doc = memberDoc(cloud, me.openid)
    assert.equal(doc.pointsBalance, balance)
    assert.equal(ledgerSum(cloud, me.openid), doc.pointsBalance, 'Σ ledger = balance')
    const [row] = cloud.db.find('ledger', { _id: ledgerKeys.ticket(ticketId, 1) }) as { openid: string; delta: number }[]
    assert.deepEqual([row?.openid, row?.delta], [me.openid, 200])

    await openTicket(member, ticketId, '待您确认')
    await ticketPage.getByTestId('ticket-status').filter({ hasText: '待确认' }).waitFor()
    await ticketPage.getByTestId('ticket-thread-entry').filter({ hasText: reply }).filter({ hasText: '客服小周' }).waitFor()
    const resolution = ticketPage.getByTestId('ticket-resolution')
    assert.ok((await textOf(resolution)).includes(firstSummary))
    assert.equal(await textOf(resolution.getByTestId('ticket-compensation')), '补偿 200 积分')
    await snapshot('member-3-resolution', member)

    await rate(member, 2, '补偿收到了，但店员的态度问题没有解决。', '不满意')
    await ticketPage.getByTestId('ticket-status').filter({ hasText: '已关闭' }).waitFor()
    const ticket = ticketOf(cloud, ticketId)
    assert.equal(ticket.resolutions[0].rating?.score, 2)
    assert.deepEqual([ticket.status, ticket.revisitOpen, ticket.revisit?.status, ticket.revisit?.reason], ['closed', true, 'open', 'lowRating'])
  })

  await test.step('客服小周 finds it under 回访, logs a call (仍不满意) and reopens it: 处理中', async () => {
    await openStaffPage(service, 'service', 'console-tickets', QUEUE)
    const queue = pageRoot(service, QUEUE)
    await queue.getByTestId('queue-view-revisit').click()
    await queue.locator('.ticket-tabs__tab--on', { hasText: '回访' }).waitFor()
    const row = queueRow(service, ticketId)
    assert.match(await textOf(row), /已关闭.*回访/)
    await snapshot('service-3-revisit-queue', service)
    await row.click()
    await expectPage(service, DESK)
    await deskStatus(desk, '已关闭')
    const revisit = desk.getByTestId('revisit-panel')
    assert.match(await textOf(revisit), /进行中 会员评价偏低/)

    const contact = '电话联系会员，会员表示补偿可以接受，但希望店长出面说明店员态度问题。'
    await revisit.getByTestId('contact-channel-phone').click()
    await revisit.getByTestId('contact-outcome-unsatisfied').click()
    await revisit.getByTestId('contact-note').locator('textarea').fill(contact)
    await revisit.getByTestId('contact-submit').click()
    await expectToast(service, '回访已记录')
    const logged = revisit.getByTestId('revisit-contact').filter({ hasText: contact })
    await logged.waitFor()
    assert.match(await textOf(logged), /^电话 仍不满意 客服小周/)

    await desk.getByTestId('staff-reopen-open').click()
    const sheet = desk.getByTestId('staff-reopen-sheet')
    await sheet.getByTestId('staff-reopen-reason').locator('textarea').fill('回访时会员反映店员态度问题仍未解决')
    await sheet.getByTestId('staff-reopen-submit').click()
    await expectToast(service, '已重新打开')
    await deskStatus(desk, '处理中')
    await sheet.waitFor({ state: 'detached' })
    const ticket = ticketOf(cloud, ticketId)
    assert.deepEqual([ticket.status, ticket.revisitOpen, ticket.revisit?.contacts.map((entry) => entry.outcome)], ['processing', true, ['unsatisfied']])
    assert.equal(ticket.resolutions[0].outcome, 'reopened')
    await snapshot('service-4-reopened', service)
  })

  await test.step('客服小周 resolves it again without compensation; she rates it 5 and the revisit ends', async () => {
    await desk.getByTestId('ticket-resolve-open').click()
    const sheet = desk.getByTestId('resolve-sheet')
    await sheet.getByTestId('resolve-summary').locator('textarea').fill(secondSummary)
    await sheet.locator('.ticket-choice--on', { hasText: '不补偿' }).waitFor()
    await sheet.getByTestId('resolve-submit').click()
    await service.locator('.taro__modal .taro-modal__content .taro-model__confirm', { hasText: '确认提交' }).waitFor()
    await confirmModal(service, '提交处理结果')
    await expectToast(service, '已提交处理结果')
    await deskStatus(desk, '待确认')

    await member.reload()
    await expectPage(member, TICKET)
    await ticketPage.getByTestId('ticket-status').filter({ hasText: '待确认' }).waitFor()
    const second = ticketPage.getByTestId('ticket-resolution').filter({ hasText: '第 2 次处理结果' })
    assert.ok((await textOf(second)).includes(secondSummary))
    assert.equal(await second.getByTestId('ticket-compensation').count(), 0, 'no compensation the second time')
    await rate(member, 5, '店长亲自打电话道歉，很有诚意。', '非常满意')
    await ticketPage.getByTestId('ticket-status').filter({ hasText: '已关闭' }).waitFor()
    await snapshot('member-4-closed-satisfied', member)

    await eventually(() => revisitOf(cloud, ticketId), { status: 'closed', revisitOpen: false, closedReason: '会员评价满意' }, 'the revisit')
    const ticket = ticketOf(cloud, ticketId)
    assert.deepEqual(
      ticket.resolutions.map((resolution) => [resolution.rating?.score, resolution.compensation?.points ?? 0]),
      [
        [2, 200],
        [5, 0],
      ],
    )
    assert.equal(memberDoc(cloud, me.openid).pointsBalance, pointsBefore + 200, 'the second resolution gave nothing')
    assert.equal(ledgerSum(cloud, me.openid), memberDoc(cloud, me.openid).pointsBalance, 'Σ ledger = balance')

    await service.reload()
    await expectPage(service, DESK)
    await deskStatus(desk, '已关闭')
    const revisit = desk.getByTestId('revisit-panel')
    await revisit.getByText('已结束').waitFor()
    assert.match(await textOf(revisit.getByTestId('revisit-closed')), /结束：会员评价满意$/)
    assert.equal(await revisit.getByTestId('contact-form').count(), 0, 'no more calls to log')
    await revisit.scrollIntoViewIfNeeded() // the picture shows the ended revisit with its call
    await snapshot('service-5-revisit-ended', service)
  })
})

/** A member of the journey's own, joined through the function. */
async function joined(cloud: LocalCloud, member: { openid: string; name: string; gender: 'male' | 'female'; birthday: string }): Promise<{ openid: string; name: string }> {
  await callAs(cloud, member.openid, 'member', 'join', { name: member.name, gender: member.gender, birthday: member.birthday })
  return { openid: member.openid, name: member.name }
}

/** From the card tab: 我的 → 投诉与反馈 → the ticket's row (marked `awaiting`) → its page. */
async function openTicket(phone: Page, ticketId: string, awaiting: string): Promise<void> {
  await tapTab(phone, '我的')
  await expectPage(phone, '/pages/me/index')
  await pageRoot(phone, '/pages/me/index').getByTestId('me-tickets').click()
  await expectPage(phone, MY_TICKETS)
  const row = pageRoot(phone, MY_TICKETS).locator(`[data-testid="ticket-row"][data-id="${ticketId}"]`)
  await row.getByTestId('ticket-row-awaiting').filter({ hasText: awaiting }).waitFor()
  await row.click()
  await expectPage(phone, TICKET)
}

/** 评价 on the member's ticket page: the stars (their word checked), a comment, 提交评价. */
async function rate(phone: Page, score: number, comment: string, word: string): Promise<void> {
  const ticketPage = pageRoot(phone, TICKET)
  await ticketPage.getByTestId('ticket-rate').click()
  const form = ticketPage.getByTestId('ticket-rate-form')
  await form.getByTestId(`ticket-star-${score}`).click()
  await form.locator('.ticket-stars__word', { hasText: word }).waitFor()
  await form.getByTestId('ticket-rate-comment').locator('textarea').fill(comment)
  await form.getByTestId('ticket-rate-submit').click()
  await expectToast(phone, '感谢您的评价')
  await form.waitFor({ state: 'detached' })
}

function queueRow(phone: Page, ticketId: string): Locator {
  return pageRoot(phone, QUEUE).locator(`[data-testid="queue-row"][data-id="${ticketId}"]`)
}

async function deskStatus(desk: Locator, label: string): Promise<void> {
  await desk.getByTestId('staff-ticket-status').filter({ hasText: label }).waitFor()
}

function ticketsOf(cloud: LocalCloud, openid: string): TicketDoc[] {
  return cloud.db.find('tickets', { openid }) as TicketDoc[]
}

function ticketOf(cloud: LocalCloud, ticketId: string): TicketDoc {
  const [ticket] = cloud.db.find('tickets', { _id: ticketId }) as TicketDoc[]
  assert.ok(ticket, `no ticket ${ticketId}`)
  return ticket
}

function revisitOf(cloud: LocalCloud, ticketId: string) {
  const ticket = ticketOf(cloud, ticketId)
  return { status: ticket.revisit?.status, revisitOpen: ticket.revisitOpen, closedReason: ticket.revisit?.closedReason }
}

function ledgerSum(cloud: LocalCloud, openid: string): number {
  return (cloud.db.find('ledger', { openid }) as { delta: number }[]).reduce((sum, row) => sum + row.delta, 0)
}
