/**
 * grid.households costs what its own grid holds: the documents a call examines (the local cloud's query
 * statistics) stay the same when other grids of the street gain thousands of households, residents and pending
 * claims (before: every pending claim of the district was examined, 329 → 2,849 from 1 to 930 grids).
 */
import type { ClaimDoc, PersonDoc } from '../../../core/model'
import { childPath, type Unit } from '../../../core/units'
import { startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

jest.setTimeout(120_000)

let c: FunctionsCloud
beforeAll(async () => {
  c = await startFunctionsCloud(['grid'])
}, 180_000)
afterAll(() => c?.close())

const FILTERS = ['all', 'unconfirmed', 'care'] as const

/** Documents the local cloud examined for one grid.households call as the grid's chief. */
async function examined(unitId: string, filter: (typeof FILTERS)[number]): Promise<number> {
  const chief = c.persona('gridChief')
  c.cloud.queryStats({ reset: true })
  const res = await c.call(chief.openid as string, { action: 'households', payload: { unitId, filter } })
  if (!res.ok) throw new Error(`households: ${res.code} ${res.message}`)
  return c.cloud.queryStats().examined
}

/** `grids` more grids under the demo's first community: 8 buildings of 30 households, 2 residents each, a pending
 * claim on every tenth household. */
async function addGrids(grids: number): Promise<number> {
  const community = c.demo.units.find((u) => u.level === 'community') as Unit
  const units: Unit[] = []
  const people: PersonDoc[] = []
  const claims: ClaimDoc[] = []
  for (let g = 0; g < grids; g++) {
    const grid: Unit = {
      _id: `xg${g}`,
      level: 'grid',
      name: `扩展${g}网格`,
      parentId: community._id,
      path: childPath(community.path, `xg${g}`),
    }
    units.push(grid)
    for (let b = 0; b < 8; b++) {
      const micro: Unit = {
        _id: `${grid._id}-b${b}`,
        level: 'microgrid',
        name: `${g * 8 + b + 100}栋`,
        parentId: grid._id,
        path: childPath(grid.path, `${grid._id}-b${b}`),
      }
      units.push(micro)
      for (let h = 0; h < 30; h++) {
        const id = `${micro._id}-${h}`
        const home: Unit = {
          _id: id,
          level: 'household',
          name: `${h + 101}室`,
          parentId: micro._id,
          path: childPath(micro.path, id),
        }
        units.push(home)
        for (let m = 0; m < 2; m++)
          people.push({
            _id: `px-${id}-${m}`,
            name: `居民${m}`,
            phone: '13800000000',
            openid: `o_x_${id}_${m}`,
            householdId: id,
            homePath: home.path,
            roles: [{ role: 'resident', unitId: id }],
            careFlags: m ? ['elderlyAlone'] : [],
            createdAt: new Date(0),
          })
        if (h % 10 === 0)
          claims.push({
            _id: `claim-${id}`,
            openid: `o_x_visitor_${id}`,
            householdId: id,
            householdPath: home.path,
            name: '访客',
            phone: '13800000001',
            status: 'pending',
            createdAt: new Date(0),
          })
      }
    }
  }
  await c.cloud.seed({ units, people, claims })
  return claims.length
}

it('examines no more documents for a grid when other grids hold thousands of households and pending claims', async () => {
  const grid = c.persona('gridChief').roles.find((r) => r.role === 'gridChief')?.unitId as string
  const measure = async () => {
    const out: Record<string, number> = {}
    for (const f of FILTERS) out[f] = await examined(grid, f) // one at a time: the statistics are global
    return out
  }
  const small = await measure()
  expect(await addGrids(20)).toBe(480)
  expect(await measure()).toEqual(small)
})
