/**
 * 我的采样时段 (residents): for each testing round my household is booked in, the time and site, and the code to show
 * at the site (a QR the worker scans: signed by the cloud, it stands for my household only). While not yet tested, the
 * other slots of my building with room, to move to. One call for the page.
 */
import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { AppPage } from '../../../components/AppPage'
import { SubscribeCard } from '../../../components/SubscribeCard'
import { SLOT_TEMPLATE } from '../../../../core/testing/announce'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { usePersonaReady } from '../../../hooks/use-persona'
import { useRemote } from '../../../hooks/use-remote'
import { pageUrl } from '../../../routes'
import { toServiceError } from '../../../services/errors'
import { bookSlot, clock, dayLabel, getMySlots, type TestingMySlot } from '../../../services/testing'
import { Button, Empty } from '../../../ui/nutui'
import { QrImage } from '../../../points/components/VoucherQr'
import '../testing.css'

export default function SlotPage() {
  return usePersonaReady() ? <Slots /> : null
}

function Slots() {
  const { state, reload } = useRemote(getMySlots)
  // back from the site (marked done meanwhile): the card follows
  useDidShow(() => void reload())
  let body
  if (state.status === 'loading') body = <LoadingState />
  else if (state.status === 'error')
    body =
      state.error.code === 'TESTING_NOT_BOOKED' ? (
        <NoSlot />
      ) : (
        <ErrorState error={state.error} onRetry={() => void reload()} />
      )
  else if (!state.data.rows.length) body = <NoSlot />
  else body = state.data.rows.map((r) => <SlotCard key={r.roundId} initial={r} />)
  return (
    <AppPage className='testing-slot'>
      {body}
      <SubscribeCard
        name='slot-subscribe'
        templateId={SLOT_TEMPLATE.id}
        title='接收采样时段提醒'
        hint='社区排好采样时段后，微信会把你家的时间和采样点提醒你一次。'
        accepted={(n) => `已订阅：排好时段后会提醒你（还可提醒 ${n} 次）`}
        declined='你没有允许接收采样时段提醒，可以稍后再订阅'
      />
      <Text className='tt-link' onClick={() => void Taro.navigateTo({ url: pageUrl('testingSite') })}>
        我是采样点工作人员
      </Text>
    </AppPage>
  )
}

function NoSlot() {
  return (
    <View className='page-state'>
      <Empty title='还没有排到采样时段' description='社区排好时段后，这里会显示你家的采样时间、地点和采样码。' />
    </View>
  )
}

function SlotCard({ initial }: { initial: TestingMySlot }) {
  const [slot, setSlot] = useState(initial)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)

  const move = async (slotId: string) => {
    setBusy(true)
    setMessage(null)
    try {
      const next = await bookSlot(slotId)
      setSlot(next)
      setMessage({ text: `已换到 ${clock(next.slot.startAt)}–${clock(next.slot.endAt)}`, error: false })
    } catch (e) {
      setMessage({ text: toServiceError(e).message, error: true })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View>
      <View className='card slot-card'>
        <Text className='tt-title'>{slot.roundName}</Text>
        <Text className='tt-meta slot-time'>
          {dayLabel(slot.date)} {clock(slot.slot.startAt)}–{clock(slot.slot.endAt)}
        </Text>
        <Text className='tt-meta slot-site'>
          {slot.site.name} · {slot.site.place}
        </Text>
        <Text className='tt-meta'>{slot.door}</Text>
        {slot.done ? (
          <Text className='tt-done slot-done'>已完成采样 {slot.doneAt ? clock(slot.doneAt) : ''}</Text>
        ) : (
          <View className='tt-qr'>
            <QrImage text={slot.code} className='tt-qr__image slot-qr' />
            <Text className='tt-hint'>到采样点后请出示此码，由工作人员扫码登记。此码只代表你家，请勿转发。</Text>
          </View>
        )}
      </View>
      {message ? <Text className={message.error ? 'tt-error' : 'tt-message slot-message'}>{message.text}</Text> : null}
      {slot.choices.length ? (
        <View className='card'>
          <Text className='tt-title'>换个时段</Text>
          <Text className='tt-hint'>以下时段还有空位，只能在本楼的时段之间调换。</Text>
          {slot.choices.map((c) => (
            <View key={c.id} className='tt-row slot-choice'>
              <View className='tt-row__main'>
                <Text>
                  {clock(c.startAt)}–{clock(c.endAt)}
                </Text>
                <Text className='tt-row__meta'>还可约 {c.left} 户</Text>
              </View>
              <Button className='slot-move' size='small' fill='outline' disabled={busy} onClick={() => void move(c.id)}>
                换到这个时段
              </Button>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
