/** Which grid 网格管理 shows: community staff pick one of their community's grids; grid-level leaders have theirs. */
import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import { useRemote } from '../../hooks/use-remote'
import { getOverviewWhole, type UnitRef } from '../../services/grid'
import { InlineError } from '../components/InlineError'

export const isGridLevel = (level: UnitRef['level']): boolean => level === 'grid' || level === 'microgrid'

/** The grids under a community (from its overview), as chips; the first is chosen when none is. */
export function UnitPicker({
  parentId,
  value,
  onChange,
}: {
  parentId: string
  value: UnitRef | null
  onChange: (u: UnitRef) => void
}) {
  const { state, reload } = useRemote(() => getOverviewWhole(parentId))
  const first = state.status === 'ok' ? state.data.children[0] : undefined
  useEffect(() => {
    if (!value && first) onChange({ id: first.id, name: first.name, level: first.level })
  }, [value, first, onChange])
  const children = state.status === 'ok' ? state.data.children : []
  if (state.status === 'loading') return <Text className='manage-hint'>加载网格…</Text>
  if (state.status === 'error') return <InlineError message={state.error.message} onRetry={() => void reload()} />
  return (
    <View className='unit-chips'>
      {children.map((c) => (
        <View
          key={c.id}
          className={`unit-chip${value?.id === c.id ? ' unit-chip--active' : ''}`}
          onClick={() => onChange({ id: c.id, name: c.name, level: c.level })}
        >
          <Text>{c.name}</Text>
        </View>
      ))}
    </View>
  )
}
