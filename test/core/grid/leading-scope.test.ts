/** Which role 首页 leads with: the narrowest leading role, none for residents and merchants. */
import type { RoleView } from '../../../core/contract'
import { leadingScope } from '../../../core/grid/leading-scope'
import type { Role } from '../../../core/roles'

const view = (role: Role, unitId: string): RoleView => ({ role, unitId, unitName: unitId, level: 'grid' })

it.each<[string, RoleView[], string | null]>([
  ['a resident', [view('resident', 'h1')], null],
  ['a merchant', [view('merchant', 'c1')], null],
  ['community staff who is also a grid chief', [view('communityStaff', 'c1'), view('gridChief', 'g1')], 'g1'],
  ['a building head who lives there', [view('resident', 'h1'), view('buildingHead', 'b1')], 'b1'],
  ['a party leader and building head', [view('buildingHead', 'b1'), view('partyLeader', 'g2')], 'g2'],
  ['street staff', [view('streetStaff', 's1')], 's1'],
])('%s', (_n, roles, unitId) => {
  expect(leadingScope(roles)?.unitId ?? null).toBe(unitId)
})
