/**
 * The demo's home-isolated households (居家隔离户, issue 12 item 7), in the first grid of 和平里社区: the resident
 * persona's own household (since yesterday, 14 days) and another household of the grid (since three days ago, 7 days),
 * each with 物资配送 at 10:00 and 垃圾清运 at 09:00 and 17:00, made as isolation.mark makes them (core/ids.ts ids,
 * core/isolation/schedule.ts). Yesterday's and today's tasks are in every state — 已完成 (by the party leader persona
 * and a volunteer of the community, one delivery marked received), 已领取 (by the building head persona), 待领取, and
 * yesterday's evening pickup never done (超时) — and each grid day's isolationDays counter equals its recount.
 * Seeded 完成 carry no volunteer minutes (minutes 0): the demo's leaderboards stay as the points demo made them.
 */
import { isolationDayId, isolationHomeId, isolationId, isolationTaskId } from '../../core/ids'
import { addDays, beijingDayOf, periodOf, planTasks } from '../../core/isolation/schedule'
import { recountDay } from '../../core/isolation/tasks'
import type { IsolationDayDoc, IsolationDoc, IsolationHomeDoc, IsolationTaskDoc, PersonDoc } from '../../core/model'
import type { Persona } from '../../core/persona'
import { ancestorAt, ancestorPath, doorLabel, isWithin, type Unit } from '../../core/units'
import { seedDay } from './points-wallet'

const MINUTE = 60_000

