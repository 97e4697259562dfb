/** 楼栋邻里: the residents of one building, in door order, masked except the viewer's own household and heads. */
import { headGrantUnitIds, neighbourRows, parseNeighbourCursor } from '../../../core/grid/neighbours'
import type { Viewer } from '../../../core/grid/phone-visibility'
import { maskPhone } from '../../../core/mask'
import type { Unit } from '../../../core/units'
import { b12, b3, grid, h12_1_101, h3_1_1102, h3_1_402, h3_2_402, person, units } from './tree'

const home3 = [h3_1_402, h3_2_402, h3_1_1102]
const homes = new Map<string, Unit>(home3.map((h) => [h._id, h]))

const me = person('p1', '王芳', h3_1_402)
const housemate = person('p9', '王小明', h3_1_402)
const chief = person('p3', '李强', h3_2_402, { roles: [{ role: 'gridChief', unitId: grid._id }] })
const head = person('p2', '赵敏', h3_1_1102, { roles: [{ role: 'buildingHead', unitId: b3._id }] })
/** Lives in 3栋, heads 12栋: a head, but not of this building. */
const otherHead = person('p4', '钱进', h3_2_402, { roles: [{ role: 'buildingHead', unitId: b12._id }] })
/** Lives in 12栋: not in this building's homes. */
const elsewhere = person('p5', '孙立', h12_1_101)
const residents = [elsewhere, otherHead, head, chief, housemate, me]

const rows = (viewer: Viewer) => neighbourRows(b3, homes, residents, units, viewer)!
const asMe: Viewer = { personId: me._id, householdId: me.householdId, homePath: me.homePath, grants: [] }
const asHead: Viewer = {
  personId: head._id,
  householdId: head.householdId,
  homePath: head.homePath,
  grants: [{ role: 'buildingHead', unitId: b3._id, path: b3.path }],
}

describe('neighbourRows', () => {
  it('lists the building’s residents in door order, then by id, leaving out those living elsewhere', () => {
    expect(rows(asMe).rows.map((r) => [r.name, r.id])).toEqual([
      ['王芳', 'p1'],
      ['王小明', 'p9'],
      ['赵敏', 'p2'],
      ['李强', 'p3'],
      ['钱进', 'p4'],
    ])
  })

  it.each([
    ['their own household', 'p9', '3栋1单元402', housemate.phone],
    ['the building head', 'p2', '3栋1单元***', head.phone],
    ['the grid chief', 'p3', '3栋2单元***', chief.phone],
    ['a head of another building of the grid', 'p4', '3栋2单元***', otherHead.phone],
  ])('shows a resident %s as they may see them', (_name, id, door, phone) => {
    expect(rows(asMe).rows.find((r) => r.id === id)).toMatchObject({ door, phone })
  })

  it('names the heads of this building or its grid, not of another building', () => {
    expect(Object.fromEntries(rows(asMe).rows.map((r) => [r.id, r.head]))).toEqual({
      p1: null,
      p9: null,
      p2: 'buildingHead',
      p3: 'gridChief',
      p4: null,
    })
  })

  it('audits nobody for a resident, and everyone outside their household for the building head', () => {
    expect(rows(asMe).audited).toEqual([])
    const led = rows(asHead)
    expect(led.audited.sort()).toEqual(['p1', 'p3', 'p4', 'p9'])
    expect(led.rows.find((r) => r.id === 'p1')).toMatchObject({ door: '3栋1单元402', phone: me.phone })
  })

  it('masks a plain neighbour’s number for a resident', () => {
    const plain = person('p6', '周正', h3_2_402)
    const { rows: shown } = neighbourRows(b3, homes, [plain], units, asMe)!
    expect(shown).toEqual([{ id: 'p6', name: '周正', door: '3栋2单元***', phone: maskPhone(plain.phone), head: null }])
  })
})

describe('neighbourRows, page by page', () => {
  const page = (viewer: Viewer, cursor: string | null, pageSize: number, people = residents) =>
    neighbourRows(b3, homes, people, units, viewer, {
      after: cursor ? (parseNeighbourCursor(cursor) ?? undefined) : undefined,
      pageSize,
    })!

  it('hands the building out in pages that follow on from the cursor, each once, the last without a cursor', () => {
    const first = page(asMe, null, 2)
    expect(first.rows.map((r) => r.id)).toEqual(['p1', 'p9'])
    expect(first.total).toBe(5)
    const second = page(asMe, first.nextCursor, 2)
    expect(second.rows.map((r) => r.id)).toEqual(['p2', 'p3'])
    const last = page(asMe, second.nextCursor, 2)
    expect(last.rows.map((r) => r.id)).toEqual(['p4'])
    expect(last.nextCursor).toBeNull()
  })

  it('a neighbour who left meanwhile shifts nobody: the next page starts after the last one shown', () => {
    const first = page(asMe, null, 2)
    const second = page(
      asMe,
      first.nextCursor,
      2,
      residents.filter((p) => p._id !== 'p9'),
    )
    expect(second.rows.map((r) => r.id)).toEqual(['p2', 'p3'])
  })

  it('audits only the page a leader was shown', () => {
    expect(page(asHead, null, 2).audited).toEqual(['p1', 'p9'])
  })

  it('knows no place in a household not of the building, nor a cursor of another shape', () => {
    expect(neighbourRows(b3, homes, residents, units, asMe, { after: { householdId: 'x', personId: 'p1' } })).toBeNull()
    expect(parseNeighbourCursor('nothing')).toBeNull()
    expect(parseNeighbourCursor('a|b|c')).toBeNull()
  })
})

describe('headGrantUnitIds', () => {
  it('names the units of the residents’ head grants only', () => {
    const staff = person('p7', '吴', h3_1_402, {
      roles: [
        { role: 'resident', unitId: h3_1_402._id },
        { role: 'communityStaff', unitId: 'c1' },
      ],
    })
    expect(headGrantUnitIds([staff, head, chief, otherHead])).toEqual([b3._id, grid._id, b12._id])
  })
})
