/** 我的兑换券: every voucher I redeemed, newest first — 可使用 ones open their code and QR code. */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { AppPage } from '../../components/AppPage'
import { EmptyMark } from '../../components/PageState'
import { usePersonaReady } from '../../hooks/use-persona'
import { pageUrl } from '../../routes'
import { dayTime, getVouchers, VOUCHER_STATUS_LABELS, type VoucherCard } from '../../services/points'
import { Button, Empty } from '../../ui/nutui'
import { listState, PagedRows } from '../components/PagedRows'
import { useListPage } from '../use-pages'
import '../points.css'

const keyOf = (v: VoucherCard) => v.id

export default function VouchersPage() {
  return usePersonaReady() ? <Vouchers /> : null
}

function Vouchers() {
  const list = useListPage((page: number) => getVouchers(page), keyOf, { onReturn: true })
  const body = listState(list, {
    empty: (
      <View className='page-state'>
        <Empty
          image={<EmptyMark glyph='券' />}
          title='还没有兑换券'
          description='在“积分兑换”用积分兑换服务后，兑换券会在这里。'
        />
        <View className='page-state__action'>
          <Button type='primary' onClick={() => void Taro.navigateTo({ url: pageUrl('services') })}>
            去兑换
          </Button>
        </View>
      </View>
    ),
  }) ?? (
    <View className='card'>
      <PagedRows list={list} keyOf={keyOf}>
        {(v) => (
          <View
            className={`points-row voucher-row voucher-row--${v.state}`}
            onClick={() => void Taro.navigateTo({ url: pageUrl('voucher', { id: v.id }) })}
          >
            <View className='points-row__main'>
              <Text className='points-row__title voucher-row__title'>{v.serviceTitle}</Text>
              <Text className='points-row__sub'>
                {v.providerName} · {v.cost} 分 ·{' '}
                {v.state === 'used' && v.usedAt ? `${dayTime(v.usedAt)} 核销` : `${dayTime(v.expiresAt)} 前有效`}
              </Text>
            </View>
            <Text className={`points-status voucher-row__state${v.state === 'active' ? '' : ' points-status--muted'}`}>
              {VOUCHER_STATUS_LABELS[v.state]}
            </Text>
          </View>
        )}
      </PagedRows>
    </View>
  )
  return <AppPage className='points-page vouchers'>{body}</AppPage>
}
