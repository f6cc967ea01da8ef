/** How a person uses the H5 app: open it as someone, tap things by their text, read the card. */
import assert from 'node:assert/strict'
import type { Locator, Page } from '@playwright/test'

/** Opens the app as a dev identity (`member`, `member-b`, `visitor-<id>`…), landing on the card tab. */
export async function openAs(page: Page, identity: string): Promise<void> {
  await page.goto(`/?as=${encodeURIComponent(identity)}`)
  await expectPage(page, '/pages/card/index')
}

/** A NutUI button by its label. Its inner label does not take pointer events; the host does. */
export function button(page: Page, label: string): Locator {
  return page.locator('taro-button-core', { hasText: label })
}

/** The Taro page (a .taro_page under the router) for a route, e.g. '/pages/join/index'. */
export function pageRoot(page: Page, route: string): Locator {
  return page.locator(`.taro_router > .taro_page[id^="${route}"]`).last()
}

/**
 * Waits until the hash route is `route` and that page has arrived and is on screen. Taro's router
 * slides a page in and then marks it `taro_page_stationed`; visibility is judged only after that,
 * so a page that is shown during the slide and hidden afterwards is caught here. When the page is
 * in the DOM but hidden, the error says what hides it rather than "element not visible".
 */
export async function expectPage(page: Page, route: string, timeout = 10_000): Promise<void> {
  await page.waitForURL((url) => url.hash.split('?')[0] === `#${route}`, { timeout })
  const root = pageRoot(page, route)
  await page.locator(`.taro_router > .taro_page.taro_page_stationed[id^="${route}"]`).last().waitFor({ state: 'attached', timeout })
  // One frame for the stationed styles to apply.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  if (await root.isVisible()) return
  const why = await root
    .evaluate((el) => {
      const router = el.parentElement!
      const style = getComputedStyle(el)
      const siblings = [...router.children].map((child) => `${child.tagName.toLowerCase()}.${[...child.classList].join('.')}`)
      return `display: ${style.display}, visibility: ${style.visibility}; .taro_router's children: ${siblings.join(' | ')}`
    })
    .catch(() => 'page element not found')
  throw new Error(`page ${route} arrived but is not visible (${why})`)
}

/** The member card on the card tab, once loaded. */
export async function readCard(page: Page): Promise<{ name: string; tier: string; points: string }> {
  const card = page.getByTestId('member-card')
  await card.waitFor({ state: 'visible' })
  return {
    name: (await card.locator('.member-card__name').innerText()).trim(),
    tier: (await page.getByTestId('member-tier').innerText()).trim(),
    points: (await page.getByTestId('member-points').innerText()).trim(),
  }
}

export async function expectCard(page: Page, expected: { name: string; tier: string; points: string }): Promise<void> {
  // The card may first render a previous identity's data or a refresh; wait for the expected name.
  await page.getByTestId('member-card').filter({ hasText: expected.name }).waitFor({ state: 'visible' })
  assert.deepEqual(await readCard(page), expected)
}

/**
 * Taro H5's showToast: a .taro__toast wrapper appended to <body>. The wrapper itself has no box
 * (its children are position: fixed), so visibility is judged on the title paragraph.
 */
export async function expectToast(page: Page, text: string): Promise<void> {
  // Checked on every animation frame: a toast lasts 1.5 s, and a locator's backing-off polls on a busy
  // machine can fall on either side of it.
  await page.waitForFunction(
    (wanted) =>
      [...document.querySelectorAll<HTMLElement>('.taro__toast p')].some(
        (title) => title.textContent?.includes(wanted) && title.getClientRects().length > 0 && getComputedStyle(title).visibility !== 'hidden',
      ),
    text,
    { polling: 'raf', timeout: 5_000 },
  )
}

/** Taps a tab bar item by its label (会员卡 / 活动 / 我的). */
export async function tapTab(page: Page, label: string): Promise<void> {
  await page.locator('.weui-tabbar__item', { hasText: label }).click()
}

/**
 * Opens a link into the app as a dev identity, e.g. a shop's join link
 * (`/pages/join/index?scene=…`), and waits for that page. The identity is chosen by `?as=` before
 * the hash, as a link with a scene would be opened on that person's phone.
 */
export async function openLink(page: Page, identity: string, route: string): Promise<void> {
  await page.goto(`/?as=${encodeURIComponent(identity)}#${route}`)
  await expectPage(page, route.split('?')[0])
}

