/** 楼栋邻里: the residents of my building. Other households' rooms and phones come masked from the cloud. */
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { EmptyMark, ErrorState, LoadingState } from '../../../components/PageState'
import { RoleTag } from '../../../components/RoleTag'
import { usePersonaReady } from '../../../hooks/use-persona'
import { useRemote } from '../../../hooks/use-remote'
import { getNeighbours, type NeighboursResult, type NeighbourView } from '../../../services/grid'
import { Avatar, Empty } from '../../../ui/nutui'
import { AppPage } from '../../../components/AppPage'
import './index.css'

export default function NeighboursPage() {
  return usePersonaReady() ? <Neighbours /> : null
}

function Neighbours() {
  const { state, reload } = useRemote(getNeighbours)
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))
  let body
  if (state.status === 'loading') body = <LoadingState />
  else if (state.status === 'error') body = <ErrorState error={state.error} onRetry={() => void reload()} />
  else body = <NeighbourList result={state.data} />
  return <AppPage className='neighbours'>{body}</AppPage>
}

function NeighbourList({ result }: { result: NeighboursResult }) {
  return (
    <View>
      <View className='card neighbours-head'>
        <Text className='neighbours-head__name'>{result.microgrid.name}</Text>
        <Text className='neighbours-head__count'>共 {result.rows.length} 位邻居</Text>
        <Text className='neighbours-head__note'>为保护隐私，其他住户的房号和手机号只显示部分。</Text>
      </View>
      {result.rows.length === 0 ? (
        <View className='page-state'>
          <Empty image={<EmptyMark glyph='邻' />} title='还没有邻居加入' />
        </View>
      ) : (
        <View className='card neighbours-list'>
          {result.rows.map((n) => (
            <NeighbourRow key={n.id} n={n} />
          ))}
        </View>
      )}
    </View>
  )
}

function NeighbourRow({ n }: { n: NeighbourView }) {
  return (
    <View className='neighbour-row'>
      <Avatar className='neighbour-row__avatar' background='#eef2ff' color='#1d4ed8'>
        {n.name.slice(0, 1)}
      </Avatar>
      <View className='neighbour-row__body'>
        <View className='neighbour-row__title'>
          <Text className='neighbour-row__name'>{n.name}</Text>
          {n.head ? (
            <View className='neighbour-row__head'>
              <RoleTag role={n.head} />
            </View>
          ) : null}
        </View>
        <Text className='neighbour-row__door'>{n.door}</Text>
      </View>
      <Text className='neighbour-row__phone'>{n.phone}</Text>
    </View>
  )
}
