/**
 * The units a leader's pages of the dashboard sub-package (数据看板, 今日调度, 周例会与月通报) are about: the units the
 * person leads in a role the page serves, narrowest first, and the chips to switch between them when a leader holds
 * more than one (a grid chief who is also community staff).
 */
import { Text, View } from '@tarojs/components'
import type { Role } from '../../core/roles'
import type { RoleView } from '../services/grid'

const NARROWEST_FIRST: readonly Role[] = ['gridChief', 'communityStaff', 'streetStaff']

/** A LeaderGate `scopeOf`: the person's units in the roles the page serves, narrowest first, or null for none. */
export const ledUnits =
  (serves: readonly Role[]) =>
  (roles: RoleView[]): RoleView[] | null => {
    const fit = roles
      .filter((r) => serves.includes(r.role))
      .sort((a, b) => NARROWEST_FIRST.indexOf(a.role) - NARROWEST_FIRST.indexOf(b.role))
    return fit.length ? fit : null
  }

/** The chips of the units to switch between; nothing for one unit. */
export function UnitChoice({
  units,
  unitId,
  onChange,
  className,
}: {
  units: RoleView[]
  unitId: string
  onChange: (unitId: string) => void
  className: string
}) {
  if (units.length < 2) return null
  return (
    <View className={`choice-row ${className}`}>
      {units.map((u) => (
        <Text
          key={u.unitId}
          className={`choice choice--small${u.unitId === unitId ? ' choice--active' : ''}`}
          onClick={() => onChange(u.unitId)}
        >
          {u.unitName}
        </Text>
      ))}
    </View>
  )
}
