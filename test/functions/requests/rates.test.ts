/**
 * The three rates (and on-time and return rates) through the real wx-server-sdk against the local cloud over the
 * demo: the seeded month's counters equal a recount from the append-only requestEvents (core/requests/rates.ts
 * replay + figures), and still do after more moves through requests.act and the sweep timer; requests.rates answers
 * exactly the recount's rates for a grid, a community, the street and a department, reading one counter (its cost
 * is the same for a grid as for the street); every role allowed and refused.
 */
import { REQUEST_FIGURES, type RatesView, type RequestFigures } from '../../../core/contract/requests'
import { departmentScopeKey, requestCounterId, requestId } from '../../../core/ids'
import type { PersonDoc, RequestCounterDoc, RequestDoc, RequestEventDoc } from '../../../core/model'
import { beijingMonth } from '../../../core/points/months'
import { add, figures, rates, replay, scopeKeys, zeroFigures } from '../../../core/requests/rates'
import { ancestorAt } from '../../../core/units'
import { personaPerson } from '../../demo'
import { exactly } from '../harness/functions-cloud'
import { newTap, startRequestsCloud, type RequestsCloud } from '../harness/requests-cloud'

jest.setTimeout(180_000)

let g: RequestsCloud
let resident: PersonDoc
let chief: PersonDoc
let staff: PersonDoc
let street: PersonDoc
let dept: PersonDoc
let head: PersonDoc
let gridId: string
let communityId: string
let streetId: string

const json = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown
const only = (c: RequestCounterDoc | RequestFigures | undefined): RequestFigures =>
  Object.fromEntries(REQUEST_FIGURES.map((f) => [f, c?.[f] ?? 0])) as RequestFigures

/**
 * The recount: every stored request rebuilt from its events alone, and the figures of the rebuilt requests summed
 * per scope and cohort month. Fails naming the first request whose stored fields differ from its replay, and
 * answers the counters as stored beside the recount.
 */
async function recount(): Promise<{ held: Map<string, RequestFigures>; counted: Map<string, RequestFigures> }> {
  const d = await g.dump()
  const events = new Map<string, RequestEventDoc[]>()
  for (const e of d.requestEvents as RequestEventDoc[]) events.set(e.requestId, [...(events.get(e.requestId) ?? []), e])
  const counted = new Map<string, RequestFigures>()
  for (const r of d.requests as RequestDoc[]) {
    const rebuilt = replay(r, events.get(r._id) ?? [])
    expect({ id: r._id, fields: json(rebuilt) }).toEqual({ id: r._id, fields: json(r) })
    for (const scope of scopeKeys(rebuilt)) {
      const id = requestCounterId(scope, rebuilt.month)
      counted.set(id, add(counted.get(id) ?? zeroFigures(), figures(rebuilt)))
    }
  }
  const held = new Map((d.requestCounters as RequestCounterDoc[]).map((c) => [c._id, only(c)]))
  return { held, counted }
}

/** Counters as stored equal the recount: every scope and month, both ways (a held counter may be all zeros). */
async function expectCountersAgree(): Promise<Map<string, RequestFigures>> {
  const { held, counted } = await recount()
  for (const id of new Set([...held.keys(), ...counted.keys()])) {
    expect({ id, figures: held.get(id) ?? zeroFigures() }).toEqual({ id, figures: counted.get(id) ?? zeroFigures() })
  }
  return counted
}

const seeded = (reporter: PersonDoc, key: string) => requestId(reporter._id, `seed-request-${key}`)
const act = (person: PersonDoc, id: string, move: string, fields: object = {}) =>
  g.ok(person, 'act', { id, move, tapId: newTap(move), ...fields })
const ratesOf = (person: PersonDoc, unitId: string, month: string, departmentId?: string) =>
  g.act<RatesView>(person, 'rates', { unitId, month, ...(departmentId ? { departmentId } : {}) })

beforeAll(async () => {
  g = await startRequestsCloud()
  resident = personaPerson(g.demo, 'resident')
  gridId = ancestorAt(resident.homePath as string, 'grid') as string
  communityId = ancestorAt(resident.homePath as string, 'community') as string
  streetId = ancestorAt(resident.homePath as string, 'street') as string
  chief = g.holder('gridChief', gridId)
  staff = personaPerson(g.demo, 'communityStaff')
  street = personaPerson(g.demo, 'streetStaff')
  dept = personaPerson(g.demo, 'department')
  head = personaPerson(g.demo, 'buildingHead')
})
afterAll(async () => {
  await g?.close()
})

