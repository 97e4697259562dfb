/** 我包联的: the care persons I look after (四包一), not yet visited by me today first, with any 未探访. */
import { Text, View } from '@tarojs/components'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { useRemotePage } from '../../../hooks/use-page-reload'
import { CARE_CHECK_CUTOFF_HOUR, getMyCarePersons } from '../../../services/care'
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
        {rows.map((r) => (
          <CareRowView key={r.personId} row={r} mySlot={r.mySlot} mineToday={r.mineToday} />
        ))}
      </View>
    </View>
  )
}
