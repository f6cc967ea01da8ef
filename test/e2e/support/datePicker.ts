/**
 * Drives Taro H5's `<Picker mode='date'>` the way a person does: tap the field, drag each wheel
 * (year, month, day) until the wanted row sits in the highlighted band, tap 确定.
 *
 * How the widget works (@tarojs/components, components/picker/picker-group.js): the popup is a
 * `.weui-picker__overlay` moved to <body>; each wheel is a `taro-picker-group` listening to mouse
 * and touch events. A drag moves the wheel by exactly the pointer's travel and snaps to the nearest
 * 34 px row on release; a press-and-release without travel (< 10 px) is a tap on whatever row is
 * under the pointer, which then snaps to the band. The wheel stops following once the pointer
 * leaves it (mouseleave ends the drag), so one drag moves at most ~6 rows; longer distances take
 * several drags, as they do for a thumb. Nothing here writes the picker's state directly.
 */
import type { Locator, Page } from '@playwright/test'

const ROW = 34 // LINE_HEIGHT in the Taro picker
const MAX_ROWS_PER_DRAG = 6 // a wheel is 7 rows tall
const MAX_GESTURES_PER_WHEEL = 40

export async function pickDate(page: Page, trigger: Locator, date: string): Promise<void> {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) throw new Error(`pickDate: expected YYYY-MM-DD, got ${date}`)
  const [, year, month, day] = match

  await trigger.click()
  const overlay = page
    .locator('.weui-picker__overlay')
    .filter({ has: page.locator('.weui-picker') })
    .last()
  const sheet = overlay.locator('.weui-picker')
  await sheet.waitFor({ state: 'visible' })
  await settled(sheet)

  const wheels = sheet.locator('taro-picker-group')
  const count = await wheels.count()
  if (count !== 3) throw new Error(`pickDate: expected 3 wheels (year, month, day), found ${count}`)
  // Year first: changing it can shorten February; month next, then day.
  await turnWheel(page, wheels.nth(0), `${year}年`)
  await turnWheel(page, wheels.nth(1), `${month}月`)
  await turnWheel(page, wheels.nth(2), `${day}日`)

  await sheet.locator('.weui-picker__action', { hasText: '确定' }).click()
  await overlay.waitFor({ state: 'hidden' })
}

/** Drags or taps one wheel until `label` is in the highlighted band. */
async function turnWheel(page: Page, wheel: Locator, label: string): Promise<void> {
  for (let gesture = 0; gesture < MAX_GESTURES_PER_WHEEL; gesture++) {
    const state = await readWheel(wheel)
    const target = state.labels.indexOf(label)
    if (target < 0) throw new Error(`pickDate: the wheel has no row "${label}" (rows ${state.labels[0]}…${state.labels.at(-1)})`)
    const delta = target - state.selected
    if (delta === 0) return

    const box = state.box
    const x = box.x + box.width / 2
    let moved: number
    if (Math.abs(delta) <= 3) {
      // Close enough to see: tap the row itself.
      moved = delta
      await page.mouse.move(x, state.bandCenter + delta * ROW)
      await page.mouse.down()
      await page.mouse.up()
    } else {
      // Drag: finger down near one edge of the wheel, travel towards the other edge. Later rows
      // are below the band, so reaching them means pulling the wheel up.
      moved = Math.sign(delta) * Math.min(Math.abs(delta), MAX_ROWS_PER_DRAG)
      const startY = moved > 0 ? box.y + box.height - 8 : box.y + 8
      await page.mouse.move(x, startY)
      await page.mouse.down()
      await page.mouse.move(x, startY - moved * ROW, { steps: 8 })
      await page.mouse.up()
    }
    const expected = state.labels[state.selected + moved]
    await waitForBand(wheel, expected)
  }
  throw new Error(`pickDate: could not bring "${label}" into view after ${MAX_GESTURES_PER_WHEEL} gestures`)
}

interface WheelState {
  labels: string[]
  /** Index of the row whose centre is in the highlighted band. */
  selected: number
  bandCenter: number
  box: { x: number; y: number; width: number; height: number }
}

/** What a person sees on the wheel: its rows and which one sits in the band. */
async function readWheel(wheel: Locator): Promise<WheelState> {
  return wheel.evaluate((el) => {
    const band = el.querySelector('.weui-picker__indicator')!.getBoundingClientRect()
    const bandCenter = band.top + band.height / 2
    const rows = [...el.querySelectorAll('.weui-picker__item')]
    let selected = -1
    let best = Infinity
    rows.forEach((row, index) => {
      const rect = row.getBoundingClientRect()
      const distance = Math.abs(rect.top + rect.height / 2 - bandCenter)
      if (distance < best) {
        best = distance
        selected = index
      }
    })
    const rect = el.getBoundingClientRect()
    return {
      labels: rows.map((row) => (row.textContent ?? '').trim()),
      selected,
      bandCenter,
      box: { x: rect.x, y: rect.y, width: rect.width, height: rect.height },
    }
  })
}

/** Waits for the wheel to come to rest with `label` centred in the band (it animates for 0.3 s). */
async function waitForBand(wheel: Locator, label: string): Promise<void> {
  const handle = await wheel.elementHandle()
  try {
    await wheel.page().waitForFunction(
      ([el, wanted]) => {
        const band = el!.querySelector('.weui-picker__indicator')!.getBoundingClientRect()
        const center = band.top + band.height / 2
        if (el!.getAnimations({ subtree: true }).some((animation) => animation.playState === 'running')) return false
        const row = [...el!.querySelectorAll('.weui-picker__item')].find((item) => {
          const rect = item.getBoundingClientRect()
          return Math.abs(rect.top + rect.height / 2 - center) < 1
        })
        return row?.textContent?.trim() === wanted
      },
      [handle, label] as const,
      { polling: 'raf', timeout: 3_000 },
    )
  } catch {
    const state = await readWheel(wheel).catch(() => null)
    throw new Error(`pickDate: the wheel did not come to rest on "${label}" (it shows "${state ? state.labels[state.selected] : '?'}")`)
  } finally {
    await handle?.dispose()
  }
}

/** Waits until the sheet's slide-up animation has finished, so coordinates are final. */
async function settled(sheet: Locator): Promise<void> {
  const handle = await sheet.elementHandle()
  await sheet.page().waitForFunction((el) => (el!.closest('.weui-picker__overlay') ?? el!).getAnimations({ subtree: true }).every((animation) => animation.playState !== 'running'), handle, {
    polling: 'raf',
    timeout: 3_000,
  })
  await handle?.dispose()
}
