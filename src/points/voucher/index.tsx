/**
 * 兑换券 (?id=<voucherId>): the service, the provider, until when, and — while it can be used — its QR code and code
 * to show the provider, who scans or types it (核销, once). 取消兑换 while it is unused and valid: the points come
 * back through the ledger.
 */
import { useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { AppPage } from '../../components/AppPage'
import { EmptyMark, ErrorState, LoadingState } from '../../components/PageState'
import { usePersonaReady } from '../../hooks/use-persona'
import { useRemote } from '../../hooks/use-remote'
import { toServiceError } from '../../services/errors'
import { cancelVoucher, dayTime, getVoucher, VOUCHER_STATUS_LABELS, type VoucherView } from '../../services/points'
import { Button, Empty } from '../../ui/nutui'
import { QrImage } from '../components/VoucherQr'
import '../points.css'
import './index.css'

export default function VoucherPage() {
  return usePersonaReady() ? <Voucher /> : null
}

function Voucher() {
  const id = useRouter().params.id ?? ''
  const { state, reload } = useRemote(() => getVoucher(id))
  // shown again (the provider verified it while the phone was away): the state follows
  useDidShow(() => void reload())
  let body
  if (state.status === 'loading') body = <LoadingState />
  else if (state.status === 'error')
    body =
      state.error.code === 'NOT_FOUND' || !id ? (
        <View className='page-state'>
          <Empty image={<EmptyMark glyph='券' />} title='没有找到这张兑换券' description='请从“我的兑换券”打开。' />
        </View>
      ) : (
        <ErrorState error={state.error} onRetry={() => void reload()} />
      )
  else body = <VoucherCardView key={state.data.id} voucher={state.data} />
  return <AppPage className='points-page voucher'>{body}</AppPage>
}

function VoucherCardView({ voucher: initial }: { voucher: VoucherView }) {
  const [voucher, setVoucher] = useState(initial)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)

  const cancel = async () => {
    const { confirm } = await Taro.showModal({
      title: '取消兑换',
      content: `取消后兑换券作废，${voucher.cost} 积分退回你的账户。确定取消吗？`,
      confirmText: '取消兑换',
      cancelText: '保留',
    })
    if (!confirm) return
    setBusy(true)
    setMessage(null)
    try {
      const res = await cancelVoucher(voucher.id)
      setVoucher(res.voucher)
      setMessage({ text: `已取消，${voucher.cost} 积分已退回（余额 ${res.balance}）`, error: false })
    } catch (e) {
      setMessage({ text: toServiceError(e).message, error: true })
    } finally {
      setBusy(false)
    }
  }

  const usable = voucher.state === 'active'
  return (
    <View>
      <View className={`card voucher-card voucher-card--${voucher.state}`}>
        <Text className='points-title voucher-title'>{voucher.serviceTitle}</Text>
        <Text className='points-meta'>
          {voucher.providerName} · {voucher.cost} 积分
        </Text>
        <Text className={`voucher-state voucher-state--${voucher.state}`}>{VOUCHER_STATUS_LABELS[voucher.state]}</Text>
        {usable ? (
          <View className='points-qr voucher-qr'>
            <QrImage text={voucher.qr} className='points-qr__image voucher-qr__image' />
            <Text className='points-qr__code voucher-code'>{voucher.code}</Text>
            <Text className='points-hint'>请向{voucher.providerName}出示此码，扫码或输入券码核销，仅可使用一次</Text>
          </View>
        ) : null}
        <Text className='points-meta'>兑换于 {dayTime(voucher.createdAt)}</Text>
        {voucher.usedAt ? <Text className='points-meta voucher-used'>核销于 {dayTime(voucher.usedAt)}</Text> : null}
        {usable ? <Text className='points-meta'>{dayTime(voucher.expiresAt)} 前有效</Text> : null}
      </View>
      {message ? (
        <Text className={message.error ? 'points-error' : 'points-message voucher-message'}>{message.text}</Text>
      ) : null}
      {voucher.cancellable ? (
        <View className='card'>
          <Button className='voucher-cancel' fill='outline' block disabled={busy} onClick={() => void cancel()}>
            取消兑换，退回积分
          </Button>
        </View>
      ) : null}
    </View>
  )
}
