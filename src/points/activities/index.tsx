/** 志愿活动: the open activities I may join (my grid, community and teams), soonest first, 20 at a time. */
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { AppPage } from '../../components/AppPage'
import { ChunkedList } from '../../components/ChunkedList'
import { EmptyMark, ErrorState, LoadingState } from '../../components/PageState'
import { usePersonaReady } from '../../hooks/use-persona'
import { ActivityRow } from '../../pages/points/home/ActivityRow'
import { ServiceError } from '../../services/errors'
import { getActivities, type ActivityCard } from '../../services/points'
import { Empty } from '../../ui/nutui'
import { MoreFooter } from '../components/MoreFooter'
import { usePages } from '../use-pages'
import '../points.css'

const keyOf = (a: ActivityCard) => a.id

export default function ActivitiesPage() {
  return usePersonaReady() ? <Activities /> : null
}

function Activities() {
  const list = usePages((page: number) => getActivities(page), keyOf)
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => {
    if (list.more && list.status === 'ok') void list.load(list.page + 1)
  })

  let body
  if (list.status === 'loading') body = <LoadingState />
  else if (list.status === 'error' && !list.rows.length)
    body = <ErrorState error={new ServiceError('INTERNAL', list.error)} onRetry={() => void list.reload()} />
  else if (!list.rows.length)
    body = (
      <View className='page-state'>
        <Empty
          image={<EmptyMark glyph='志' />}
          title='暂时没有招募中的活动'
          description='网格、社区和服务队发布志愿活动后会显示在这里。'
        />
      </View>
    )
  else
    body = (
      <View>
        <ChunkedList rows={list.rows} keyOf={keyOf}>
          {(a) => <ActivityRow activity={a} />}
        </ChunkedList>
        <MoreFooter
          status={list.status}
          more={list.more}
          error={list.error}
          onMore={() => void list.load(list.rows.length ? list.page + 1 : 0)}
          end='没有更多活动了'
          className='activities-more'
        />
      </View>
    )
  return <AppPage className='points-page activities'>{body}</AppPage>
}
