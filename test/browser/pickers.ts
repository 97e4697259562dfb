/**
 * Driving Taro's h5 Picker (mode date and time, as DateTimeField in src/manage/components shows them) the way a
 * person does: tap the field, drag each wheel until it shows the wanted number, tap 确定. A wheel is dragged with the
 * mouse a few rows at a time, staying inside it (leaving it ends the drag), and read back after each drag from its
 * position; it fails naming the wheel when it cannot reach the number.
 */
import type { Locator, Page } from 'playwright-core'
import { beijingClock, beijingDay } from '../../core/beijing-time'

/** Taro's wheel geometry (picker-group.js): rows of 34 px, the chosen row 102 px from the top. */
const ROW = 34
const TOP = 102
/** Rows one drag moves: the wheel is 238 px high. */
const STEP = 4

interface Wheel {
  index: number
  numbers: number[]
}

const readWheel = (wheel: Locator): Promise<Wheel> =>
  wheel.evaluate(
    (el, geometry) => {
      const content = el.querySelector('.weui-picker__content') as HTMLElement
      const m = /translate3d\(0(?:px)?,\s*(-?[\d.]+)px/.exec(content.style.transform)
      const height = m ? Number(m[1]) : geometry.top
      return {
        index: Math.round((geometry.top - height) / geometry.row),
        numbers: Array.from(content.children).map((c) => parseInt((c.textContent ?? '').replace(/\D/g, ''), 10)),
      }
    },
    { top: TOP, row: ROW },
  )

/** Turns one wheel to `target`, the nearest row showing it (time wheels repeat a few rows at each end). */
async function turn(page: Page, wheel: Locator, target: number, name: string): Promise<void> {
  for (let drags = 0; drags < 40; drags++) {
    const now = await readWheel(wheel)
    const rows = now.numbers.flatMap((n, i) => (n === target ? [i] : []))
    if (!rows.length) throw new Error(`the ${name} wheel has no ${target} (it shows ${now.numbers.join(',')})`)
    const to = rows.sort((a, b) => Math.abs(a - now.index) - Math.abs(b - now.index))[0]
    if (to === now.index) return
    const box = await wheel.boundingBox()
    if (!box) throw new Error(`the ${name} wheel is not on screen`)
    const by = Math.max(-STEP, Math.min(STEP, to - now.index))
    const x = box.x + box.width / 2
    // a drag up brings later rows in: start low for it, high for a drag down
    const from = by > 0 ? box.y + box.height - 30 : box.y + 30
    const before = await wheel.evaluate(
      (el) => (el.querySelector('.weui-picker__content') as HTMLElement).style.transform,
    )
    await page.mouse.move(x, from)
    await page.mouse.down()
    await page.mouse.move(x, from - by * ROW, { steps: 8 })
    await page.mouse.up()
    // the wheel re-renders after the drag: wait until it has moved before reading it again (a drag that did not
    // take is simply made again)
    await page
      .waitForFunction(
        ({ el, was }) => (el?.querySelector('.weui-picker__content') as HTMLElement).style.transform !== was,
        { el: await wheel.elementHandle(), was: before },
        { timeout: 5_000 },
      )
      .catch(() => undefined)
  }
  throw new Error(`the ${name} wheel did not reach ${target}`)
}

/** Opens the picker behind `opener`, turns its wheels to `values` in order, and confirms. */
async function pick(page: Page, opener: Locator, values: number[], names: string[]): Promise<void> {
  await opener.click()
  // the overlay itself has no size (its sheet is fixed to the bottom): find the open sheet by its visible parts
  const head = page.locator('.weui-picker__hd:visible')
  await head.waitFor()
  const wheels = page.locator('.weui-picker__bd:visible .weui-picker__group')
  for (const [i, v] of values.entries()) await turn(page, wheels.nth(i), v, names[i])
  await head.locator('.weui-picker__action').nth(1).click()
  await head.waitFor({ state: 'hidden' })
}

/** Sets a DateTimeField (its root `field`) to `when` as Beijing's clock reads it (the field is Beijing time whatever
 * the browser's zone): the day, then the time. */
export async function pickDateTime(page: Page, field: string, when: Date, dateOnly = false): Promise<void> {
  const root = page.locator(`${field}:visible`)
  await pick(page, root.locator('.dt-field__date'), beijingDay(when).split('-').map(Number), ['year', 'month', 'day'])
  if (dateOnly) return
  const clock = beijingClock(when)
  await pick(page, root.locator('.dt-field__time'), clock.split(':').map(Number), ['hour', 'minute'])
  await root.locator('.dt-field__time', { hasText: clock }).waitFor()
}
