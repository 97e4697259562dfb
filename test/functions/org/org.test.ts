/**
 * The `org` function's tree actions as the demo community's people, through the real wx-server-sdk in the local
 * cloud: who may look at, create, rename, move and retire units, and what a move does to households and people.
 */
import cloudSdk from 'wx-server-sdk'
import type { MeResult, OrgTreeResult } from '../../../core/contract'
import { ERROR_MESSAGES, type ErrorCode } from '../../../core/envelope'
import type { PersonDoc } from '../../../core/model'
import { ancestorAt, isWithin, type Unit } from '../../../core/units'
import { data } from '../harness/functions-cloud'
import { startOrgCloud, type OrgCloud } from '../harness/org-cloud'

jest.setTimeout(120_000)

let g: OrgCloud
beforeAll(async () => {
  g = await startOrgCloud()
})
afterAll(async () => {
  await g?.close()
})

const oid = (p: PersonDoc) => p.openid as string
const staff = () => g.holder('communityStaff', 'c1')
const refused = (code: ErrorCode) =>
  expect.objectContaining({ ok: false, code, message: expect.stringContaining(ERROR_MESSAGES[code]) })
const units = async () => (await g.dump()).units as (Unit & { moving?: unknown })[]
const people = async () => (await g.dump()).people as PersonDoc[]

const level = async (unitId: string, as: PersonDoc = staff()) =>
  data(await g.org<OrgTreeResult>(oid(as), 'tree', { unitId }))

describe('org.tree', () => {
  it('gives community staff their community and its grids, each with households, residents and buildings counted', async () => {
    const { unit, children, nextCursor } = await level('c1')
    expect(unit).toMatchObject({ id: 'c1', level: 'community', retired: false })
    expect(unit.path).toEqual([{ id: 's1', name: expect.any(String), level: 'street' }])
    expect(children.map((c) => c.name)).toEqual(['第1网格', '第2网格', '第3网格', '第4网格'])
    expect(nextCursor).toBeUndefined()
    const households = g.demo.units.filter((u) => u.level === 'household' && isWithin(u.path, '/s1/c1/'))
    expect(unit.households).toBe(households.length)
    expect(unit.residents).toBe(g.demo.people.filter((p) => p.homePath?.startsWith('/s1/c1/')).length)
    for (const grid of children) {
      expect(grid.children).toBe(3)
      const homes = households.filter((h) => isWithin(h.path, `/s1/c1/${grid.id}/`))
      expect(grid.households).toBe(homes.length)
    }
  })

  it('opens a grid: its buildings, each with its residents, and the way back up', async () => {
    const { unit, children } = await level('g1')
    expect(unit.path.map((u) => u.level)).toEqual(['street', 'community'])
    expect(children.map((b) => b.level)).toEqual(['microgrid', 'microgrid', 'microgrid'])
    for (const b of children) {
      expect(b.children).toBe(0) // households are counted, never listed
      expect(b.residents).toBe(g.demo.people.filter((p) => p.homePath?.includes(`/${b.id}/`)).length)
    }
    // a building opened: itself, nothing listed under it
    const building = await level(children[0].id)
    expect(building.children).toEqual([])
    expect(building.unit).toMatchObject({ level: 'microgrid', households: children[0].households })
  })

  it('gives street staff their street and its communities', async () => {
    const { unit, children } = await level('s1', g.holder('streetStaff'))
    expect(unit).toMatchObject({ level: 'street', path: [] })
    expect(children.map((c) => c.level)).toEqual(children.map(() => 'community'))
    expect(children.find((c) => c.id === 'c1')).toMatchObject({ children: 4 })
  })

  it('lets a grid chief see their own grid, and refuses them the community', async () => {
    const chief = g.persona('gridChief')
    const gridId = chief.roles.find((r) => r.role === 'gridChief')?.unitId as string
    expect((await level(gridId, chief)).children).toHaveLength(3)
    expect(await g.org(oid(chief), 'tree', { unitId: 'c1' })).toEqual(refused('FORBIDDEN'))
  })

  it.each([
    ['a resident', 'resident', 'c1', 'FORBIDDEN'],
    ['a merchant', 'merchant', 'c1', 'FORBIDDEN'],
    ['community staff, for the other community', 'communityStaff', 'c2', 'FORBIDDEN'],
    ['community staff, for a grid of the other community', 'communityStaff', 'g5', 'FORBIDDEN'],
    ['community staff, for their street', 'communityStaff', 's1', 'FORBIDDEN'],
  ] as const)('refuses %s', async (_n, role, unitId, code) => {
    expect(await g.org(oid(g.persona(role)), 'tree', { unitId })).toEqual(refused(code))
  })

  it('says a unit that does not exist is not found', async () => {
    expect(await g.org(oid(staff()), 'tree', { unitId: 'no-such-unit' })).toEqual(refused('NOT_FOUND'))
  })

  it('refuses a cursor of another list in plain Chinese, and a cursor that is not one', async () => {
    const res = await g.org(oid(staff()), 'tree', { unitId: 'c1', cursor: 'g1/x/y' })
    expect(res).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD', message: expect.stringContaining('翻页位置不对') })
    expect(await g.org(oid(staff()), 'tree', { unitId: 'c1', cursor: '' })).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
    })
  })

  it('refuses a WeChat user who has not joined', async () => {
    expect(await g.org('o_stranger', 'tree', { unitId: 'c1' })).toEqual(refused('NOT_REGISTERED'))
  })
})

