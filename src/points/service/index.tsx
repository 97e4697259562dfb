/**
 * 兑换详情 (?id=<serviceId>): what it is, who gives it, cost, stock, the limit per person, where it is served, and
 * 兑换. One tap redeems once: the tap's request id goes with every retry of it, and the cloud deducts the points and
 * the stock in one transaction. A redeemed voucher opens at once (its code and QR code to show the provider).
 */
import { useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { AppPage } from '../../components/AppPage'
import { EmptyMark, ErrorState, LoadingState } from '../../components/PageState'
import { usePersonaReady } from '../../hooks/use-persona'
import { useRemote } from '../../hooks/use-remote'
import { pageUrl } from '../../routes'
import { toServiceError } from '../../services/errors'
import { dayTime, getService, newRequestId, redeemService, type ServiceDetail } from '../../services/points'
import { Button, Empty } from '../../ui/nutui'
import '../points.css'

export default function ServicePage() {
  return usePersonaReady() ? <Service /> : null
}

function Service() {
  const id = useRouter().params.id ?? ''
  const { state, reload } = useRemote(() => getService(id))
  let body
  if (state.status === 'loading') body = <LoadingState />
  else if (state.status === 'error')
    body =
      state.error.code === 'NOT_FOUND' || !id ? (
        <View className='page-state'>
          <Empty image={<EmptyMark glyph='兑' />} title='没有找到这项服务' description='它可能已下架。' />
        </View>
      ) : (
        <ErrorState error={state.error} onRetry={() => void reload()} />
      )
  else body = <ServiceView service={state.data} />
  return <AppPage className='points-page service'>{body}</AppPage>
}

function ServiceView({ service }: { service: ServiceDetail }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  // the id of the tap being sent: a retry after a lost answer sends the same one, so it redeems once
  const request = useRef<string | null>(null)

  const redeem = async () => {
    if (busy) return
    const { confirm } = await Taro.showModal({
      title: '确认兑换',
      content: `用 ${service.cost} 积分兑换「${service.title}」？兑换后可在“我的兑换券”出示给${service.providerName}核销。`,
      confirmText: '兑换',
    })
    if (!confirm) return
    request.current ??= newRequestId()
    setBusy(true)
    setError('')
    try {
      const { voucher } = await redeemService(service.id, request.current)
      request.current = null
      await Taro.redirectTo({ url: pageUrl('voucher', { id: voucher.id }) })
    } catch (e) {
      const err = toServiceError(e)
      // refused for a reason (not enough points, sold out): a new tap is a new request
      if (err.code !== 'NETWORK' && err.code !== 'INTERNAL') request.current = null
      setError(err.message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View>
      <View className='card'>
        <Text className='points-title service-title'>{service.title}</Text>
        <Text className='points-meta'>
          {service.providerKind === 'community' ? '社区提供' : '商户联盟'} · {service.providerName}
        </Text>
        <Text className='points-amount service-cost'>{service.cost} 积分</Text>
        <Text className='points-meta service-stock'>
          剩余 {service.stock} 份 · 每人限 {service.perPersonLimit} 次（我已兑 {service.mine} 次）
        </Text>
        <Text className='points-meta'>
          {dayTime(service.validUntil).split(' ')[0]} 前可兑换 · 兑换券 {service.voucherDays} 天内有效
        </Text>
        {service.served.length ? (
          <Text className='points-meta'>服务范围：{service.served.map((u) => u.name).join('、')}</Text>
        ) : null}
        {service.description ? <Text className='points-body'>{service.description}</Text> : null}
      </View>
      {error ? <Text className='points-error service-error'>{error}</Text> : null}
      <View className='card'>
        {service.canRedeem ? (
          <Button className='service-redeem' type='primary' block loading={busy} onClick={() => void redeem()}>
            用 {service.cost} 积分兑换
          </Button>
        ) : (
          <Text className='points-hint service-why-not'>{service.whyNot ?? '暂时不能兑换'}</Text>
        )}
      </View>
    </View>
  )
}
