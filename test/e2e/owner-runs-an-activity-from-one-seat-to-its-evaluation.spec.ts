import assert from 'node:assert/strict'
import type { Locator, Page } from '@playwright/test'
import type { LocalCloud } from '../../local/cloud'
import { toShopDateTime } from '../../cloudfunctions/shared/contract/activityFields'
import { SUBSCRIBE_TEMPLATES } from '../../cloudfunctions/shared/contract/templates'
import { confirmModal, expectPage, expectToast, fillInput, openAs, openStaffPage, pageRoot, tapTab, textOf } from './support/app'
import { callAs, eventually, memberDoc } from './support/db'
import { runId, test } from './support/fixtures'

const ADMIN_LIST = '/admin/pages/activities/index'
const MANAGER = '/admin/pages/activity/index'
const CHECK_IN = '/admin/pages/checkin/index'
const EVALUATION = '/admin/pages/evaluation/index'
const ACTIVITIES = '/pages/activities/index'
const DETAIL = '/activity/pages/detail/index'
const HOUR_MS = 60 * 60 * 1000

// A new published activity shows on every member's 活动 tab, and the clock moves hours ahead: both
// would change what other journeys read on their worker's shop.
test.use({ freshCloud: true })

/**
 * The activities issue's journey, from one seat to the figures: the owner plans a 课程体验 with 1
 * seat and a waitlist and publishes it; 宋雨桐 takes the seat, 顾北辰 joins the waitlist (候补第 1 位);
 * 宋雨桐 cancels and the seat goes to 顾北辰, who is told (候补成功, in the outbox: the consent was
 * asked in the signup tap). On the day (the clock moved to half an hour before the start) the
 * cashier scans the code on 顾北辰's activity page at 活动签到; after the start he rates it 5; the
 * owner's 效果评估 shows 1 check-in and satisfaction 5.0. The two members are the journey's own.
 */