describe('org.createUnit, renameUnit, retireUnit', () => {
  let gridId = ''
  let microId = ''

  it('lets community staff create a grid and a wartime micro-grid in it', async () => {
    const grid = data(
      await g.org<{ id: string; path: string }>(oid(staff()), 'createUnit', {
        parentId: 'c1',
        name: '第5网格',
        level: 'grid',
      }),
    )
    gridId = grid.id
    expect(grid).toMatchObject({ name: '第5网格', level: 'grid', path: `/s1/c1/${grid.id}/` })
    const micro = data(
      await g.org<{ id: string; path: string }>(oid(staff()), 'createUnit', {
        parentId: gridId,
        name: '临时隔离点',
        level: 'microgrid',
        wartime: true,
      }),
    )
    microId = micro.id
    expect(micro.path).toBe(`/s1/c1/${gridId}/${micro.id}/`)
    expect((await level(gridId)).children).toEqual([
      expect.objectContaining({ id: microId, name: '临时隔离点', wartime: true, retired: false, households: 0 }),
    ])
  })

  it.each<[string, object, ErrorCode, RegExp]>([
    ['a grid under a grid', { parentId: 'g1', name: 'X', level: 'grid' }, 'INVALID_PAYLOAD', /网格只能建在社区下/],
    [
      'a building under a community',
      { parentId: 'c1', name: 'X', level: 'microgrid' },
      'INVALID_PAYLOAD',
      /^[^微]*楼栋只能建在网格下/,
    ],
    [
      'a grid named like another',
      { parentId: 'c1', name: '第2网格', level: 'grid' },
      'NAME_TAKEN',
      /名称已被使用.*已有名为“第2网格”的网格/,
    ],
    [
      'a building named like one in another grid',
      { parentId: 'g1', name: '5栋', level: 'microgrid' },
      'NAME_TAKEN',
      /名称已被使用.*已有名为“5栋”的楼栋/,
    ],
    ['a household', { parentId: 'c1-b1', name: '1单元101', level: 'household' }, 'INVALID_PAYLOAD', /level/],
  ])('refuses %s', async (_n, payload, code, detail) => {
    const res = await g.org(oid(staff()), 'createUnit', payload)
    expect(res).toEqual(refused(code))
    expect(!res.ok && res.message).toMatch(detail)
  })

  it.each(['gridChief', 'buildingHead', 'partyLeader', 'resident', 'merchant'])(
    'refuses the %s (only community and street staff keep the tree)',
    async (role) => {
      const person = g.persona(role)
      const own = person.roles.find((r) => r.role === role)?.unitId as string
      expect(await g.org(oid(person), 'createUnit', { parentId: own, name: 'X', level: 'microgrid' })).toEqual(
        refused('FORBIDDEN'),
      )
      expect(await g.org(oid(person), 'renameUnit', { unitId: own, name: 'X' })).toEqual(refused('FORBIDDEN'))
      expect(await g.org(oid(person), 'retireUnit', { unitId: own })).toEqual(refused('FORBIDDEN'))
    },
  )

  it('refuses community staff anything in the other community', async () => {
    expect(await g.org(oid(staff()), 'createUnit', { parentId: 'c2', name: 'X', level: 'grid' })).toEqual(
      refused('FORBIDDEN'),
    )
    expect(await g.org(oid(staff()), 'renameUnit', { unitId: 'g5', name: 'X' })).toEqual(refused('FORBIDDEN'))
  })

  it('renames a unit, keeping its id and path', async () => {
    expect(data(await g.org(oid(staff()), 'renameUnit', { unitId: gridId, name: '第五网格' }))).toEqual({
      id: gridId,
      name: '第五网格',
      level: 'grid',
    })
    const u = (await units()).find((x) => x._id === gridId)
    expect(u).toMatchObject({ name: '第五网格', path: `/s1/c1/${gridId}/` })
    const clash = await g.org(oid(staff()), 'renameUnit', { unitId: gridId, name: '第1网格' })
    expect(clash).toEqual(refused('NAME_TAKEN'))
    expect(!clash.ok && clash.message).toMatch(/已有名为“第1网格”的网格/)
  })

  it('refuses to retire a grid with buildings and residents, and says what is still there', async () => {
    const res = await g.org(oid(staff()), 'retireUnit', { unitId: 'g1' })
    expect(res).toEqual(refused('UNIT_NOT_EMPTY'))
    expect(!res.ok && res.message).toMatch(/3 个网格或楼栋.*位居民/)
    expect(await g.org(oid(staff()), 'retireUnit', { unitId: gridId })).toEqual(refused('UNIT_NOT_EMPTY'))
    expect((await units()).find((u) => u._id === 'g1')?.retired).toBeUndefined()
  })

  it('retires an empty micro-grid, then its grid; the tree keeps them, marked', async () => {
    expect(data(await g.org(oid(staff()), 'retireUnit', { unitId: microId }))).toMatchObject({ id: microId })
    expect(data(await g.org(oid(staff()), 'retireUnit', { unitId: gridId }))).toMatchObject({ id: gridId })
    const retired = (await level('c1')).children.find((c) => c.id === gridId)
    expect(retired).toMatchObject({ retired: true, children: 1 })
    expect((await level(gridId)).children).toEqual([expect.objectContaining({ id: microId, retired: true })])
  })
})

