/** For leaders: households and residents of the unit they lead, and of each unit under it. */
import { Text, View } from '@tarojs/components'
import { LEVEL_LABELS } from '../../core/units'
import { ROLE_LABELS } from '../../core/roles'
import { useRemote } from '../hooks/use-remote'
import { getOverview, type RoleView } from '../services/grid'
import { Button, Loading } from '../ui/nutui'
import './OverviewCard.css'

export function OverviewCard({ scope }: { scope: RoleView }) {
  const { state, reload } = useRemote(() => getOverview(scope.unitId))
  return (
    <View className='card overview'>
      <View className='card__head'>
        <Text className='card__title'>{LEVEL_LABELS[scope.level]}概况</Text>
        <Text className='card__hint'>
          {ROLE_LABELS[scope.role]} · {scope.unitName}
        </Text>
      </View>
      {state.status === 'loading' ? (
        <View className='overview__loading'>
          <Loading type='circular'>加载中…</Loading>
        </View>
      ) : state.status === 'error' ? (
        <View className='overview__error'>
          <Text className='overview__error-text'>{state.error.message}</Text>
          <Button size='small' fill='outline' type='primary' onClick={() => void reload()}>
            重试
          </Button>
        </View>
      ) : (
        <View>
          <View className='overview__totals'>
            <Figure label='户数' value={state.data.households} />
            <Figure label='居民' value={state.data.residents} />
            {state.data.children.length ? (
              <Figure label={`${LEVEL_LABELS[state.data.children[0].level]}数`} value={state.data.children.length} />
            ) : null}
          </View>
          {state.data.children.map((c) => (
            <View className='overview__row' key={c.id}>
              <Text className='overview__row-name'>{c.name}</Text>
              <Text className='overview__row-figures'>
                {c.households} 户 · {c.residents} 人
              </Text>
            </View>
          ))}
        </View>
      )}
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
