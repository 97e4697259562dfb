/**
 * The requests lists page by keyset over the local cloud — my requests, a leader's "everything under the unit" and
 * what an owner holds (soonest due first, rows with no deadline first) —, so requests added between two pages never
 * make a row repeat or drop out, as an offset did; and what the community's settings decide for a move: the points a
 * confirmed errand earns its taker (paid once), the weeks until a re-inspection nobody dated.
 */
import type { PageOf, RequestRow, RequestView } from '../../../core/contract/requests'
import { accountId, errandEarnId, requestSettingsId } from '../../../core/ids'
import type { AccountDoc, PersonDoc, RequestDoc, TransferDoc } from '../../../core/model'
import { keysetCursor } from '../../../core/requests/cursor'
import { ancestorAt } from '../../../core/units'
import { gridOf, newTap, startRequestsCloud, type RequestsCloud } from '../harness/requests-cloud'

jest.setTimeout(240_000)

const WEEK = 7 * 86_400_000
let c: RequestsCloud
let resident: PersonDoc
let chief: PersonDoc

const byOpenid = (openid: string) => c.demo.people.find((p) => p.openid === openid) as PersonDoc

beforeAll(async () => {
  c = await startRequestsCloud()
  resident = byOpenid(c.demo.personas[0].openid)
  chief = byOpenid(c.demo.personas[6].openid)
})
afterAll(async () => {
  await c?.close()
})

const report = async (p: PersonDoc, over: Record<string, unknown> = {}) =>
  (
    await c.ok<{ id: string }>(p, 'report', {
      tapId: newTap('report'),
      category: 'hazard',
      description: '楼道里堆了纸箱，堵住了消防通道',
      place: { kind: 'household', unitId: p.householdId },
      ...over,
    })
  ).id
const act = (p: PersonDoc, id: string, move: string, extra: Record<string, unknown> = {}) =>
  c.ok<RequestView>(p, 'act', { id, move, tapId: newTap(move), ...extra })

/** Pages a list to its end, calling `between` after each page but the last; every row's id in the order read. */
async function walk(
  read: (cursor: string | undefined) => Promise<PageOf<RequestRow>>,
  between: (page: number, seen: readonly string[]) => Promise<void> = async () => {},
): Promise<string[]> {
  const seen: string[] = []
  let cursor: string | undefined
  for (let page = 0; ; page++) {
    const got = await read(cursor)
    seen.push(...got.rows.map((r) => r.id))
    if (!got.nextCursor) return seen
    cursor = got.nextCursor
    await between(page, seen)
  }
}

describe('keyset pages', () => {
  it('my requests: a request reported between two pages repeats no row and drops none', async () => {
    const fresh = await c.newResident(resident.householdId as string, '翻页居民')
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push(await report(fresh, { description: `第${i + 1}件：楼道灯不亮` }))
    const added: string[] = []
    const seen = await walk(
      (cursor) => c.ok(fresh, 'mine', { pageSize: 2, ...(cursor ? { cursor } : {}) }),
      async () => {
        // the newest change leads the list: an offset would show the last row of the page just read again
        added.push(await report(fresh, { description: `翻页时新反映的第${added.length + 1}件` }))
      },
    )
    expect(seen).toEqual([...ids].reverse())
    expect(added).toHaveLength(2)
  })

  it('everything under a unit: requests arriving meanwhile never shift the pages', async () => {
    const building = c.unit(resident.householdId as string).parentId as string
    const before = await walk((cursor) =>
      c.ok(chief, 'inbox', { unitId: gridOf(resident), scope: 'all', pageSize: 50, ...(cursor ? { cursor } : {}) }),
    )
    expect(before.length).toBeGreaterThan(4)
    const seen = await walk(
      (cursor) =>
        c.ok(chief, 'inbox', { unitId: gridOf(resident), scope: 'all', pageSize: 3, ...(cursor ? { cursor } : {}) }),
      async () => {
        await report(resident, {
          description: '翻页时新反映的',
          place: { kind: 'building', unitId: building, label: '' },
        })
      },
    )
    expect(seen).toEqual(before)
  })

  it('what an owner holds, soonest due first (none due first of all): rows added before the cursor shift nothing', async () => {
    const grid = gridOf(resident)
    const template = await c.request(await report(resident, { description: '模板诉求' }))
    const at = (iso: string | null) => (iso === null ? null : new Date(iso))
    const doc = (id: string, due: string | null): RequestDoc => ({ ...template, _id: id, nextDueAt: at(due) })
    // rows of the grid's open inbox with no deadline left and with deadlines far in the past: they lead the order
    await c.cloud.seed({
      requests: [
        doc('0keyset_n1', null),
        doc('0keyset_n3', null),
        doc('0keyset_n5', null),
        doc('0keyset_d1', '2001-01-01T00:00:00.000Z'),
        doc('0keyset_d2', '2001-01-01T00:00:00.000Z'),
        doc('0keyset_d3', '2001-01-02T00:00:00.000Z'),
      ],
    })
    const list = (cursor: string | undefined) =>
      c.ok<PageOf<RequestRow>>(chief, 'inbox', { unitId: grid, pageSize: 2, ...(cursor ? { cursor } : {}) })
    const before = await walk(list)
    const mine = ['0keyset_n1', '0keyset_n3', '0keyset_n5', '0keyset_d1', '0keyset_d2', '0keyset_d3']
    expect(before.filter((id) => mine.includes(id))).toEqual(mine)
    // the undated lead (ids sort before the demo's), then the dated from 2001 on
    expect(before.slice(0, 3)).toEqual(mine.slice(0, 3))
    // while paging, requests land before the cursor: first among the undated, then (once the cursor is at a dated
    // row) among the dated — an offset would show the cursor's row again each time
    let dated = false
    const seen = await walk(list, async (page, sofar) => {
      if (page === 0) await c.cloud.seed({ requests: [doc('0keyset_n0', null)] })
      else if (!dated && sofar.includes('0keyset_d1')) {
        dated = true
        await c.cloud.seed({ requests: [doc('0keyset_d0', '2000-01-01T00:00:00.000Z')] })
      }
    })
    expect(dated).toBe(true)
    expect(seen).toEqual(before)
    expect(seen).not.toContain('0keyset_d0')
    expect((await walk(list)).slice(0, 1)).toEqual(['0keyset_n0'])
    // a cursor not of this list, or not one at all, is refused
    for (const cursor of ['12', `${'2001-01-01'}|0keyset_d1`, keysetCursor(null, 'x y')])
      expect(await c.act(chief, 'inbox', { unitId: grid, cursor })).toMatchObject({
        ok: false,
        code: 'INVALID_PAYLOAD',
      })
    expect(
      await c.act(chief, 'inbox', { unitId: grid, scope: 'all', cursor: keysetCursor(null, '0keyset_n1') }),
    ).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
  })
})

