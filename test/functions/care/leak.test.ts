/**
 * The leak test: every action that returns people (grid.me, grid.home, grid.households with every filter,
 * grid.neighbours, care.list, care.mine, care.detail of every demo care person with a team, org.exportRoster) called
 * as every demo persona; wherever a care flag or a daily check shows up in an answer, the caller is on that person's
 * care team, a grid chief over their grid, or staff over them. Building heads, party leaders, neighbours, merchants,
 * departments and visitors see none.
 */
import { HOUSEHOLD_FILTERS } from '../../../core/contract'
import { careAccess } from '../../../core/care/visibility'
import type { Envelope } from '../../../core/envelope'
import type { CarePersonDoc, PersonDoc } from '../../../core/model'
import { CARE_FLAGS } from '../../../core/model'
import type { ScopedGrant } from '../../../core/permissions'
import type { Unit } from '../../../core/units'
import { startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

jest.setTimeout(300_000)

let g: FunctionsCloud
beforeAll(async () => {
  g = await startFunctionsCloud(['care', 'grid', 'org'], { timers: false })
})
afterAll(async () => {
  await g?.close()
})

const FLAGS = new Set<string>(CARE_FLAGS)

/** Every (personId, what) an answer shows: an object with an id and non-empty care flags, or daily checks. */
function shown(
  value: unknown,
  out: { id: string; what: string }[] = [],
  parentId = '',
): { id: string; what: string }[] {
  if (Array.isArray(value)) {
    for (const v of value) shown(v, out, parentId)
    return out
  }
  if (!value || typeof value !== 'object') return out
  const o = value as Record<string, unknown>
  const id = String(o.personId ?? o.id ?? o._id ?? parentId)
  for (const key of ['careFlags', 'flags']) {
    const f = o[key]
    if (Array.isArray(f) && f.some((x) => FLAGS.has(String(x)))) out.push({ id, what: key })
  }
  if (Array.isArray(o.checks) && o.checks.length) out.push({ id, what: 'checks' })
  for (const v of Object.values(o)) if (v && typeof v === 'object') shown(v, out, id)
  return out
}

it('no care flag or check reaches anyone outside the care team, the grid chief and staff', async () => {
  const dump = await g.dump()
  const cares = dump.carePersons as CarePersonDoc[]
  const units = new Map((dump.units as Unit[]).map((u) => [u._id, u]))
  const people = new Map((dump.people as PersonDoc[]).map((p) => [p._id, p]))
  const withTeam = cares.filter((c) => c.helperIds.length)
  expect(withTeam.length).toBeGreaterThan(0)
  const leaks: string[] = []
  let seenSomething = 0

  for (const persona of g.demo.personas) {
    const me = (dump.people as PersonDoc[]).find((p) => p.openid === persona.openid)
    const grants: ScopedGrant[] = (me?.roles ?? []).flatMap((r) => {
      const u = units.get(r.unitId)
      return u ? [{ ...r, path: u.path }] : []
    })
    const call = async (fn: string, action: string, payload: unknown) =>
      (await g.cloud.callFunction(fn, { action, payload }, { openid: persona.openid })).result as Envelope<unknown>
    const answers: [string, Envelope<unknown>][] = [
      ['grid.me', await call('grid', 'me', {})],
      ['grid.home', await call('grid', 'home', {})],
      ['grid.neighbours', await call('grid', 'neighbours', {})],
      ['care.mine', await call('care', 'mine', {})],
    ]
    for (const grant of grants) {
      const u = units.get(grant.unitId) as Unit
      if (u.level === 'grid' || u.level === 'microgrid')
        for (const filter of HOUSEHOLD_FILTERS)
          answers.push([
            `grid.households ${filter}`,
            await call('grid', 'households', { unitId: u._id, filter, pageSize: 100 }),
          ])
      if (u.level !== 'household')
        answers.push(['care.list', await call('care', 'list', { unitId: u._id, pageSize: 50 })])
      if (u.level === 'community')
        answers.push(['org.exportRoster', await call('org', 'exportRoster', { communityId: u._id })])
    }
    for (const c of withTeam) answers.push([`care.detail ${c._id}`, await call('care', 'detail', { personId: c._id })])

    for (const [action, res] of answers) {
      if (action === 'org.exportRoster') {
        // the roster carries every flag: only staff get it
        if (res.ok && !grants.some((g) => ['communityStaff', 'streetStaff'].includes(g.role)))
          leaks.push(`${persona.label} got ${action}`)
        continue
      }
      if (!res.ok) continue
      for (const { id, what } of shown(res.data)) {
        seenSomething++
        const care = cares.find((c) => c._id === id)
        const subject = people.get(id)
        const access = careAccess(
          { personId: me?._id, grants },
          { homePath: subject?.homePath, helperIds: care?.active ? care.helperIds : [] },
        )
        if (!access) leaks.push(`${persona.label} saw ${what} of ${id} in ${action}`)
      }
    }
  }
  expect(leaks).toEqual([])
  // the walk did see flags (for the grid chiefs, staff and helpers): it is not passing on empty answers
  expect(seenSomething).toBeGreaterThan(0)
})

it('网格管理 shows a building head and a party leader their households without care flags, and refuses them 关爱对象', async () => {
  const dump = await g.dump()
  const units = new Map((dump.units as Unit[]).map((u) => [u._id, u]))
  for (const role of ['buildingHead', 'partyLeader']) {
    const me = g.persona(role)
    const unitId = me.roles.find((r) => r.role === role)?.unitId as string
    const flagged = (dump.people as PersonDoc[]).filter(
      (p) => p.careFlags?.length && p.homePath?.startsWith(units.get(unitId)?.path ?? '?'),
    )
    expect(flagged.length).toBeGreaterThan(0)
    const call = async (filter: string) =>
      (
        await g.cloud.callFunction(
          'grid',
          { action: 'households', payload: { unitId, filter, pageSize: 100 } },
          { openid: me.openid as string },
        )
      ).result as Envelope<{ rows: { members: { id: string; careFlags: string[] }[] }[] }>
    const all = await call('all')
    if (!all.ok) throw new Error(all.message)
    const members = all.data.rows.flatMap((r) => r.members)
    expect(members.map((m) => m.id)).toEqual(expect.arrayContaining(flagged.map((p) => p._id)))
    expect(members.filter((m) => m.careFlags.length)).toEqual([])
    expect(await call('care')).toMatchObject({ ok: false, code: 'CARE_FILTER_FORBIDDEN' })
  }
  // the grid's chief still gets them
  const chief = g.demo.personas.filter((p) => p.role === 'gridChief')[1]
  const person = (dump.people as PersonDoc[]).find((p) => p.openid === chief.openid) as PersonDoc
  const res = (
    await g.cloud.callFunction(
      'grid',
      {
        action: 'households',
        payload: { unitId: person.roles.find((r) => r.role === 'gridChief')?.unitId, filter: 'care', pageSize: 100 },
      },
      { openid: chief.openid },
    )
  ).result as Envelope<{ rows: { members: { careFlags: string[] }[] }[] }>
  expect(res.ok && res.data.rows.every((r) => r.members.some((m) => m.careFlags.length))).toBe(true)
})
