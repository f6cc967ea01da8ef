import assert from 'node:assert/strict'
import { checkoutAtTill, expectPage, fillInput, openLink, openStaffPage, pageRoot, scanMemberAtTill, textOf } from './support/app'
import { memberDoc } from './support/db'
import { runId, test } from './support/fixtures'

const INVITE = '/admin/pages/invite/index'
const ACCEPT = '/admin/pages/accept/index'
const HOME = '/admin/pages/home/index'
const TILL = '/admin/pages/till/index'
const CARD = '/pages/card/index'

// It records a purchase for 林晓雨 and adds a staff member, which other journeys read as seeded.
test.use({ freshCloud: true })

/**
 * Issue 13's journey, its staff half: the owner makes a one-time invitation QR for a cashier at
 * the flagship store; a new person opens it on their own phone, sees the shop and the role,
 * accepts, and is a cashier at once: they open the till and record 林晓雨's purchase. The QR is
 * used up: opening it again says so.
 */
test('the owner invites a cashier by QR; the new identity accepts and records a purchase at the till', async ({ page, cloud, newPhone }) => {
  const id = runId()
  const invitee = `visitor-e2einv${id}`
  const orderNo = `E2E-INV-${id}`
  const invite = pageRoot(page, INVITE)

  const token = await test.step('the owner makes a cashier invitation for 会员通示范店', async () => {
    await openStaffPage(page, 'owner', 'console-invite', INVITE)
    await invite.getByTestId('invite-role-cashier').click()
    await invite.getByTestId('invite-store-store-001').click()
    const made = page.waitForResponse((response) => response.url().includes('/api/functions/staff') && response.request().postData()?.includes('"invite"') === true)
    await invite.getByTestId('invite-submit').click()
    const answer = (await (await made).json()) as { ok: boolean; data: { token: string } }
    assert.equal(answer.ok, true, 'the invitation is made')
    await invite.getByTestId('invitation-qr').waitFor({ state: 'visible' })
    assert.match(await textOf(invite.getByTestId('invitation-validity')), /24/)
    return answer.data.token
  })

  const phone = await newPhone('invitee')
  const accept = pageRoot(phone, ACCEPT)
  await test.step('the invitee opens the QR: the shop, the role and the store, then accepts', async () => {
    await openLink(phone, invitee, `${ACCEPT}?token=${token}`)
    await accept.getByTestId('accept-role').filter({ hasText: '收银员' }).waitFor()
    assert.match(await textOf(accept.getByTestId('accept-status')), /待接受/)
    await fillInput(accept, 'accept-name', '新收银小王')
    await accept.getByTestId('accept-submit').click()
    await expectPage(phone, HOME)
    const [staff] = cloud.db.find('staff', { _id: invitee }) as Array<{ role: string; storeId: string; name: string }>
    assert.deepEqual({ role: staff.role, storeId: staff.storeId, name: staff.name }, { role: 'cashier', storeId: 'store-001', name: '新收银小王' })
    assert.equal((cloud.db.find('invitations', { _id: token })[0] as { acceptedBy: string }).acceptedBy, invitee, 'the invitation is used, by the invitee')
  })

  await test.step('the new cashier records 林晓雨 ¥36 at the till', async () => {
    const member = await newPhone('member')
    await openLink(member, 'member', CARD)
    const cardNo = memberDoc(cloud, 'demo-member-gold').cardNo
    await pageRoot(member, CARD).getByTestId('live-code').getByTestId('qr-code').waitFor({ state: 'visible' })
    await pageRoot(phone, HOME).getByTestId('console-till').click()
    await expectPage(phone, TILL)
    await scanMemberAtTill(phone, { name: '林晓雨', cardNo })
    const receipt = await checkoutAtTill(phone, { orderNo, amount: '36' })
    assert.match(await textOf(receipt), /应付 ¥3[0-9]/)
    const [row] = cloud.db.find('ledger', { 'order.orderNo': orderNo }) as Array<{ order: { cashier: string; storeId: string } }>
    assert.deepEqual({ cashier: row.order.cashier, storeId: row.order.storeId }, { cashier: invitee, storeId: 'store-001' })
  })

  await test.step('the QR is used up: opening it again says so', async () => {
    const other = await newPhone('second-invitee')
    await openLink(other, `visitor-e2einv2${id}`, `${ACCEPT}?token=${token}`)
    await pageRoot(other, ACCEPT).getByTestId('accept-refusal').filter({ hasText: '已被使用' }).waitFor()
  })
})
