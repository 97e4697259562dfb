/** 积分兑换: the services and goods open to me (my grid and community; the community's own and the 商户联盟's). */
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { ChunkedList } from '../../components/ChunkedList'
import { Text, View } from '@tarojs/components'
import { useRef } from 'react'
import { AppPage } from '../../components/AppPage'
import { EmptyMark, ErrorState, LoadingState } from '../../components/PageState'
import { usePersonaReady } from '../../hooks/use-persona'
import { pageUrl } from '../../routes'
import { ServiceError } from '../../services/errors'
import { dayTime, getServices, type ServiceCard } from '../../services/points'
import { Empty } from '../../ui/nutui'
import { MoreFooter } from '../components/MoreFooter'
import { usePages } from '../use-pages'
import '../points.css'
import './index.css'

const keyOf = (s: ServiceCard) => s.id

export default function ServicesPage() {
  return usePersonaReady() ? <Services /> : null
}

function Services() {
  const list = usePages((page: number) => getServices(page), keyOf)
  const shown = useRef(false)
  // back from 兑换: the stock follows
  useDidShow(() => {
    if (shown.current) void list.reload()
    shown.current = true
  })
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
          image={<EmptyMark glyph='兑' />}
          title='暂时没有可兑换的服务'
          description='社区和商户联盟上架理发、家电维修、助餐等服务后，可以用积分兑换。'
        />
      </View>
    )
  else
    body = (
      <View>
        <ChunkedList rows={list.rows} keyOf={keyOf}>
          {(s) => (
            <View
              className='card service-row'
              onClick={() => void Taro.navigateTo({ url: pageUrl('service', { id: s.id }) })}
            >
              <View className='service-row__main'>
                <Text className='service-row__title'>{s.title}</Text>
                <Text className='points-meta'>
                  {s.providerKind === 'community' ? '社区' : '商户'} · {s.providerName}
                </Text>
                <Text className='points-meta'>
                  {s.stock > 0 ? `剩余 ${s.stock}` : '已兑完'} · 每人限 {s.perPersonLimit} 次 ·{' '}
                  {dayTime(s.validUntil).split(' ')[0]}前有效
                </Text>
              </View>
              <Text className='points-amount service-row__cost'>{s.cost} 分</Text>
            </View>
          )}
        </ChunkedList>
        <MoreFooter
          status={list.status}
          more={list.more}
          error={list.error}
          onMore={() => void list.load(list.page + 1)}
          end='没有更多了'
        />
      </View>
    )
  return <AppPage className='points-page services'>{body}</AppPage>
}