export function seedIsolation({
  units,
  people,
  personas,
}: {
  units: readonly Unit[]
  people: readonly PersonDoc[]
  personas: readonly Persona[]
}): Record<string, object[]> {
  const byOpenid = (openid: string) => people.find((p) => p.openid === openid) as PersonDoc
  const resident = byOpenid(personas[0].openid)
  const head = byOpenid((personas.find((p) => p.role === 'buildingHead') as Persona).openid)
  const party = byOpenid((personas.find((p) => p.role === 'partyLeader') as Persona).openid)
  const grid = units.find((u) => u.level === 'grid' && isWithin(resident.homePath ?? '', u.path)) as Unit
  const chief = people.find((p) => p.roles.some((r) => r.role === 'gridChief' && r.unitId === grid._id)) as PersonDoc
  const community = ancestorPath(grid.path, 'community') as string
  const volunteer = people.find(
    (p) => p.volunteer && p.roles.length === 1 && isWithin(p.homePath ?? '', community) && p.openid,
  ) as PersonDoc
  const homeOf = (p: PersonDoc) => units.find((u) => u._id === p.householdId) as Unit
  const residentHome = homeOf(resident)
  const lived = new Set(people.filter((p) => p.householdId).map((p) => p.householdId))
  const other = units.find(
    (u) =>
      u.level === 'household' &&
      u.parentId !== residentHome.parentId &&
      isWithin(u.path, grid.path) &&
      lived.has(u._id),
  ) as Unit

  const midnight = seedDay()
  const today = beijingDayOf(midnight)
  const yesterday = addDays(today, -1)
  // the seed's clock, to the ten minutes: two builds a moment apart are the same (test/emulator/seed.test.ts)
  const now = new Date(Math.floor(Date.now() / (10 * MINUTE)) * 10 * MINUTE)
  const isolations: IsolationDoc[] = []
  const tasks: IsolationTaskDoc[] = []
  const homes: IsolationHomeDoc[] = []

  const mark = (home: Unit, startDay: string, days: number, reason: string, note: string) => {
    const id = isolationId(home._id, startDay)
    const { startAt, endAt } = periodOf(startDay, days)
    const createdAt = new Date(+startAt - 2 * 60 * MINUTE)
    const doc: IsolationDoc = {
      _id: id,
      householdId: home._id,
      householdPath: home.path,
      householdName: doorLabel(home) || home.name,
      gridId: grid._id,
      gridPath: grid.path,
      communityId: ancestorAt(grid.path, 'community') as string,
      startDay,
      days,
      startAt,
      endAt,
      plannedEndAt: endAt,
      reason,
      supplies: { times: ['10:00'], note },
      garbage: { times: ['09:00', '17:00'] },
      status: 'active',
      tasks: 0,
      endedAt: null,
      endedBy: null,
      endedByName: null,
      createdBy: chief._id,
      createdByName: chief.name,
      createdAt,
    }
    const planned = planTasks(doc, createdAt)
    doc.tasks = planned.length
    isolations.push(doc)
    homes.push({ _id: isolationHomeId(home._id), currentId: id, endAt, updatedAt: createdAt })
    for (const p of planned)
      tasks.push({
        _id: isolationTaskId(id, p.kind, p.day, p.slot),
        isolationId: id,
        householdId: home._id,
        householdPath: home.path,
        householdName: doc.householdName,
        gridId: grid._id,
        gridPath: grid.path,
        communityId: doc.communityId,
        kind: p.kind,
        day: p.day,
        slot: p.slot,
        dueAt: p.dueAt,
        note: p.note,
        state: 'open',
        holderId: null,
        holderName: null,
        claimedAt: null,
        doneAt: null,
        doneNote: null,
        photos: [],
        minutes: 0,
        receivedAt: null,
        createdAt,
        updatedAt: createdAt,
      })
    return id
  }
  const mine = mark(homeOf(resident), yesterday, 14, '密切接触者，居家观察', '米、青菜、鸡蛋、牛奶')
  const theirs = mark(other, addDays(today, -3), 7, '入境人员，居家健康监测', '日用品和蔬菜')

  /** Sets a task's state as the transactions would have left it (claimed a little before its time, done after). */
  const set = (
    iso: string,
    kind: 'supplies' | 'garbage',
    day: string,
    slot: string,
    by: PersonDoc | null,
    done: string | null,
    received = false,
  ) => {
    const t = tasks.find((x) => x._id === isolationTaskId(iso, kind, day, slot)) as IsolationTaskDoc
    if (!by) return
    const before = (at: Date) => new Date(Math.min(+at, +now - MINUTE))
    const claimedAt = before(new Date(+t.dueAt - 30 * MINUTE))
    Object.assign(t, { state: 'claimed', holderId: by._id, holderName: by.name, claimedAt, updatedAt: claimedAt })
    if (done === null) return
    const doneAt = new Date(Math.max(+claimedAt, +before(new Date(+t.dueAt + 15 * MINUTE))))
    Object.assign(t, { state: 'done', doneAt, doneNote: done || null, updatedAt: doneAt })
    if (received) t.receivedAt = new Date(Math.max(+doneAt, +before(new Date(+doneAt + 10 * MINUTE))))
  }
  // the persona's household: yesterday done but the evening pickup (超时); today one done, one taken, one waiting
  set(mine, 'garbage', yesterday, '09:00', party, '已清运，门口已消杀')
  set(mine, 'supplies', yesterday, '10:00', volunteer, '已放门口并敲门告知', true)
  set(mine, 'supplies', today, '10:00', volunteer, '按清单买齐，放在门口')
  set(mine, 'garbage', today, '09:00', head, null)
  // the other household: every day before today done, today the delivery taken
  for (const day of [addDays(today, -3), addDays(today, -2)]) {
    set(theirs, 'garbage', day, '09:00', party, '')
    set(theirs, 'supplies', day, '10:00', volunteer, '已送达', true)
    set(theirs, 'garbage', day, '17:00', party, '')
  }
  for (const slot of ['09:00', '17:00']) set(theirs, 'garbage', yesterday, slot, party, '')
  set(theirs, 'supplies', yesterday, '10:00', volunteer, '已送达', true)
  set(theirs, 'supplies', today, '10:00', head, null)

  const days: IsolationDayDoc[] = [...new Set(tasks.map((t) => t.day))].map((day) => ({
    _id: isolationDayId(grid._id, day),
    gridId: grid._id,
    gridPath: grid.path,
    day,
    ...recountDay(tasks.filter((t) => t.day === day)),
    updatedAt: now,
  }))
  return { isolations, isolationHomes: homes, isolationTasks: tasks, isolationDays: days }
}
