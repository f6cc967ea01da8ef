import assert from 'node:assert/strict'
import { chooseFilterTab, confirmModal, expectCard, expectPage, fillInput, openAs, openStaffPage, pageRoot, textOf } from '../support/app'
import { memberDoc, shopFullDate } from '../support/db'
import type { Journey } from '../support/harness'

const OPENID = 'demo-member-gold'
const TILL = '/admin/pages/till/index'
const WALLET = '/points/pages/wallet/index'
const CARD = '/pages/card/index'

/**
 * Issue 4's birthday journey: on 林晓雨's birthday (18 March, Beijing time; the emulator's clock is
 * moved there) the birthday job gives the gold perk, 200 points and 生日蛋糕一份. She sees the
 * banner and the coupon's code; the cashier redeems it on the till's 优惠券 tab; the wallet moves it
 * to 已使用; a second till that had looked the coupon up before is refused with 该券已被使用, and
 * looking it up again says so too.
 */
export const birthdayCouponAtTill: Journey = {
  name: 'birthday-coupon-at-till',
  title: '林晓雨 gets the birthday coupon on her birthday and the cashier redeems it once',
  async run({ page, cloud, baseUrl, step, newPhone }) {
    const birthday = nextBirthday(new Date(), 3, 18)
    const year = birthday.slice(0, 4)
    const before = memberDoc(cloud, OPENID)
    assert.equal(before.profile.birthday, '1992-03-18')
    assert.equal(before.tier, 'gold')
    try {
      step(`move the clock to ${birthday} 10:00 Asia/Shanghai and run the birthday job`)
      cloud.setNow(new Date(`${birthday}T10:00:00+08:00`))
      const answer = (await cloud.call('jobs', { action: 'birthdays', payload: {} }, {})) as { ok: boolean; data?: { served: number; shopDate: string }; error?: unknown }
      assert.ok(answer.ok, `the birthday job failed: ${JSON.stringify(answer.error)}`)
      assert.equal(answer.data!.shopDate, birthday)
      assert.ok(answer.data!.served >= 1, 'the job served nobody')

      step('check the database: one coupon and the birthday points')
      const coupons = cloud.db.find('coupons', { openid: OPENID })
      assert.equal(coupons.length, 1, 'one birthday coupon')
      const coupon = coupons[0]
      assert.equal(coupon._id, `birthday:${OPENID}:${year}`)
      assert.equal(coupon.title, '生日蛋糕一份')
      assert.equal(coupon.status, 'available')
      const [perkPoints] = cloud.db.find('ledger', { _id: `birthday:${OPENID}:${year}` })
      assert.equal(perkPoints?.delta, 200, 'the gold perk gives 200 points')
      const balance = before.pointsBalance + 200
      assert.equal(memberDoc(cloud, OPENID).pointsBalance, balance)

      step('林晓雨 opens the card: the birthday banner')
      await openAs(page, baseUrl, 'member')
      await expectCard(page, { name: '林晓雨', tier: '金卡会员', points: balance.toLocaleString('zh-CN') })
      const card = pageRoot(page, CARD)
      const banner = card.getByTestId('birthday-banner')
      await banner.waitFor()
      assert.equal(await textOf(banner.locator('.birthday-banner__title')), '生日快乐！')
      assert.equal(await textOf(banner.locator('.birthday-banner__text')), `已为您送上 200 积分和生日蛋糕一份，有效期至 ${shopFullDate(coupon.validUntil)}`)

      step('the banner opens the wallet: 生日蛋糕一份 with its code')
      await banner.click()
      await expectPage(page, WALLET)
      const wallet = pageRoot(page, WALLET)
      await wallet.getByTestId('filter-tabs').locator('.filter-tabs__tab--on', { hasText: '可使用 1' }).waitFor()
      const walletCard = wallet.getByTestId('coupon-card').filter({ hasText: '生日蛋糕一份' })
      await walletCard.click()
      const sheet = wallet.getByTestId('coupon-code-sheet')
      await sheet.waitFor()
      const shownCode = await textOf(sheet.getByTestId('coupon-code'))
      assert.equal(shownCode.replace(/\s+/g, ''), coupon.code, 'the wallet shows the coupon code on file')
      await sheet.click()
      await sheet.waitFor({ state: 'detached' })

      step('the cashier and the owner each look the code up on their till')
      const cashier = await newPhone('cashier')
      const owner = await newPhone('owner')
      await openStaffPage(cashier, baseUrl, 'cashier', 'console-till', TILL)
      await openStaffPage(owner, baseUrl, 'owner', 'console-till', TILL)
      for (const till of [cashier, owner]) {
        const root = pageRoot(till, TILL)
        await chooseFilterTab(root, '优惠券')
        await fillInput(root, 'coupon-code-input', shownCode) // typed as shown, with its space
        await root.getByTestId('coupon-inspect').click()
        const inspected = root.getByTestId('coupon-inspected')
        await inspected.filter({ hasText: '生日蛋糕一份' }).filter({ hasText: '会员 林晓雨' }).waitFor()
        await root.getByTestId('coupon-redeem-submit').waitFor()
      }

      step('the cashier redeems it')
      const cashierTill = pageRoot(cashier, TILL)
      await cashierTill.getByTestId('coupon-redeem-submit').click()
      await confirmModal(cashier, '确认核销')
      const result = cashierTill.getByTestId('coupon-result')
      await result.waitFor()
      assert.match(await textOf(result), /「生日蛋糕一份」已核销/)
      assert.match(await textOf(result), /会员 林晓雨/)
      const used = cloud.db.find('coupons', { _id: coupon._id })[0]
      assert.equal(used.status, 'used')
      assert.equal(used.usedBy, 'demo-cashier')

      step('the owner, whose till still shows it available, tries again: 该券已被使用')
      const ownerTill = pageRoot(owner, TILL)
      await ownerTill.getByTestId('coupon-redeem-submit').click()
      await confirmModal(owner, '确认核销')
      await ownerTill.getByTestId('coupon-refused').filter({ hasText: '该券已被使用' }).waitFor()
      await ownerTill.getByTestId('coupon-unusable').filter({ hasText: '该券已被使用' }).waitFor()
      assert.equal(await ownerTill.getByTestId('coupon-result').count(), 0)
      assert.equal(cloud.db.find('coupons', { _id: coupon._id })[0].usedBy, 'demo-cashier', 'the refused attempt changed nothing')

      step('the cashier looks the code up again: 该券已被使用, no redeem button')
      await fillInput(cashierTill, 'coupon-code-input', coupon.code)
      await cashierTill.getByTestId('coupon-inspect').click()
      await cashierTill.getByTestId('coupon-unusable').filter({ hasText: '该券已被使用' }).waitFor()
      assert.equal(await cashierTill.getByTestId('coupon-redeem-submit').count(), 0)

      step('林晓雨 reloads the wallet: the coupon is under 已使用')
      await page.reload()
      await expectPage(page, WALLET)
      await wallet.getByTestId('filter-tabs').locator('.filter-tabs__tab', { hasText: '已使用 1' }).waitFor()
      await chooseFilterTab(wallet, '已使用')
      const usedCard = wallet.getByTestId('coupon-card').filter({ hasText: '生日蛋糕一份' })
      await usedCard.waitFor()
      assert.equal(await textOf(usedCard.getByTestId('coupon-status')), '已使用')
      assert.match(await textOf(usedCard), new RegExp(`使用于 ${shopFullDate(used.usedAt)}`))
    } finally {
      cloud.setNow(null)
    }
  },
}

/** `YYYY-MM-DD` of the next `month`/`day` on the shop's calendar, today included. */
function nextBirthday(now: Date, month: number, day: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
  const thisYear = `${today.slice(0, 4)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  return thisYear >= today ? thisYear : `${Number(today.slice(0, 4)) + 1}${thisYear.slice(4)}`
}