test('the owner runs an activity with one seat from publishing to its evaluation', async ({ page: owner, cloud, newPhone, snapshot }) => {
  test.slow() // four phones and two clock moves on a cloud of its own
  const id = runId()
  const title = `咖啡拉花体验课 ${id.slice(-4)}`
  const place = '门店二楼吧台'
  // Start a few hours from now, so each phone's own clock agrees that it is the day of the activity
  // (the check-in code shows from a day before by the phone's clock).
  const startAt = new Date(Math.ceil((cloud.now().getTime() + 3 * HOUR_MS) / HOUR_MS) * HOUR_MS)
  const times = {
    startAt: toShopDateTime(startAt),
    endAt: toShopDateTime(new Date(startAt.getTime() + 2 * HOUR_MS)),
    signupOpensAt: toShopDateTime(cloud.now()),
    signupClosesAt: toShopDateTime(new Date(startAt.getTime() - HOUR_MS)),
    cancelCutoffAt: toShopDateTime(new Date(startAt.getTime() - 2 * HOUR_MS)),
  }
  const memberA = await joined(cloud, { openid: `visitor-e2eacta${id}`, name: '宋雨桐', gender: 'female', birthday: '1995-05-21' })
  const memberB = await joined(cloud, { openid: `visitor-e2eactb${id}`, name: '顾北辰', gender: 'male', birthday: '1993-09-08' })
  const manager = pageRoot(owner, MANAGER)

  const activityId = await test.step('the owner fills 新建活动: 1 seat, waitlist on, and saves a draft', async () => {
    await openStaffPage(owner, 'owner', 'console-activities', ADMIN_LIST)
    await pageRoot(owner, ADMIN_LIST).getByTestId('activity-new').click()
    await expectPage(owner, MANAGER)
    const form = manager.getByTestId('activity-form')
    await fillInput(form, 'activity-title', title)
    await chooseChip(form.getByTestId('activity-type'), '课程体验')
    await form.getByTestId('activity-description').locator('textarea').fill('咖啡师带你做一杯拉花拿铁，器材与咖啡豆由门店提供。')
    await fillInput(form, 'activity-place', place)
    for (const [field, text] of Object.entries(times)) await fillInput(form, `activity-${field}`, text)
    await fillInput(form, 'activity-capacity', '1')
    const waitlist = form.getByTestId('activity-waitlist')
    await waitlist.locator('.admin-chip--on', { hasText: '开启' }).waitFor()
    assert.equal(await form.locator('.form-field--invalid').count(), 0, 'the form finds nothing wrong')
    await waitlist.scrollIntoViewIfNeeded() // the picture shows the times, the seat and the waitlist
    await snapshot('owner-1-form', owner)
    await form.getByTestId('activity-save').click()
    await expectToast(owner, '已创建草稿')
    await manager.getByTestId('activity-status').filter({ hasText: '草稿' }).waitFor()
    const [doc] = cloud.db.find('activities', { title }) as { _id: string; status: string; capacity: number; waitlist: boolean; type: string }[]
    assert.ok(doc, 'the draft is stored')
    assert.deepEqual([doc.status, doc.capacity, doc.waitlist, doc.type], ['draft', 1, true, 'class'])
    return doc._id
  })

  await test.step('发布: the owner confirms and the activity is 已发布', async () => {
    await manager.getByTestId('activity-publish').click()
    await confirmModal(owner, '发布活动')
    await expectToast(owner, '已发布')
    await manager.getByTestId('activity-status').filter({ hasText: '已发布' }).waitFor()
    assert.match(await textOf(manager.getByTestId('activity-summary')), /已报名 0\/1 余 1 候补 0/)
    assert.equal(cloud.db.find('activities', { _id: activityId })[0].status, 'published')
    await snapshot('owner-2-published', owner)
  })

  const phoneA = await newPhone('member-a')
  const detailA = pageRoot(phoneA, DETAIL)
  await test.step(`${memberA.name} finds it on the 活动 tab and takes the seat: 立即报名 → 已报名`, async () => {
    await openActivity(phoneA, memberA.openid, title)
    await detailA.getByTestId('activity-signup').filter({ hasText: '立即报名' }).click()
    await expectToast(phoneA, '报名成功')
    await detailA.getByTestId('activity-signup').filter({ hasText: '已报名' }).waitFor()
    await detailA.getByTestId('my-signup-status').filter({ hasText: '已报名，期待您的到来' }).waitFor()
    assert.equal(signupOf(cloud, activityId, memberA.openid)?.status, 'confirmed')
    await snapshot('member-a-1-signed-up', phoneA)
  })

  const phoneB = await newPhone('member-b')
  const detailB = pageRoot(phoneB, DETAIL)
  await test.step(`${memberB.name} finds it full: 加入候补 → 候补第 1 位`, async () => {
    await openActivity(phoneB, memberB.openid, title, '已满')
    await detailB.getByTestId('activity-signup').filter({ hasText: '加入候补' }).click()
    await expectToast(phoneB, '已加入候补，第 1 位')
    await detailB.getByTestId('activity-signup').filter({ hasText: '候补第 1 位' }).waitFor()
    await detailB.getByTestId('my-signup-status').filter({ hasText: '候补第 1 位' }).waitFor()
    assert.equal(signupOf(cloud, activityId, memberB.openid)?.status, 'waitlisted')
    assert.deepEqual(cloud.db.find('activities', { _id: activityId })[0].queue, [memberB.openid])
    await snapshot('member-b-1-waitlisted', phoneB)
  })

  await test.step(`${memberA.name} cancels (取消报名, confirmed); the seat goes to ${memberB.name}, who is told`, async () => {
    await detailA.getByTestId('my-signup').getByTestId('activity-cancel').click()
    await confirmModal(phoneA, '取消报名')
    await expectToast(phoneA, '已取消报名')
    await detailA.getByTestId('my-signup-status').filter({ hasText: '已取消报名' }).waitFor()
    assert.equal(signupOf(cloud, activityId, memberA.openid)?.status, 'cancelled')
    assert.equal(signupOf(cloud, activityId, memberB.openid)?.status, 'confirmed')
    await eventually(() => promotedMessages(cloud, memberB.openid).length, 1, `候补成功 messages to ${memberB.name}`)
    const [message] = promotedMessages(cloud, memberB.openid)
    assert.equal(message.data.thing1.value, title)
    assert.equal(message.data.thing3.value, place)
    assert.equal(message.data.phrase4.value, '候补成功')
    assert.equal(promotedMessages(cloud, memberA.openid).length, 0, 'nobody else is told of a promotion')
    await snapshot('member-a-2-cancelled', phoneA)
  })

  await test.step(`${memberB.name} reloads the page: 已报名, and the check-in code for the day`, async () => {
    await phoneB.reload()
    await expectPage(phoneB, DETAIL)
    await detailB.getByTestId('activity-signup').filter({ hasText: '已报名' }).waitFor()
    await detailB.getByTestId('my-signup-status').filter({ hasText: '已报名，期待您的到来' }).waitFor()
  })

  await test.step(`half an hour before the start (${toShopDateTime(new Date(startAt.getTime() - HOUR_MS / 2))}): ${memberB.name} opens the page and shows his code`, async () => {
    cloud.setNow(new Date(startAt.getTime() - HOUR_MS / 2))
    // A code is valid for 60 s of the shop's clock: the one shown before the clock moved has expired.
    await phoneB.reload()
    await expectPage(phoneB, DETAIL)
    await detailB.getByTestId('check-in-code').getByTestId('qr-code').waitFor({ state: 'visible' })
    await snapshot('member-b-2-check-in-code', phoneB)
  })

  const cashier = await newPhone('cashier')
  const desk = pageRoot(cashier, CHECK_IN)
  await test.step('the cashier opens 活动签到, picks the activity and scans his code: 签到成功', async () => {
    await openStaffPage(cashier, 'cashier', 'console-checkIn', CHECK_IN)
    await desk.getByTestId('checkin-choice').filter({ hasText: title }).click()
    await desk.getByTestId('checkin-count').filter({ hasText: '0 / 1' }).waitFor()
    await desk.getByTestId('checkin-scan').click()
    const sheet = cashier.getByTestId('scan-standin')
    await sheet.waitFor({ state: 'visible' })
    await sheet
      .getByTestId('scan-standin-code')
      .filter({ hasText: `${memberB.name} · ${memberB.cardNo}` })
      .click()
    await sheet.waitFor({ state: 'detached' })
    const result = desk.getByTestId('checkin-result')
    await result.waitFor()
    assert.match(await textOf(result), /签到成功/)
    assert.equal(await textOf(result.getByTestId('checkin-member')), `${memberB.name} · 普通`)
    await desk.getByTestId('checkin-count').filter({ hasText: '1 / 1' }).waitFor()
    assert.ok(signupOf(cloud, activityId, memberB.openid)?.checkedInAt, 'the signup is checked in')
    await snapshot('cashier-checked-in', cashier)
  })

  await test.step(`after the start, ${memberB.name} rates it 5 stars on the activity page`, async () => {
    cloud.setNow(new Date(startAt.getTime() + HOUR_MS / 2))
    await phoneB.reload()
    await expectPage(phoneB, DETAIL)
    await detailB.getByTestId('activity-signup').filter({ hasText: '已签到' }).waitFor()
    const form = detailB.getByTestId('rating-form')
    await form.getByTestId('rating-star-5').click()
    await form.locator('.rating-stars__word', { hasText: '非常满意' }).waitFor()
    await form.getByTestId('rating-comment').locator('textarea').fill('拉花老师很耐心，学会了爱心。')
    await form.getByTestId('rating-submit').click()
    await expectToast(phoneB, '感谢您的评价')
    const rating = detailB.getByTestId('my-rating')
    await rating.waitFor()
    assert.equal(await rating.locator('.rating-stars__star--on').count(), 5)
    assert.equal(await detailB.getByTestId('rating-form').count(), 0, 'rated once: the form is gone')
    assert.equal(signupOf(cloud, activityId, memberB.openid)?.rating?.score, 5)
  })

  await test.step('the owner opens 效果评估 from 活动管理: 1 check-in, satisfaction 5.0', async () => {
    await openStaffPage(owner, 'owner', 'console-activities', ADMIN_LIST)
    await pageRoot(owner, ADMIN_LIST).getByTestId('activity-row').filter({ hasText: title }).click()
    await expectPage(owner, MANAGER)
    await manager.getByTestId('activity-status').filter({ hasText: '进行中' }).waitFor()
    await manager.getByTestId('activity-evaluation').click()
    await expectPage(owner, EVALUATION)
    const evaluation = pageRoot(owner, EVALUATION).getByTestId('evaluation')
    await evaluation.waitFor()
    assert.deepEqual(await countsOf(evaluation.getByTestId('evaluation-turnout')), { 报名: '2', 确认: '1', 候补: '0', 取消: '1', 签到: '1' })
    assert.equal(await textOf(evaluation.getByTestId('evaluation-checkin-rate')), '100%')
    const satisfaction = evaluation.getByTestId('evaluation-satisfaction')
    assert.equal(await textOf(satisfaction.getByTestId('evaluation-mean')), '5.0')
    assert.match(await textOf(satisfaction), /1 人评价/)
    assert.match(await textOf(satisfaction.getByTestId('evaluation-comment')), /拉花老师很耐心/)
  })
})

