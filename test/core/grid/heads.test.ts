/** The three heads (三长) of units: who counts, in which order, and whose number shows in full. */
import { headsByUnit } from '../../../core/grid/heads'
import type { Viewer } from '../../../core/grid/phone-visibility'
import { maskPhone } from '../../../core/mask'
import { b12, b3, grid, h12_1_101, h3_1_402, otherGrid, person, units } from './tree'

const chief = person('p1', '王芳', h3_1_402, { roles: [{ role: 'gridChief', unitId: 'g1' }] })
const party = person('p2', '李强', h12_1_101, { roles: [{ role: 'partyLeader', unitId: 'g1' }] })
const secondParty = person('p3', '艾青', undefined, { roles: [{ role: 'partyLeader', unitId: 'g1' }] })
const head3 = person('p4', '赵敏', h3_1_402, { roles: [{ role: 'buildingHead', unitId: 'b3' }] })
const head12 = person('p5', '钱进', h12_1_101, { roles: [{ role: 'buildingHead', unitId: 'b12' }] })
/** Heads a retired 战时网格 only: heads nothing any more. */
const retiredHead = person('p6', '孙立', undefined, { roles: [{ role: 'buildingHead', unitId: 'w1' }] })
/** A grid chief's grant over a building heads nothing: the role's own level is the grid. */
const misplaced = person('p7', '周正', undefined, { roles: [{ role: 'gridChief', unitId: 'b3' }] })

const resident: Viewer = { personId: 'v1', homePath: h3_1_402.path, grants: [] }
const outsider: Viewer = { personId: 'v2', homePath: `${otherGrid.path}x/y/`, grants: [] }
const holders = [head3, secondParty, chief, head12, party, retiredHead, misplaced]

describe('headsByUnit', () => {
  const heads = headsByUnit(holders, units, resident)

  it('lists a grid’s heads as residents expect them: grid chief, then party leaders by name', () => {
    expect(heads.get(grid._id)?.map((h) => [h.role, h.name])).toEqual([
      ['gridChief', '王芳'],
      ['partyLeader', '艾青'],
      ['partyLeader', '李强'],
    ])
  })

  it.each([
    [b3._id, [{ role: 'buildingHead', personId: 'p4', name: '赵敏', phone: head3.phone, unitName: '3栋' }]],
    [b12._id, [{ role: 'buildingHead', personId: 'p5', name: '钱进', phone: head12.phone, unitName: '12栋' }]],
  ])('names the building a building head heads (%s)', (unitId, expected) => {
    expect(heads.get(unitId)).toEqual(expected)
  })

  it('gives a grid chief no building name', () => {
    expect(heads.get(grid._id)?.[0]).toEqual({ role: 'gridChief', personId: 'p1', name: '王芳', phone: chief.phone })
  })

  it.each([
    ['a retired micro-grid', 'p6'],
    ['a grid chief’s grant over a building', 'p7'],
  ])('leaves out the head of %s', (_name, personId) => {
    const listed = [...heads.values()].flat().map((h) => h.personId)
    expect(listed).toEqual(expect.arrayContaining(['p1', 'p2', 'p3', 'p4', 'p5']))
    expect(listed).not.toContain(personId)
  })

  it('lists only units it is given', () => {
    const onlyGrid = headsByUnit(holders, new Map([[grid._id, grid]]), resident)
    expect([...onlyGrid.keys()]).toEqual([grid._id])
  })

  it.each<[string, Viewer, (phone: string) => string]>([
    ['a resident of the grid', resident, (phone) => phone],
    ['a resident of another grid', outsider, maskPhone],
    [
      'community staff over the grid',
      { grants: [{ role: 'communityStaff', unitId: 'c1', path: '/s1/c1/' }] },
      (p) => p,
    ],
  ])('shows the heads’ numbers to %s as they may see them', (_name, viewer, expected) => {
    const phones = new Map([...headsByUnit(holders, units, viewer).values()].flat().map((h) => [h.personId, h.phone]))
    const shown = [chief, secondParty, party, head3, head12]
    expect(phones).toEqual(new Map(shown.map((p) => [p._id, expected(p.phone)])))
  })
})
