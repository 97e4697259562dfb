/**
 * 我家的隔离服务. A household in home isolation sees its period and each day's 物资配送 and 垃圾清运: 待领取, 已领取 by
 * whom, 已完成 at what time with the volunteer's note — and may mark a delivery received. Only its own household.
 */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { addDays, beijingDay as beijingDayOf } from '../../../../core/beijing-time'
import { PhotoGrid } from '../../../components/PhotoGrid'
import { useRemotePage } from '../../../hooks/use-page-reload'
import { InlineError } from '../../../manage/components/InlineError'
import { Button } from '../../../manage/ui'
import { getMyIsolation, markReceived, type IsolationTaskRow } from '../../../services/isolation'
import { Gate, messageOf } from '../../common'
import { beijingDay, clock, dayLabel, slotTitle, taskLine } from '../isolation'
import '../../../manage/manage.css'
import '../isolation.css'

export default function IsolationHomePage() {
  return <Gate className='app-page manage iso-home'>{() => <Home />}</Gate>
}

function Home() {
  const [day, setDay] = useState(beijingDay(0))
  return <HomeDay key={day} day={day} setDay={setDay} />
}

function HomeDay({ day, setDay }: { day: string; setDay: (day: string) => void }) {
  const { state, reload } = useRemotePage(() => getMyIsolation(day), { onReturn: true })
  const [error, setError] = useState('')
  if (state.status === 'loading') return <Text className='iso-line'>加载中…</Text>
  if (state.status === 'error')
    return (
      <View className='card'>
        <InlineError message={state.error.message} onRetry={() => void reload()} />
      </View>
    )
  const { isolation: iso, tasks } = state.data
  if (!iso)
    return (
      <View className='card'>
        <Text className='iso-line'>你家现在没有居家隔离的安排。</Text>
      </View>
    )
  const go = (n: number) => {
    const next = addDays(day, n)
    if (next < iso.startDay || next > iso.lastDay) return
    setDay(next)
  }
  const received = async (t: IsolationTaskRow) => {
    setError('')
    try {
      await markReceived(t.id)
      await reload()
    } catch (e) {
      setError(messageOf(e))
    }
  }
  return (
    <View>
      <View className='card iso-period'>
        <View className='card__head'>
          <Text className='card__title'>{iso.active ? '居家隔离中' : '隔离已结束'}</Text>
          <Text className='card__hint'>{iso.household.name}</Text>
        </View>
        <Text className='iso-line'>
          {dayLabel(iso.startDay)}至{dayLabel(iso.lastDay)}，共 {iso.days} 天
        </Text>
        {iso.endedAt ? <Text className='iso-line'>已于 {dayLabel(beijingDayOf(iso.endedAt))} 提前结束</Text> : null}
        <Text className='iso-line'>
          物资配送 每天 {iso.supplies.times.join('、') || '无'} · 垃圾清运 每天 {iso.garbage.times.join('、') || '无'}
        </Text>
        <Text className='iso-line'>有需要可联系网格长，志愿者会按时上门。</Text>
      </View>
      <View className='card iso-day'>
        <View className='iso-days'>
          <Text className={day > iso.startDay ? 'iso-link' : 'iso-link iso-link--off'} onClick={() => go(-1)}>
            ‹ 前一天
          </Text>
          <Text className='card__title'>{dayLabel(day)}</Text>
          <Text
            className={day < iso.lastDay ? 'iso-link iso-day-next' : 'iso-link iso-link--off iso-day-next'}
            onClick={() => go(1)}
          >
            后一天 ›
          </Text>
        </View>
        {error ? <Text className='manage-error'>{error}</Text> : null}
        {tasks.length === 0 ? <Text className='iso-line'>这一天没有安排</Text> : null}
        {tasks.map((t) => (
          <View key={t.id} className='iso-row iso-home-task'>
            <View className='iso-row__head'>
              <Text className='iso-row__title'>{slotTitle(t)}</Text>
              <Text className={`iso-row__state iso-row__state--${t.state}`}>{taskLine(t)}</Text>
            </View>
            {t.note ? <Text className='iso-line'>送：{t.note}</Text> : null}
            {t.doneNote ? <Text className='iso-line'>志愿者留言：{t.doneNote}</Text> : null}
            {/* the 完成 photos that passed the image check (a keeper also sees them 审核中, marked so) */}
            <PhotoGrid photos={t.photos} checking={t.checkingPhotos} withheld={t.withheldPhotos} small />
            {t.receivedAt ? <Text className='iso-line'>已确认收到 {clock(t.receivedAt)}</Text> : null}
            {t.kind === 'supplies' && !t.receivedAt && (t.state === 'done' || t.state === 'claimed') ? (
              <View className='iso-actions'>
                <Button size='small' fill='outline' type='primary' onClick={() => void received(t)}>
                  确认收到
                </Button>
              </View>
            ) : null}
          </View>
        ))}
      </View>
    </View>
  )
}
