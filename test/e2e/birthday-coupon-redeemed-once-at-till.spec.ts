import assert from 'node:assert/strict'
import { chooseFilterTab, confirmModal, expectCard, expectPage, fillInput, openAs, openStaffPage, pageRoot, textOf } from './support/app'
import { memberDoc, shopFullDate } from './support/db'
import { test } from './support/fixtures'

const OPENID = 'demo-member-gold'
const TILL = '/admin/pages/till/index'
const WALLET = '/points/pages/wallet/index'
const CARD = '/pages/card/index'

// The birthday job serves the whole shop: 林晓雨 gets the perk's points, and other journeys show her
// seeded balance.
test.use({ freshCloud: true })

/**
 * Issue 4's birthday journey: on 林晓雨's birthday (18 March, Beijing time; the emulator's clock is
 * moved there) the birthday job gives the gold perk, 200 points and 生日蛋糕一份. She sees the
 * banner and the coupon's code; the cashier redeems it on the till's 核销 tab; the wallet moves it
 * to 已使用; a second till that had looked the coupon up before is refused with 该券已被使用, and
 * looking it up again says so too.
 */
test('林晓雨 gets the birthday coupon on her birthday and the cashier redeems it once', async ({ page, cloud, newPhone }) => {
  const birthday = nextBirthday(new Date(), 3, 18)
  const year = birthday.slice(0, 4)
  const before = memberDoc(cloud, OPENID)
  const seededCoupons = cloud.db.find('coupons', { openid: OPENID }) as { status: string; validUntil: Date }[]
  const seededAvailable = seededCoupons.filter((coupon) => coupon.status === 'available' && new Date(coupon.validUntil) > new Date(`${birthday}T10:00:00+08:00`)).length
  assert.equal(before.profile.birthday, '1992-03-18')
  assert.equal(before.tier, 'gold')
  const balance = before.pointsBalance + 200
  const card = pageRoot(page, CARD)
  const wallet = pageRoot(page, WALLET)

  await test.step(`move the clock to ${birthday} 10:00 Asia/Shanghai and run the birthday job`, async () => {
    cloud.setNow(new Date(`${birthday}T10:00:00+08:00`))
    const answer = (await cloud.call('jobs', { action: 'birthdays', payload: {} }, {})) as { ok: boolean; data?: { served: number; shopDate: string }; error?: unknown }
    assert.ok(answer.ok, `the birthday job failed: ${JSON.stringify(answer.error)}`)
    assert.equal(answer.data!.shopDate, birthday)
    assert.ok(answer.data!.served >= 1, 'the job served nobody')
  })

  const coupon = await test.step('check the database: one coupon and the birthday points', async () => {
    const coupons = cloud.db.find('coupons', { openid: OPENID, source: 'birthday' })
    assert.equal(coupons.length, 1, 'one birthday coupon')
    const [issued] = coupons
    assert.equal(issued._id, `birthday:${OPENID}:${year}`)
    assert.equal(issued.title, '生日蛋糕一份')
    assert.equal(issued.status, 'available')
    const [perkPoints] = cloud.db.find('ledger', { _id: `birthday:${OPENID}:${year}` })
    assert.equal(perkPoints?.delta, 200, 'the gold perk gives 200 points')
    assert.equal(memberDoc(cloud, OPENID).pointsBalance, balance)
    return issued
  })

  const banner = card.getByTestId('birthday-banner')
  await test.step('林晓雨 opens the card: the birthday banner', async () => {
    await openAs(page, 'member')
    await expectCard(page, { name: '林晓雨', tier: '金卡会员', points: balance.toLocaleString('zh-CN') })
    await banner.waitFor()
    assert.equal(await textOf(banner.locator('.birthday-banner__title')), '生日快乐！')
    assert.equal(await textOf(banner.locator('.birthday-banner__text')), `已为您送上 200 积分和生日蛋糕一份，有效期至 ${shopFullDate(coupon.validUntil)}`)
  })

  const shownCode = await test.step('the banner opens the wallet: 生日蛋糕一份 with its code', async () => {
    await banner.click()
    await expectPage(page, WALLET)
    await wallet
      .getByTestId('filter-tabs')
      .locator('.filter-tabs__tab--on', { hasText: `可使用 ${seededAvailable + 1}` })
      .waitFor()
    await wallet.getByTestId('coupon-card').filter({ hasText: '生日蛋糕一份' }).click()
    const sheet = wallet.getByTestId('coupon-code-sheet')
    await sheet.waitFor()
    const shown = await textOf(sheet.getByTestId('coupon-code'))
    assert.equal(shown.replace(/\s+/g, ''), coupon.code, 'the wallet shows the coupon code on file')
    await sheet.click()
    await sheet.waitFor({ state: 'detached' })
    return shown
  })

  const cashier = await newPhone('cashier')
  const owner = await newPhone('owner')
  const cashierTill = pageRoot(cashier, TILL)
  const ownerTill = pageRoot(owner, TILL)
  await test.step('the cashier and the owner each look the code up on their till', async () => {
    await openStaffPage(cashier, 'cashier', 'console-till', TILL)
    await openStaffPage(owner, 'owner', 'console-till', TILL)
    for (const root of [cashierTill, ownerTill]) {
      await chooseFilterTab(root, '核销')
      await fillInput(root, 'code-input', shownCode) // typed as shown, with its space
      await root.getByTestId('code-submit').click()
      const inspected = root.getByTestId('coupon-inspected')
      await inspected.filter({ hasText: '生日蛋糕一份' }).filter({ hasText: '会员 林晓雨' }).waitFor()
      await root.getByTestId('coupon-redeem-submit').waitFor()
    }
  })

  const used = await test.step('the cashier redeems it', async () => {
    await cashierTill.getByTestId('coupon-redeem-submit').click()
    await confirmModal(cashier, '确认核销')
    const result = cashierTill.getByTestId('coupon-result')
    await result.waitFor()
    assert.match(await textOf(result), /「生日蛋糕一份」已核销/)
    assert.match(await textOf(result), /会员 林晓雨/)
    const [doc] = cloud.db.find('coupons', { _id: coupon._id })
    assert.equal(doc.status, 'used')
    assert.equal(doc.usedBy, 'demo-cashier')
    return doc
  })

  await test.step('the owner, whose till still shows it available, tries again: 该券已被使用', async () => {
    await ownerTill.getByTestId('coupon-redeem-submit').click()
    await confirmModal(owner, '确认核销')
    await ownerTill.getByTestId('coupon-refused').filter({ hasText: '该券已被使用' }).waitFor()
    await ownerTill.getByTestId('coupon-unusable').filter({ hasText: '该券已被使用' }).waitFor()
    assert.equal(await ownerTill.getByTestId('coupon-result').count(), 0)
    assert.equal(cloud.db.find('coupons', { _id: coupon._id })[0].usedBy, 'demo-cashier', 'the refused attempt changed nothing')
  })

  await test.step('the cashier looks the code up again: 该券已被使用, no redeem button', async () => {
    await fillInput(cashierTill, 'code-input', coupon.code)
    await cashierTill.getByTestId('code-submit').click()
    await cashierTill.getByTestId('coupon-unusable').filter({ hasText: '该券已被使用' }).waitFor()
    assert.equal(await cashierTill.getByTestId('coupon-redeem-submit').count(), 0)
  })

  await test.step('林晓雨 reloads the wallet: the coupon is under 已使用', async () => {
    await page.reload()
    await expectPage(page, WALLET)
    const seededUsed = seededCoupons.filter((coupon) => coupon.status === 'used').length
    await wallet
      .getByTestId('filter-tabs')
      .locator('.filter-tabs__tab', { hasText: `已使用 ${seededUsed + 1}` })
      .waitFor()
    await chooseFilterTab(wallet, '已使用')
    const usedCard = wallet.getByTestId('coupon-card').filter({ hasText: '生日蛋糕一份' })
    await usedCard.waitFor()
    assert.equal(await textOf(usedCard.getByTestId('coupon-status')), '已使用')
    assert.match(await textOf(usedCard), new RegExp(`使用于 ${shopFullDate(used.usedAt)}`))
  })
})

/** `YYYY-MM-DD` of the next `month`/`day` on the shop's calendar, today included. */
function nextBirthday(now: Date, month: number, day: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
  const thisYear = `${today.slice(0, 4)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  return thisYear >= today ? thisYear : `${Number(today.slice(0, 4)) + 1}${thisYear.slice(4)}`
}
