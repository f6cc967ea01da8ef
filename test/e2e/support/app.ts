/** How a person uses the H5 app: open it as someone, tap things by their text, read the card. */
import assert from 'node:assert/strict'
import type { Locator, Page } from 'playwright-core'

/** Opens the app as a dev identity (`member`, `member-b`, `visitor-<id>`…), landing on the card tab. */
export async function openAs(page: Page, baseUrl: string, identity: string): Promise<void> {
  await page.goto(`${baseUrl}/?as=${encodeURIComponent(identity)}`)
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
  await page.locator('.taro__toast p', { hasText: text }).waitFor({ state: 'visible', timeout: 5_000 })
}

/** Taps a tab bar item by its label (会员卡 / 活动 / 我的). */
export async function tapTab(page: Page, label: string): Promise<void> {
  await page.locator('.weui-tabbar__item', { hasText: label }).click()
}