describe('what the community’s settings decide', () => {
  const communityOf = (p: PersonDoc) => ancestorAt(p.homePath ?? '', 'community') as string
  const settingsDoc = (fields: Record<string, unknown>) => ({
    _id: requestSettingsId(communityOf(resident)),
    level: 'community' as const,
    updatedAt: new Date(),
    updatedBy: 'test',
    ...fields,
  })

  /** A volunteer living in the resident's grid (the nth household's), and an errand of the resident they did. */
  const errandDone = async (n: number, name: string, description: string) => {
    const home = c.unit(c.residentsUnder(gridOf(resident))[n].householdId as string)
    const volunteer = await c.addPerson({
      _id: `rq_lists_volunteer${n}`,
      openid: `o_rq_lists_volunteer${n}`,
      name,
      phone: `1392222${String(n).padStart(4, '0')}`,
      householdId: home._id,
      homePath: home.path,
      roles: [{ role: 'resident', unitId: home._id }],
      volunteer: true,
    })
    const id = await report(resident, { category: 'errand', description })
    await act(volunteer, id, 'takeErrand')
    await act(volunteer, id, 'complete', { note: '已办好' })
    return { id, account: accountId({ kind: 'person', id: volunteer._id }) }
  }
  const paidFor = async (id: string) =>
    ((await c.collections(['transfers'])).transfers as TransferDoc[]).filter(
      (t) => t.ref.kind === 'errand' && t.ref.id === id,
    )

  it('a confirmed errand earns its taker the community’s errand points, once', async () => {
    await c.cloud.seed({ requestSettings: [settingsDoc({ errandPoints: 25 })] })
    const { id, account } = await errandDone(3, '志愿者周敏', '请帮忙到超市买一袋米')
    const balance = async () =>
      ((await c.collections(['accounts'])).accounts as AccountDoc[]).find((a) => a._id === account)?.balance ?? 0
    const was = await balance()
    const rateTap = newTap('rate')
    await c.ok(resident, 'act', { id, move: 'rate', rating: 'satisfied', tapId: rateTap })
    // the same tap again, and a later change of the setting, pay nothing more
    await c.cloud.seed({ requestSettings: [settingsDoc({ errandPoints: 40 })] })
    await c.ok(resident, 'act', { id, move: 'rate', rating: 'satisfied', tapId: rateTap })
    expect(await balance()).toBe(was + 25)
    expect(await paidFor(id)).toEqual([
      expect.objectContaining({ _id: errandEarnId(id), amount: 25, kind: 'earn', to: account }),
    ])
  })

  it('a setting out of bounds is never trusted: the default 10 is paid', async () => {
    await c.cloud.seed({ requestSettings: [settingsDoc({ errandPoints: 5000 })] })
    const { id } = await errandDone(4, '志愿者吴强', '请帮忙取一下快递')
    await act(resident, id, 'rate', { rating: 'basic' })
    expect((await paidFor(id)).map((t) => t.amount)).toEqual([10])
  })

  it('回头看 without a date is due the community’s reinspectWeeks later, and the view offers that interval', async () => {
    await c.cloud.seed({ requestSettings: [settingsDoc({ reinspectWeeks: 6 })] })
    const id = await report(resident)
    await act(chief, id, 'accept')
    await act(chief, id, 'complete', { note: '纸箱已清走' })
    const rated = await act(resident, id, 'rate', { rating: 'satisfied' })
    // the re-inspection sheet offers the community's interval first
    expect(rated.reinspectWeeks).toBe(6)
    const scheduled = await act(chief, id, 'scheduleReinspection', {})
    const event = (await c.events(id)).at(-1)
    expect(event?.move).toBe('scheduleReinspection')
    expect(Date.parse(scheduled.reinspectAt as string) - +new Date(event?.at as Date)).toBe(6 * WEEK)
  })
})
