/**
 * The district benchmark's testing round (错时采样, issue 12): `npm run bench -- --district` ends with it, and
 * `npm run bench -- --district --testing` runs it alone. At each size the first community's round is set up and run
 * through the `testing` function as its people would: community staff create it (a site per grid, the grid's chief
 * its worker), plan every building (20-minute slots of 10 households from 08:00) and fire the assignment job until
 * it finishes; the first grid's chief calls the slots of their site and marks households done one at a time (by
 * the code on the slot card) and in a burst at once. Every other community gets its round as the job leaves it
 * (every household booked, the same ids, counters = the recount of core/testing/coverage.ts), so coverage and the
 * other screens read a district that is testing everywhere. Each screen: p50/p99 and documents examined per call.
 */
import { performance } from 'node:perf_hooks'
import { testingBookingId, testingCounterId, testingSlotId } from '../core/ids'
import type { PersonDoc, TestingBookingDoc, TestingCounterDoc, TestingRoundDoc, TestingSlotDoc } from '../core/model'
import { beijingDay } from '../core/notices/beijing-time'
import { countedUnitIds, shardOf } from '../core/testing/coverage'
import { planSlots } from '../core/testing/plan'
import { bookingCode } from '../core/testing/token'
import { doorLabel, type Unit } from '../core/units'
import type { LocalCloud } from '../emulator'
import type { District } from '../emulator/seed/district'
import { call, holder, measure, percentile, type Envelope, type Outcome } from './district-kit'
import { runLoad } from './load'

const PLAN = { startTime: '08:00', minutes: 20, capacity: 10 }
/** marks at once at one site */
const BURST = 200
/** the assignment job fired at most this many times (a job that never finishes is a figure, not a hang) */
const MAX_FIRINGS = 2_000

const slotsFor = (households: number): number => Math.min(24, Math.max(1, Math.ceil(households / PLAN.capacity)))

interface Scope {
  community: Unit
  grids: Unit[]
  buildingsOf: Map<string, Unit[]>
  householdsOf: Map<string, Unit[]>
}

function scopeOf(units: readonly Unit[]): (communityId: string) => Scope {
  const byParent = new Map<string, Unit[]>()
  for (const u of units) {
    if (u.retired || !u.parentId) continue
    const list = byParent.get(u.parentId) ?? []
    list.push(u)
    byParent.set(u.parentId, list)
  }
  const kids = (id: string, level: Unit['level']) =>
    (byParent.get(id) ?? []).filter((u) => u.level === level).sort((a, b) => (a._id < b._id ? -1 : 1))
  const byId = new Map(units.map((u) => [u._id, u]))
  return (communityId) => {
    const grids = kids(communityId, 'grid')
    const buildingsOf = new Map(grids.map((g) => [g._id, kids(g._id, 'microgrid')]))
    const householdsOf = new Map(
      [...buildingsOf.values()].flat().map((b) => [b._id, kids(b._id, 'household')] as const),
    )
    return { community: byId.get(communityId) as Unit, grids, buildingsOf, householdsOf }
  }
}