const months = () => {
  const now = new Date()
  return [beijingMonth(now), beijingMonth(new Date(+now - 31 * 86_400_000))]
}

describe('the seeded month', () => {
  it('has counters equal to a recount from the events, in every scope and month', async () => {
    const counted = await expectCountersAgree()
    // the seed is a month of requests: the grid, community, street and 城管 all have some
    for (const scope of [gridId, communityId, streetId, departmentScopeKey(streetId, 'chengguan')]) {
      const reported = months().reduce((s, m) => s + (counted.get(requestCounterId(scope, m))?.reported ?? 0), 0)
      expect({ scope, reported: reported > 0 }).toEqual({ scope, reported: true })
    }
  })

  it('answers each scope’s figures and rates exactly as the recount’s', async () => {
    const { counted } = await recount()
    const asked: [PersonDoc, string, string | undefined][] = [
      [chief, gridId, undefined],
      [staff, communityId, undefined],
      [street, streetId, undefined],
      [dept, streetId, 'chengguan'],
      [street, streetId, 'chengguan'],
    ]
    for (const month of months()) {
      for (const [person, unitId, departmentId] of asked) {
        const view = (await ratesOf(person, unitId, month, departmentId)) as { ok: true; data: RatesView }
        expect(view.ok).toBe(true)
        const scope = departmentId ? departmentScopeKey(unitId, departmentId) : unitId
        const want = counted.get(requestCounterId(scope, month)) ?? zeroFigures()
        expect(view.data.figures).toEqual(want)
        expect(view.data.rates).toEqual(rates(want))
        expect(view.data).toMatchObject({ month, scope: { unitId, departmentId: departmentId ?? null } })
      }
    }
    const named = (await ratesOf(dept, streetId, months()[0], 'chengguan')) as { ok: true; data: RatesView }
    expect(named.data.scope.name).toBe('城管')
  })

  it('states the formulas: 响应率, 解决率, 满意率, 按时办结率, 重办率, null on an empty divisor', async () => {
    const { counted } = await recount()
    const f = [...counted.values()].reduce(add, zeroFigures())
    const r = rates(f)
    expect(r.response).toBeCloseTo(f.respondedOnTime / f.responseDue)
    expect(r.resolution).toBeCloseTo(f.resolved / (f.ended + f.openOverdue))
    expect(r.satisfaction).toBeCloseTo((f.satisfied + f.basic) / f.rated)
    expect(r.onTime).toBeCloseTo(f.resolvedOnTime / (f.ended + f.openOverdue))
    expect(r.reopen).toBeCloseTo(f.reopened / f.resolved)
    // a month with nothing reported
    const none = (await ratesOf(street, streetId, '2020-01')) as { ok: true; data: RatesView }
    expect(none.data.figures).toEqual(zeroFigures())
    expect(none.data.rates).toEqual({
      response: null,
      resolution: null,
      satisfaction: null,
      onTime: null,
      reopen: null,
    })
  })
})

describe('after more moves', () => {
  it('still agree with a recount: accept, rate 不满意 and again, complete, dispatch, 报到, a new report, the sweep', async () => {
    const before = (await ratesOf(chief, gridId, months()[0])) as { ok: true; data: RatesView }

    // the resident persona is not satisfied with the stairway light: it reopens, and is done and rated again
    const light = seeded(resident, 'r-stair-light')
    await act(resident, light, 'rate', { rating: 'unsatisfied', comment: '第五层还是不亮' })
    await act(chief, light, 'complete', { note: '第五层的灯也换了' })
    await act(resident, light, 'rate', { rating: 'satisfied' })
    await expectCountersAgree()

    // the grid accepts a fresh one; the community finishes the bicycles; the street whistles the road to 城管
    const fresh = (await g.dump()).requests as RequestDoc[]
    const waiting = fresh.find((r) => r.gridId === gridId && r.state === 'submitted' && r.level === 'grid')
    if (!waiting) throw new Error('the demo has a fresh request at the first grid')
    await act(chief, waiting._id, 'accept')
    await act(staff, seeded(resident, 'r-bikes'), 'complete', { note: '运营公司已清走单车并划了停放区' })
    const road = fresh.find((r) => r.state === 'submitted' && r.level === 'street')
    if (!road) throw new Error('the demo has a request waiting at the street')
    await act(street, road._id, 'dispatch', { departmentId: 'chengguan', note: '请城管修复人行道' })
    await act(dept, road._id, 'checkIn')
    await act(dept, road._id, 'complete', { note: '已修复塌陷路面' })
    await expectCountersAgree()

    // a new report, and the timer a day later: what is overdue by then climbs or is marked, still counted right
    const { id } = await g.ok<{ id: string }>(resident, 'report', {
      tapId: newTap('report'),
      category: 'sanitation',
      description: '楼下的垃圾桶又满了',
      place: { kind: 'building', unitId: g.unit(resident.householdId as string).parentId },
    })
    const later = new Date(Date.now() + 2 * 86_400_000)
    for (let firing = 0; ; firing++) {
      const swept = await g.fireSweep(later)
      if (!swept.ok) throw new Error(`the sweep failed: ${swept.code}`)
      if (swept.data.done || firing > 20) break
    }
    const counted = await expectCountersAgree()
    expect((await g.events(id)).some((e) => e.move === 'autoEscalate')).toBe(true)

    // and the rates answered are the recount's, moved from what they were
    const after = (await ratesOf(chief, gridId, months()[0])) as { ok: true; data: RatesView }
    const want = counted.get(requestCounterId(gridId, months()[0])) ?? zeroFigures()
    expect(after.data.figures).toEqual(want)
    expect(after.data.rates).toEqual(rates(want))
    expect(after.data.figures.reported).toBe(before.data.figures.reported + 1)
  })
})

