/** What the roster rule tests share: sheets built from rows, an empty community, and a plan applied to it. */
import { planImport } from '../../../../core/org/roster/plan'
import type { CommunityState } from '../../../../core/org/roster/community'
import type { Roster } from '../../../../core/org/roster/entries'
import type { RosterSheets, SheetData } from '../../../../core/org/roster/sheets'
import { validateRoster } from '../../../../core/org/roster/validate'
import type { Unit } from '../../../../core/units'

export const B_HEAD = ['网格', '楼栋', '是否战时']
export const R_HEAD = ['楼栋', '单元', '房号', '姓名', '手机号', '身份', '关爱标记']
export const sheet = (header: string[], rows: string[][]): SheetData => ({
  header,
  rows: rows.map((cells, i) => ({ row: i + 2, cells })),
})
export const sheets = (buildings: string[][], residents: string[][]): RosterSheets => ({
  buildings: sheet(B_HEAD, buildings),
  residents: sheet(R_HEAD, residents),
})

export const community: Unit = { _id: 'c', level: 'community', name: '测试社区', parentId: 's', path: '/s/c/' }
export const empty: CommunityState = { community, units: [], people: [] }

export const valid = (s: RosterSheets, state = empty): Roster => {
  const res = validateRoster(s, state)
  if (!res.ok) throw new Error(JSON.stringify(res.issues))
  return res.roster
}
let ids = 0
export const plan = (s: RosterSheets, state = empty) =>
  planImport(valid(s, state), state, (k) => `${k}${++ids}`, new Date(Date.UTC(2025, 0, 1)))
/** The community after applying a plan (what the database would hold). */
export const apply = (state: CommunityState, p: ReturnType<typeof plan>): CommunityState => {
  const updated = new Map(p.updates.map((u) => [u.id, u]))
  return {
    community,
    units: [...state.units, ...p.units],
    people: [
      ...state.people.map((x) => (updated.has(x._id) ? { ...x, ...updated.get(x._id), _id: x._id } : x)),
      ...p.people,
    ],
  }
}
