/** 积分兑换: the services and goods open to me (my grid and community; the community's own and the 商户联盟's). */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { AppPage } from '../../components/AppPage'
import { EmptyMark } from '../../components/PageState'
import { usePersonaReady } from '../../hooks/use-persona'
import { pageUrl } from '../../routes'
import { dayTime, getServices, type ServiceCard } from '../../services/points'
import { Empty } from '../../ui/nutui'
import { listState, PagedRows } from '../components/PagedRows'
import { useListPage } from '../use-pages'
import '../points.css'
import './index.css'

const keyOf = (s: ServiceCard) => s.id

export default function ServicesPage() {
  return usePersonaReady() ? <Services /> : null
}

function Services() {
  // back from 兑换: the stock follows
  const list = useListPage((page: number) => getServices(page), keyOf, { onReturn: true })
  const body = listState(list, {
    empty: (
      <View className='page-state'>
        <Empty
          image={<EmptyMark glyph='兑' />}
          title='暂时没有可兑换的服务'
          description='社区和商户联盟上架理发、家电维修、助餐等服务后，可以用积分兑换。'
        />
      </View>
    ),
  }) ?? (
    <View>
      <PagedRows list={list} keyOf={keyOf} end='没有更多了'>
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
      </PagedRows>
    </View>
  )
  return <AppPage className='points-page services'>{body}</AppPage>
}
