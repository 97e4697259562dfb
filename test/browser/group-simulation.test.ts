/**
 * h5 local mode "opened from group chat X": `?group=<openGId>` on the URL (or the 本地演示 page's control) makes
 * the transport mint a CloudID at POST /local/cloudid and send it as the top-level `group` of the calls that read
 * it (grid.me on 首页); clearing it on the 本地演示 page stops that.
 */
import type { Page } from 'playwright-core'
import { personaPerson, pickPersona, startDemoCloud, type DemoCloud } from './demo-cloud'

jest.setTimeout(120_000)

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('group')
})
afterAll(async () => {
  await d?.close()
})

type Sent = { name: string; data: { action: string; group?: unknown } }

/** Records what the page sends to /local/call and /local/cloudid. */
function recorder(page: Page) {
  const calls: Sent[] = []
  const minted: Array<{ request: unknown; cloudID: string }> = []
  page.on('request', (r) => {
    if (r.url().endsWith('/local/call')) calls.push(JSON.parse(r.postData() ?? '{}') as Sent)
  })
  page.on('response', async (r) => {
    if (!r.url().endsWith('/local/cloudid')) return
    const { cloudID } = (await r.json()) as { cloudID: string }
    minted.push({ request: JSON.parse(r.request().postData() ?? '{}'), cloudID })
  })
  return { calls, minted }
}

const resident = () => personaPerson(d.demo, 'resident')

const pickResident = (page: Page): Promise<void> => pickPersona(page, `居民 · ${resident().name}`, '.home-grid__name')

describe('h5: opened from a group chat (simulated)', () => {
  it('?group= sends 首页’s grid.home a CloudID of that group; clearing it on the 本地演示 page stops it', async () => {
    const page = await d.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const { calls, minted } = recorder(page)

    await page.goto(`${d.cloud.url}/?group=G-demo-7`)
    await page.locator('.group-sim', { hasText: '当前：从群 G-demo-7 打开' }).waitFor()
    await pickResident(page)

    expect(minted).toHaveLength(1)
    expect(minted[0].request).toEqual({ data: { openGId: 'G-demo-7' } })
    const me = calls.find((c) => c.name === 'grid' && c.data.action === 'home')!
    expect(me.data.group).toEqual({ $cloudID: minted[0].cloudID })

    // back to the 本地演示 page: clear the simulated group, go home again
    await page.locator('.taro-tabbar__tabbar >> text=我的').click()
    await page.locator('.local-demo-switch').click()
    await page.locator('.group-sim .nut-button', { hasText: '清除' }).click()
    await page.locator('.group-sim', { hasText: '当前：不是从群里打开' }).waitFor()
    calls.length = 0
    await pickResident(page)
    const again = calls.find((c) => c.name === 'grid' && c.data.action === 'home')!
    expect(again.data).not.toHaveProperty('group')
    expect(errors).toEqual([])
    await page.close()
  })

  it('a group picked on the 本地演示 page applies to the next calls', async () => {
    const page = await d.newPage()
    const { calls, minted } = recorder(page)
    await page.goto(`${d.cloud.url}/`)
    await page.locator('.group-sim .nut-button', { hasText: 'G-demo-2' }).click()
    await page.locator('.group-sim', { hasText: '当前：从群 G-demo-2 打开' }).waitFor()
    await pickResident(page)
    const me = calls.find((c) => c.name === 'grid' && c.data.action === 'home')!
    expect(minted.map((m) => m.request)).toEqual([{ data: { openGId: 'G-demo-2' } }])
    expect(me.data.group).toEqual({ $cloudID: minted[0].cloudID })
    await page.close()
  })
})
