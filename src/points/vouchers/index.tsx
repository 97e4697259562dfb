/** 我的兑换券: every voucher I redeemed, newest first — 可使用 ones open their code and QR code. */
import { useRef } from 'react'
import { ChunkedList } from '../../components/ChunkedList'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { AppPage } from '../../components/AppPage'
import { EmptyMark, ErrorState, LoadingState } from '../../components/PageState'
import { usePersonaReady } from '../../hooks/use-persona'
import { pageUrl } from '../../routes'
import { ServiceError } from '../../services/errors'
import { dayTime, getVouchers, VOUCHER_STATUS_LABELS, type VoucherCard } from '../../services/points'
import { Button, Empty } from '../../ui/nutui'
import { MoreFooter } from '../components/MoreFooter'
import { usePages } from '../use-pages'
import '../points.css'

const keyOf = (v: VoucherCard) => v.id

export default function VouchersPage() {
  return usePersonaReady() ? <Vouchers /> : null
}

function Vouchers() {
  const list = usePages((page: number) => getVouchers(page), keyOf)
  const shown = useRef(false)
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
    )
  else
    body = (
      <View className='card'>
        <ChunkedList rows={list.rows} keyOf={keyOf}>
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
              <Text
                className={`points-status voucher-row__state${v.state === 'active' ? '' : ' points-status--muted'}`}
              >
                {VOUCHER_STATUS_LABELS[v.state]}
              </Text>
            </View>
          )}
        </ChunkedList>
        <MoreFooter
          status={list.status}
          more={list.more}
          error={list.error}
          onMore={() => void list.load(list.page + 1)}
        />
      </View>
    )
  return <AppPage className='points-page vouchers'>{body}</AppPage>
}