describe('org.moveUnit', () => {
  it('moves a resident’s building to another grid: same ids, new paths, and 我的网格 shows the new grid', async () => {
    const resident = g.persona('resident')
    const home = g.demo.units.find((u) => u._id === resident.householdId) as Unit
    const buildingId = home.parentId as string
    const fromGrid = ancestorAt(home.path, 'grid') as string
    const toGrid = fromGrid === 'g1' ? 'g2' : 'g1'
    const before = await g.dump()
    const oldPath = `/s1/c1/${fromGrid}/${buildingId}/`
    const newPath = `/s1/c1/${toGrid}/${buildingId}/`
    const underBefore = (before.units as Unit[]).filter((u) => isWithin(u.path, oldPath))
    const livingBefore = (before.people as PersonDoc[]).filter((p) => p.homePath && isWithin(p.homePath, oldPath))

    const res = data(await g.org(oid(staff()), 'moveUnit', { unitId: buildingId, newParentId: toGrid }))
    expect(res).toEqual({ moved: underBefore.length, people: livingBefore.length })

    const after = await g.dump()
    const unitsAfter = new Map((after.units as Unit[]).map((u) => [u._id, u]))
    expect(after.units.length).toBe(before.units.length)
    expect(unitsAfter.get(buildingId)).toMatchObject({ parentId: toGrid, path: newPath, name: underBefore[0].name })
    expect(unitsAfter.get(buildingId)).not.toHaveProperty('moving')
    for (const u of underBefore) expect(unitsAfter.get(u._id)?.path).toBe(newPath + u.path.slice(oldPath.length))
    const peopleAfter = new Map((after.people as PersonDoc[]).map((p) => [p._id, p]))
    for (const p of livingBefore) {
      expect(peopleAfter.get(p._id)).toEqual({ ...p, homePath: newPath + (p.homePath as string).slice(oldPath.length) })
    }

    const me = data(await g.call<MeResult>(oid(resident), { action: 'me', payload: {} }))
    expect(me.grid?.id).toBe(toGrid)
    expect(me.household?.id).toBe(home._id)
    expect(me.grid?.microgrid?.id).toBe(buildingId)
    expect((await level(toGrid)).children.map((c) => c.id)).toContain(buildingId)
    expect((await level(fromGrid)).children.map((c) => c.id)).not.toContain(buildingId)
    const grids = (await level('c1')).children
    expect(grids.find((c) => c.id === toGrid)?.children).toBe(4)
    expect(grids.find((c) => c.id === fromGrid)?.children).toBe(2)
  })

  it('moves a grid to another community for street staff, with every household and person under it', async () => {
    const street = g.holder('streetStaff')
    // a grid named like one of the target community's is refused until renamed
    const clash = await g.org(oid(street), 'moveUnit', { unitId: 'g4', newParentId: 'c2' })
    expect(clash).toEqual(refused('INVALID_MOVE'))
    expect(!clash.ok && clash.message).toMatch(/请先改名/)
    data(await g.org(oid(street), 'renameUnit', { unitId: 'g4', name: '和平第4网格' }))
    const living = (await people()).filter((p) => p.homePath?.startsWith('/s1/c1/g4/'))
    const res = data(
      await g.org<{ moved: number; people: number }>(oid(street), 'moveUnit', { unitId: 'g4', newParentId: 'c2' }),
    )
    expect(res.people).toBe(living.length)
    const after = await people()
    for (const p of living) expect(after.find((x) => x._id === p._id)?.homePath).toMatch(/^\/s1\/c2\/g4\//)
    expect((await units()).filter((u) => u.path.startsWith('/s1/c1/g4/'))).toEqual([])
  })

  it.each<[string, string, string, ErrorCode]>([
    ['a household', 'c1-b1-1-101', 'g2', 'INVALID_MOVE'],
    ['a community', 'c1', 's1', 'INVALID_MOVE'],
    ['a building under a community', 'c1-b1', 'c1', 'INVALID_MOVE'],
    ['a grid under a grid', 'g2', 'g3', 'INVALID_MOVE'],
    ['a building into a household', 'c1-b2', 'c1-b1-1-101', 'INVALID_MOVE'],
    ['a grid into one of its own buildings', 'g2', 'c1-b4', 'INVALID_MOVE'],
    ['a building into the other community (outside the caller’s scope)', 'c1-b2', 'g5', 'FORBIDDEN'],
    ['a building to a place that does not exist', 'c1-b2', 'g404', 'NOT_FOUND'],
  ])('refuses to move %s', async (_n, unitId, newParentId, code) => {
    const before = await g.dump()
    expect(await g.org(oid(staff()), 'moveUnit', { unitId, newParentId })).toEqual(refused(code))
    expect(await g.dump()).toEqual(before)
  })

  it('refuses a move for anyone but staff', async () => {
    for (const role of ['gridChief', 'buildingHead', 'resident']) {
      expect(await g.org(oid(g.persona(role)), 'moveUnit', { unitId: 'c1-b2', newParentId: 'g3' })).toEqual(
        refused('FORBIDDEN'),
      )
    }
  })

  it('finishes a move a crash interrupted halfway, when the move is asked for again', async () => {
    // a crash after the move was recorded and half the households were rewritten
    const db = cloudSdk.database()
    const from = '/s1/c1/g3/c1-b7/'
    const to = '/s1/c1/g2/c1-b7/'
    await db
      .collection('units')
      .doc('c1-b7')
      .update({ data: { moving: { fromPath: from, toPath: to, parentId: 'g2' } } })
    const households = (await units()).filter((u) => u.level === 'household' && u.path.startsWith(from))
    const residents = (await people()).filter((p) => p.homePath?.startsWith(from))
    for (const h of households.slice(0, Math.floor(households.length / 2))) {
      await db
        .collection('units')
        .doc(h._id)
        .update({ data: { path: to + h.path.slice(from.length) } })
    }
    const res = data(
      await g.org<{ moved: number; people: number }>(oid(staff()), 'moveUnit', { unitId: 'c1-b7', newParentId: 'g2' }),
    )
    expect(res.moved).toBe(0) // already where it was asked to go once the pending move is finished
    const after = await units()
    expect(after.find((u) => u._id === 'c1-b7')).toMatchObject({ parentId: 'g2', path: to })
    expect(after.find((u) => u._id === 'c1-b7')).not.toHaveProperty('moving')
    for (const h of households) expect(after.find((u) => u._id === h._id)?.path).toBe(to + h.path.slice(from.length))
    const peopleAfter = await people()
    for (const p of residents) {
      expect(peopleAfter.find((x) => x._id === p._id)?.homePath).toBe(to + (p.homePath as string).slice(from.length))
    }
  })
})