/** A member of the journey's own, joined through the function (never on their birthday, which would add the perk). */
async function joined(cloud: LocalCloud, member: { openid: string; name: string; gender: 'male' | 'female'; birthday: string }): Promise<{ openid: string; name: string; cardNo: string }> {
  await callAs(cloud, member.openid, 'member', 'join', { name: member.name, gender: member.gender, birthday: member.birthday })
  return { openid: member.openid, name: member.name, cardNo: memberDoc(cloud, member.openid).cardNo }
}

/** Opens the app as `identity`, then 活动 → the card titled `title` (its seats saying `seats`) → its page. */
async function openActivity(phone: Page, identity: string, title: string, seats = '剩余 1 席'): Promise<void> {
  await openAs(phone, identity)
  await tapTab(phone, '活动')
  await expectPage(phone, ACTIVITIES)
  const card = pageRoot(phone, ACTIVITIES).getByTestId('activity-card').filter({ hasText: title })
  await card.getByTestId('activity-seats').filter({ hasText: seats }).waitFor()
  await card.click()
  await expectPage(phone, DETAIL)
  await pageRoot(phone, DETAIL).getByTestId('activity-title').filter({ hasText: title }).waitFor()
}

async function chooseChip(chips: Locator, label: string): Promise<void> {
  await chips.locator('.admin-chip', { hasText: label }).click()
  await chips.locator('.admin-chip--on', { hasText: label }).waitFor()
}

function signupOf(cloud: LocalCloud, activityId: string, openid: string): { status: string; checkedInAt: Date | null; rating: { score: number } | null } | undefined {
  return cloud.db.find('signups', { _id: `${activityId}:${openid}` })[0]
}

function promotedMessages(cloud: LocalCloud, openid: string) {
  return cloud.outbox.sent.filter((message) => message.touser === openid && message.templateId === SUBSCRIBE_TEMPLATES.waitlistPromoted)
}

/** The evaluation's counts as the owner reads them: `{ 报名: '2', … }`. */
async function countsOf(turnout: Locator): Promise<Record<string, string>> {
  const pairs = await turnout
    .locator('.evaluation__count')
    .evaluateAll((counts) =>
      counts.map((count) => [count.querySelector('.evaluation__count-label')?.textContent?.trim() ?? '', count.querySelector('.evaluation__count-value')?.textContent?.trim() ?? '']),
    )
  return Object.fromEntries(pairs)
}
