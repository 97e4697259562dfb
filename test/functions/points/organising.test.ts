/**
 * 我组织的: points.activities with `filter: 'organising'`, through the real wx-server-sdk against the local cloud —
 * the activities the caller posted (open or confirmed, whatever their audience), latest start first, paged; nothing
 * of anyone else's, and nothing for a resident who posted none.
 */
import type { ActivityCard, ActivityDetail } from '../../../core/contract'
import type { PersonDoc } from '../../../core/model'
import { data } from '../harness/functions-cloud'
import { startWalletCloud, type WalletCloud } from '../harness/wallet-cloud'

jest.setTimeout(180_000)

let g: WalletCloud
beforeAll(async () => {
  g = await startWalletCloud()
})
afterAll(async () => {
  await g?.close()
})

const HOUR = 3_600_000
type Page = { rows: ActivityCard[]; page: number; pageSize: number; more: boolean }

async function post(by: PersonDoc, gridId: string, title: string, inHours: number): Promise<ActivityDetail> {
  const startAt = new Date(Date.now() + inHours * HOUR)
  return data(
    await g.act<ActivityDetail>(by, 'postActivity', {
      title,
      place: '社区广场',
      startAt: startAt.toISOString(),
      endAt: new Date(startAt.getTime() + 2 * HOUR).toISOString(),
      audience: { kind: 'grid', id: gridId },
      roles: [{ name: '秩序维护', quota: 2, rule: { pointsPerHour: 10, cap: 50 } }],
    }),
  )
}

it('pages what the caller posted, latest start first, and nobody else’s', async () => {
  const chief = g.persona('gridChief')
  const grid = chief.roles.find((r) => r.role === 'gridChief')?.unitId as string
  const staff = g.persona('communityStaff')
  const mine = [
    await post(chief, grid, '我组织的一', 30),
    await post(chief, grid, '我组织的二', 50),
    await post(chief, grid, '我组织的三', 40),
  ]
  const theirs = await post(staff, grid, '别人组织的', 45)

  const first = data(await g.act<Page>(chief, 'activities', { filter: 'organising', page: 0, pageSize: 2 }))
  const second = data(await g.act<Page>(chief, 'activities', { filter: 'organising', page: 1, pageSize: 2 }))
  const titles = [...first.rows, ...second.rows].map((a) => a.title)
  // the seed's own activities of this chief (if any) come after these, which start later than anything seeded
  expect(titles.slice(0, 3)).toEqual(['我组织的二', '我组织的三', '我组织的一'])
  expect(first.more).toBe(true)
  expect(titles).not.toContain(theirs.title)
  expect(new Set([...first.rows, ...second.rows].map((a) => a.id)).size).toBe(titles.length)
  for (const a of mine) expect(titles).toContain(a.title)

  // the default list is unchanged: open activities of the caller's audiences, soonest first
  const open = data(await g.act<Page>(chief, 'activities', { page: 0, pageSize: 50 }))
  expect(open.rows.map((a) => a.title)).toEqual(expect.arrayContaining(['我组织的一', '别人组织的']))
})

it('answers nothing to a resident who posted nothing, and refuses an unknown filter', async () => {
  const resident = g.persona('resident')
  expect(data(await g.act<Page>(resident, 'activities', { filter: 'organising' }))).toEqual({
    rows: [],
    page: 0,
    pageSize: 20,
    more: false,
  })
  expect(await g.act(resident, 'activities', { filter: 'everything' })).toMatchObject({
    ok: false,
    code: 'INVALID_PAYLOAD',
  })
})
