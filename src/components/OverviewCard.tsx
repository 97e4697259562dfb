/** For leaders: households and residents of the unit they lead, and of each unit under it (from grid.home). */
import { Text, View } from '@tarojs/components'
import { LEVEL_LABELS } from '../../core/units'
import { ROLE_LABELS } from '../../core/roles'
import type { OverviewResult, RoleView } from '../services/grid'
import './OverviewCard.css'

export function OverviewCard({ scope, overview }: { scope: RoleView; overview: OverviewResult }) {
  return (
    <View className='card overview'>
      <View className='card__head'>
        <Text className='card__title'>{LEVEL_LABELS[scope.level]}概况</Text>
        <Text className='card__hint'>
          {ROLE_LABELS[scope.role]} · {scope.unitName}
        </Text>
      </View>
      <View className='overview__totals'>
        <Figure label='户数' value={overview.households} />
        <Figure label='居民' value={overview.residents} />
        {overview.children.length ? (
          <Figure label={`${LEVEL_LABELS[overview.children[0].level]}数`} value={overview.children.length} />
        ) : null}
      </View>
      {overview.children.map((c) => (
        <View className='overview__row' key={c.id}>
          <Text className='overview__row-name'>{c.name}</Text>
          <Text className='overview__row-figures'>
            {c.households} 户 · {c.residents} 人
          </Text>
        </View>
      ))}
    </View>
  )
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <View className='overview__figure'>
      <Text className='overview__value'>{value}</Text>
      <Text className='overview__label'>{label}</Text>
    </View>
  )
}