/** A community's round as the assignment job leaves it: every building planned, every household booked. */
function bookedRound(
  scope: Scope,
  chiefs: Map<string, PersonDoc>,
  date: string,
): { round: TestingRoundDoc; slots: TestingSlotDoc[]; bookings: TestingBookingDoc[]; counters: TestingCounterDoc[] } {
  const { community } = scope
  const workers = scope.grids.map((g) => chiefs.get(g._id) as PersonDoc)
  const round: TestingRoundDoc = {
    _id: `tr_bench_${community._id}`,
    name: '全员采样（基准）',
    date,
    emergencyId: null,
    scopeUnitId: community._id,
    scopePath: community.path,
    communityId: community._id,
    sites: scope.grids.map((g, i) => ({
      name: `${g.name}采样点`,
      place: `${g.name}广场`,
      workerIds: [workers[i]._id],
      workerNames: [workers[i].name],
    })),
    workerIds: [...new Set(workers.map((w) => w._id))],
    planned: [],
    secret: `bench-secret-${community._id}`,
    assign: { index: 0, after: '', finished: true },
    createdBy: workers[0]._id,
    createdByName: workers[0].name,
    createdAt: new Date(),
  }
  const slots: TestingSlotDoc[] = []
  const bookings: TestingBookingDoc[] = []
  const counters = new Map<string, TestingCounterDoc>()
  scope.grids.forEach((grid, siteIndex) => {
    for (const b of scope.buildingsOf.get(grid._id) ?? []) {
      const homes = scope.householdsOf.get(b._id) ?? []
      const planned = planSlots({ date, ...PLAN, count: slotsFor(homes.length) }) ?? []
      round.planned.push({ buildingId: b._id, siteIndex, slots: planned.length })
      const mine: TestingSlotDoc[] = planned.map((p) => ({
        _id: testingSlotId(round._id, b._id, p.index),
        roundId: round._id,
        buildingId: b._id,
        buildingName: b.name,
        siteIndex,
        index: p.index,
        startAt: p.startAt,
        endAt: p.endAt,
        capacity: PLAN.capacity,
        booked: 0,
        done: 0,
        calledAt: null,
        calledBy: null,
        doneSeconds: [],
      }))
      homes.forEach((h, i) => {
        const slot = mine[Math.floor(i / PLAN.capacity)]
        if (!slot) return
        slot.booked += 1
        bookings.push({
          _id: testingBookingId(round._id, h._id),
          roundId: round._id,
          householdId: h._id,
          door: doorLabel(h) || h.name,
          buildingId: b._id,
          path: h.path,
          slotId: slot._id,
          siteIndex,
          startAt: slot.startAt,
          bookedAt: round.createdAt,
          bookedBy: 'assign',
          moves: 0,
          doneAt: null,
          doneBy: null,
        })
        const shard = shardOf(h._id)
        for (const unitId of countedUnitIds(round.scopePath, h.path)) {
          const id = testingCounterId(round._id, unitId, shard)
          const held = counters.get(id) ?? { _id: id, roundId: round._id, unitId, shard, booked: 0, done: 0 }
          counters.set(id, { ...held, booked: held.booked + 1 })
        }
      })
      slots.push(...mine)
    }
  })
  return { round, slots, bookings, counters: [...counters.values()] }
}

const sumOf = (docs: readonly { booked: number; done: number }[]) =>
  docs.reduce((s, d) => ({ booked: s.booked + d.booked, done: s.done + d.done }), { booked: 0, done: 0 })

