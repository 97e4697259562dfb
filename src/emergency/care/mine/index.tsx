/** 我包联的: the care persons I look after (四包一), not yet visited by me today first, with any 未探访; and the
 * subscription of the missed-check message (wgt-care-missed, sent by the care function's careMessages timer). */
import { Text, View } from '@tarojs/components'
import { CARE_MISSED_TEMPLATE } from '../../../../core/care/missed-message'
import { ChunkedList } from '../../../components/ChunkedList'
import { SubscribeCard } from '../../../components/SubscribeCard'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { useRemotePage } from '../../../hooks/use-page-reload'
import { CARE_CHECK_CUTOFF_HOUR, getMyCarePersons, type CareMineRow } from '../../../services/care'
import { Gate } from '../../common'
import { CareRowView, dayLabel } from '../care'

export default function MyCarePage() {
  return <Gate className='app-page manage care-mine'>{() => <Mine />}</Gate>
}

function Mine() {
  const { state, reload } = useRemotePage(getMyCarePersons, { onReturn: true })
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  const { rows } = state.data
  const missed = rows.filter((r) => r.missedDay)
  return (
    <View>
      {missed.length ? (
        <Text className='care-alert'>
          {missed.map((r) => `${r.name}（${dayLabel(r.missedDay as string)}）`).join('、')} 无人探访，请尽快上门或打电话
        </Text>
      ) : null}
      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>我包联的关爱对象</Text>
        </View>
        <Text className='em-row__meta'>
          每天探访一次并打卡；{CARE_CHECK_CUTOFF_HOUR}:00 后仍无人打卡会提醒包联人和网格长
        </Text>
        {rows.length === 0 ? <Text className='em-muted'>你还没有包联的关爱对象</Text> : null}
        {/* up to 100 read at once (CARE_LIMITS.mine): drawn a chunk at a time */}
        <ChunkedList rows={rows} keyOf={(r: CareMineRow) => r.personId}>
          {(r: CareMineRow) => <CareRowView row={r} mySlot={r.mySlot} mineToday={r.mineToday} />}
        </ChunkedList>
      </View>
      {rows.length ? (
        <SubscribeCard
          name='care-missed-subscribe'
          templateId={CARE_MISSED_TEMPLATE.id}
          title='接收未探访提醒'
          hint='你包联的人当天无人探访时，微信会提醒你一次；每订阅一次，提醒一次。'
          accepted={(n) => `已订阅：有人未被探访时会提醒你（还可提醒 ${n} 次）`}
          declined='你没有允许接收未探访提醒，可以稍后再订阅'
        />
      ) : null}
    </View>
  )
}