describe('who may read which rates', () => {
  const month = () => months()[0]
  it.each([
    ['the grid chief, the grid', true, () => chief, () => gridId, undefined],
    ['a building head, its grid', false, () => head, () => gridId, undefined],
    ['the grid chief, the community', false, () => chief, () => communityId, undefined],
    ['the community, a grid of it', true, () => staff, () => gridId, undefined],
    ['the community, the street', false, () => staff, () => streetId, undefined],
    ['the street, the community', true, () => street, () => communityId, undefined],
    ['the street, 城管', true, () => street, () => streetId, 'chengguan'],
    ['城管, its own', true, () => dept, () => streetId, 'chengguan'],
    ['城管, 环卫', false, () => dept, () => streetId, 'huanwei'],
    ['城管, a community', false, () => dept, () => communityId, undefined],
    ['a resident, the grid', false, () => resident, () => gridId, undefined],
  ])('as %s: allowed %s', async (_who, allowed, person, unitId, departmentId) => {
    const res = await ratesOf(person(), unitId(), month(), departmentId)
    if (allowed) expect(res.ok).toBe(true)
    else expect(res).toEqual(exactly('FORBIDDEN'))
  })

  it('answers a department that names none its own department’s rates, never the street’s', async () => {
    const res = (await ratesOf(dept, streetId, month())) as { ok: true; data: RatesView }
    expect(res.data.scope).toEqual({ unitId: streetId, departmentId: 'chengguan', name: '城管' })
    const own = (await ratesOf(dept, streetId, month(), 'chengguan')) as { ok: true; data: RatesView }
    expect(res.data.figures).toEqual(own.data.figures)
  })

  it('refuses a building head, a department on a community, an unknown department, a bad month', async () => {
    const building = g.unit(resident.householdId as string).parentId as string
    // a building head reads no rates at all (the 管理 list does not offer them 诉求统计)
    expect(await ratesOf(head, building, month())).toEqual(exactly('FORBIDDEN'))
    expect(await ratesOf(staff, communityId, month(), 'chengguan')).toMatchObject({ code: 'INVALID_PAYLOAD' })
    expect(await ratesOf(street, streetId, month(), 'xiaofang')).toEqual(exactly('REQUEST_DEPARTMENT_UNKNOWN'))
    expect(await ratesOf(street, streetId, '2026-13')).toMatchObject({ code: 'INVALID_PAYLOAD' })
    expect(await ratesOf(street, streetId, month(), 'Bad-Id')).toMatchObject({ code: 'INVALID_PAYLOAD' })
    expect(await g.act(street, 'rates', { unitId: streetId, month: month(), scan: true })).toMatchObject({
      code: 'INVALID_PAYLOAD',
    })
    expect(await ratesOf(street, 'no-such-unit', month())).toEqual(exactly('NOT_FOUND'))
  })

  it('costs the street what it costs a grid: one counter read by id', async () => {
    const cost = async (person: PersonDoc, unitId: string) => {
      g.cloud.queryStats({ reset: true })
      expect((await ratesOf(person, unitId, month())).ok).toBe(true)
      return g.cloud.queryStats().examined
    }
    expect(await cost(street, streetId)).toBe(await cost(street, gridId))
  })
})