/** The testing rows of one size, added to `rows` (the district table's), with their notes. */
export async function benchTestingRound(
  cloud: LocalCloud,
  built: District,
  rows: Map<string, Outcome>,
  calls: number,
): Promise<void> {
  const { units, people } = built
  const scopes = scopeOf(units)
  const date = beijingDay(new Date())
  const communities = units.filter((u) => u.level === 'community').sort((a, b) => (a._id < b._id ? -1 : 1))
  const chiefs = new Map(
    units.filter((u) => u.level === 'grid').map((g) => [g._id, holder(people, 'gridChief', g._id)] as const),
  )
  const streetStaff = holder(people, 'streetStaff', units[0]._id)
  const first = scopes(communities[0]._id)
  const staff = holder(people, 'communityStaff', first.community._id)
  const g1 = first.grids[0]
  const b1 = (first.buildingsOf.get(g1._id) ?? [])[0]
  const worker = chiefs.get(g1._id) as PersonDoc
  const as = (p: PersonDoc, action: string, payload: unknown) => () =>
    call(cloud, 'testing', p.openid as string, { action, payload })

  // every other community's round, booked as the job leaves it
  const t0 = performance.now()
  let seeded = 0
  const batch: Record<string, object[]> = {
    testingRounds: [],
    testingSlots: [],
    testingBookings: [],
    testingCounters: [],
  }
  const flush = async () => {
    await cloud.seed(batch)
    for (const k of Object.keys(batch)) batch[k] = []
  }
  for (const c of communities.slice(1)) {
    const r = bookedRound(scopes(c._id), chiefs, date)
    batch.testingRounds.push(r.round)
    batch.testingSlots.push(...r.slots)
    batch.testingBookings.push(...r.bookings)
    batch.testingCounters.push(...r.counters)
    seeded += r.bookings.length
    if (batch.testingBookings.length > 20_000) await flush()
  }
  await flush()
  const seedSeconds = (performance.now() - t0) / 1000

  // the first community's round through the function
  const created = await call(cloud, 'testing', staff.openid as string, {
    action: 'createRound',
    payload: {
      tapId: `bench-${Date.now()}`,
      scopeUnitId: first.community._id,
      name: '全员采样',
      date,
      sites: first.grids.map((g) => ({
        name: `${g.name}采样点`,
        place: `${g.name}广场`,
        workerIds: [(chiefs.get(g._id) as PersonDoc)._id],
      })),
    },
  })
  if (!created.ok) {
    rows.set('testing.createRound', { missing: `refused: ${created.code}` })
    return
  }
  const roundId = created.data?.id as string
  const buildings = first.grids.flatMap((g, siteIndex) =>
    (first.buildingsOf.get(g._id) ?? []).map((b) => ({ b, siteIndex })),
  )
  const plan = (i: number) => {
    const { b, siteIndex } = buildings[i + 1]
    const homes = first.householdsOf.get(b._id)?.length ?? 0
    return as(staff, 'planSlots', {
      roundId,
      buildingId: b._id,
      siteIndex,
      ...PLAN,
      count: slotsFor(homes),
    })()
  }
  rows.set('testing.planSlots (one building)', await measure(cloud, buildings.length - 1, plan))

  // the assignment job, fired until it finishes
  cloud.queryStats({ reset: true })
  const firings: number[] = []
  let booked = 0
  let unplaced = 0
  let finished = false
  let refused: string | undefined
  const started = performance.now()
  while (!finished && firings.length < MAX_FIRINGS) {
    const t = performance.now()
    const res = await as(staff, 'assign', { roundId })()
    firings.push(performance.now() - t)
    if (!res.ok) {
      refused = res.code
      break
    }
    booked += Number(res.data?.booked ?? 0)
    unplaced += Number(res.data?.unplaced ?? 0)
    finished = res.data?.finished === true
  }
  const jobSeconds = (performance.now() - started) / 1000
  const jobExamined = cloud.queryStats().examined
  const households = [...first.householdsOf.values()].reduce((n, h) => n + h.length, 0)
  const slotDocs = cloud.engine.find('testingSlots', { roundId }, { limit: 10_000 }) as unknown as TestingSlotDoc[]
  const over = slotDocs.filter((s) => s.booked > s.capacity).length
  const bookedDocs = cloud.engine.find('testingBookings', { roundId }, { limit: 1_000_000 }).length
  const counted = () =>
    sumOf(
      cloud.engine.find('testingCounters', { roundId, unitId: first.community._id }, { limit: 100 }) as unknown as {
        booked: number
        done: number
      }[],
    )
  firings.sort((a, b) => a - b)
  rows.set(
    'testing.assign (one firing of the job)',
    refused
      ? { missing: `refused: ${refused}` }
      : {
          p50: percentile(firings, 50),
          p99: percentile(firings, 99),
          examined: jobExamined / firings.length,
          note:
            `${firings.length} firings${finished ? '' : ' (NOT finished)'} for ${households} households of ` +
            `${buildings.length} buildings in ${jobSeconds.toFixed(1)} s: ${(booked / jobSeconds).toFixed(0)} households/s, ` +
            `${(jobExamined / Math.max(1, booked)).toFixed(1)} examined per household; ${booked} booked, ${unplaced} unplaced, ` +
            `${bookedDocs} bookings, community counter ${counted().booked}, ${over} of ${slotDocs.length} slots over capacity` +
            `; the other ${communities.length - 1} communities' rounds seeded booked (${seeded} bookings, ${seedSeconds.toFixed(1)} s)`,
        },
  )

  // the site of the first grid: its slots called, households marked done by their codes
  const secret = (cloud.engine.find('testingRounds', { _id: roundId }, { limit: 1 })[0] as unknown as TestingRoundDoc)
    .secret
  const mine = (
    cloud.engine.find('testingBookings', { roundId, siteIndex: 0 }, { limit: 10_000 }) as unknown as TestingBookingDoc[]
  ).sort((a, b) => +new Date(a.startAt) - +new Date(b.startAt) || (a._id < b._id ? -1 : 1))
  const siteSlots = slotDocs
    .filter((s) => s.siteIndex === 0)
    .sort((a, b) => +new Date(a.startAt) - +new Date(b.startAt))
  rows.set(
    'testing.call (叫号, one slot)',
    await measure(cloud, siteSlots.length - 1, (i) => as(worker, 'call', { slotId: siteSlots[i + 1]._id })()),
  )
  const mark = (b: TestingBookingDoc) => as(worker, 'markDone', { roundId, code: bookingCode(secret, b._id) })()
  const single = Math.min(calls, Math.max(1, mine.length - 2))
  rows.set('testing.markDone (one by code)', await measure(cloud, single, (i) => mark(mine[i + 1])))
  const crowd = mine.slice(single + 1, single + 1 + Math.min(BURST, Math.max(0, mine.length - single - 21)))
  if (crowd.length) {
    const doneBefore = counted().done
    cloud.queryStats({ reset: true })
    let failed = 0
    const codes: Record<string, number> = {}
    const burst = await runLoad(crowd.length, crowd.length, async (i) => {
      const res = await mark(crowd[i]).catch(() => ({ ok: false, code: 'threw' }) as Envelope)
      if (!res.ok) {
        failed++
        codes[res.code ?? '?'] = (codes[res.code ?? '?'] ?? 0) + 1
      }
    })
    const examined = cloud.queryStats().examined / crowd.length
    const doneAfter = counted().done
    const slotDone = sumOf(
      cloud.engine.find('testingSlots', { roundId, siteIndex: 0 }, { limit: 10_000 }) as unknown as TestingSlotDoc[],
    ).done
    const marked = cloud.engine.find(
      'testingBookings',
      { roundId, siteIndex: 0, doneAt: { $ne: null } },
      { limit: 10_000 },
    ).length
    rows.set('testing.markDone burst at one site', {
      p50: burst.p50,
      p99: burst.p99,
      examined,
      note:
        `${crowd.length} at once, ${burst.perSecond.toFixed(0)}/s, ${failed} failed${failed ? ` ${JSON.stringify(codes)}` : ''}; ` +
        `community counter done ${doneBefore} → ${doneAfter} (+${doneAfter - doneBefore}), the site's slots done ${slotDone}, ` +
        `${marked} bookings marked done`,
    })
  }

  // the screens over a district that is testing everywhere
  const resident = people.find(
    (p) => p.openid && p.roles.length === 1 && p.householdId && p.homePath?.startsWith(b1.path),
  )
  const row = async (label: string, op: () => Promise<Envelope>) => rows.set(label, await measure(cloud, calls, op))
  await row('testing.rounds (community staff)', as(staff, 'rounds', { unitId: first.community._id }))
  await row('testing.rounds (grid chief)', as(worker, 'rounds', { unitId: g1._id }))
  await row('testing.round (community staff)', as(staff, 'round', { roundId }))
  await row('testing.coverage community (community staff)', as(staff, 'coverage', { roundId }))
  await row(
    'testing.coverage community (street staff)',
    as(streetStaff, 'coverage', { roundId, unitId: first.community._id }),
  )
  await row('testing.coverage grid (grid chief)', as(worker, 'coverage', { roundId, unitId: g1._id }))
  await row('testing.coverage building (grid chief)', as(worker, 'coverage', { roundId, unitId: b1._id }))
  await row('testing.notDone first page (grid chief)', as(worker, 'notDone', { roundId, buildingId: b1._id }))
  await row('testing.mySites (site worker)', as(worker, 'mySites', {}))
  await row('testing.site (site worker)', as(worker, 'site', { roundId, siteIndex: 0 }))
  if (resident) await row('testing.mySlot (resident)', as(resident, 'mySlot', {}))
  // a street has no round of its own (rounds are per community or grid): its staff read each community's
  await row('testing.rounds street (street staff)', as(streetStaff, 'rounds', { unitId: units[0]._id }))
}