/**
 * Opens a staff page the way staff reach it: 我的 → 员工后台 → the console entry (`console-till`,
 * `console-rules`…), then waits for `route`.
 */
export async function openStaffPage(page: Page, identity: string, entryTestId: string, route: string): Promise<void> {
  await page.goto(`/?as=${encodeURIComponent(identity)}`)
  await expectPage(page, '/pages/card/index')
  await tapTab(page, '我的')
  await expectPage(page, '/pages/me/index')
  await pageRoot(page, '/pages/me/index').getByTestId('me-staff').click()
  await expectPage(page, '/admin/pages/home/index')
  await pageRoot(page, '/admin/pages/home/index').getByTestId(entryTestId).click()
  await expectPage(page, route)
}

/**
 * Taro H5's showModal (the app's confirmDialog before every write): a .taro__modal appended to
 * <body> and reused, hidden with display: none afterwards. Like the toast's, the wrapper has no box
 * of its own (its mask and dialog are position: fixed), so visibility is judged on the dialog.
 * Checks the title, taps the confirm button and waits for the dialog to go away.
 */
export async function confirmModal(page: Page, title: string): Promise<void> {
  const dialog = page.locator('.taro__modal .taro-modal__content').filter({ has: page.locator('.taro-modal__title', { hasText: title }) })
  await dialog.waitFor({ state: 'visible', timeout: 5_000 })
  await dialog.locator('.taro-model__confirm').click()
  await dialog.waitFor({ state: 'hidden', timeout: 5_000 })
}

/** Taps one of the FilterTabs (till modes, wallet statuses, ledger filters) on a page and waits for it to be on. */
export async function chooseFilterTab(root: Locator, label: string): Promise<void> {
  const tabs = root.getByTestId('filter-tabs')
  await tabs.locator('.filter-tabs__tab', { hasText: label }).click()
  await tabs.locator('.filter-tabs__tab--on', { hasText: label }).waitFor()
}

/**
 * The till's 扫描会员码 with the H5 stand-in for scanCode: the sheet lists the codes members last
 * showed (`name · cardNo`); picks the row naming this member and waits for the member panel.
 */
export async function scanMemberAtTill(page: Page, member: { name: string; cardNo: string }): Promise<void> {
  const till = pageRoot(page, '/admin/pages/till/index')
  const rescan = till.getByTestId('till-rescan')
  await ((await rescan.isVisible()) ? rescan : till.getByTestId('till-scan')).click()
  const sheet = page.getByTestId('scan-standin')
  await sheet.waitFor({ state: 'visible' })
  await sheet
    .getByTestId('scan-standin-code')
    .filter({ hasText: `${member.name} · ${member.cardNo}` })
    .click()
  await sheet.waitFor({ state: 'detached' })
  await till.getByTestId('member-panel-name').filter({ hasText: member.name }).waitFor()
}

/**
 * The till's 结账 with a member scanned: the amount and order number, then (once the quote is on
 * screen) a coupon by its title and points if asked, 确认结账 and the confirmation dialog. Answers
 * the receipt.
 */
export async function checkoutAtTill(page: Page, order: { orderNo: string; amount: string; coupon?: string; points?: number }): Promise<Locator> {
  const till = pageRoot(page, '/admin/pages/till/index')
  await fillInput(till, 'checkout-amount', order.amount)
  await fillInput(till, 'checkout-order', order.orderNo)
  await till.getByTestId('checkout-summary').waitFor()
  if (order.coupon) {
    const option = till.getByTestId('coupon-option').filter({ hasText: order.coupon })
    await option.click()
    await till.locator('.coupon-picker__row--on', { hasText: order.coupon }).waitFor()
  }
  if (order.points) await fillInput(till, 'points-input', String(order.points))
  await till.getByTestId('checkout-submit').click()
  await confirmModal(page, '确认结账')
  const receipt = till.getByTestId('checkout-receipt').filter({ hasText: `单号 ${order.orderNo}` })
  await receipt.waitFor()
  return receipt
}

/** Fills a Taro <Input> (a taro-input-core host around a real <input>) found by its data-testid. */
export async function fillInput(root: Locator | Page, testId: string, value: string): Promise<void> {
  await root.getByTestId(testId).locator('input').fill(value)
}

/** The rendered text of an element, whitespace collapsed. */
export async function textOf(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim()
}
