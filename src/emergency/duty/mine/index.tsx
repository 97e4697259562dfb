/**
 * 我的值守. My shifts at every checkpoint: running and coming ones soonest first (签到与交接 opens the shift), then the
 * last week's with the hours and points confirmed.
 */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ChunkedList } from '../../../components/ChunkedList'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { useElderClass } from '../../../hooks/use-elder-mode'
import { useRemotePage } from '../../../hooks/use-page-reload'
import { usePersonaReady } from '../../../hooks/use-persona'
import { pageUrl } from '../../../routes'
import { DUTY_STATUS_LABELS, getMyShifts, type MyShift } from '../../../services/duty'
import { shiftWhen } from '../duty'
import '../../../manage/manage.css'
import '../duty.css'

export default function MyShiftsPage() {
  return usePersonaReady() ? <Mine /> : null
}

function Mine() {
  const { state, reload } = useRemotePage(getMyShifts, { onReturn: true })
  const className = useElderClass('app-page manage duty-mine')
  let body
  if (state.status === 'loading') body = <LoadingState />
  else if (state.status === 'error') body = <ErrorState error={state.error} onRetry={() => void reload()} />
  else
    body = (
      <View>
        <Section title='要值守的班次' rows={state.data.upcoming} empty='还没有报名的班次，可在卡口排班里报名' />
        <Section title='最近一周' rows={state.data.recent} empty='最近一周没有值守' />
      </View>
    )
  return <View className={className}>{body}</View>
}

function Section({ title, rows, empty }: { title: string; rows: MyShift[]; empty: string }) {
  return (
    <View className='card'>
      <View className='card__head'>
        <Text className='card__title'>{title}</Text>
      </View>
      {rows.length === 0 ? <Text className='duty-line'>{empty}</Text> : null}
      {/* a month of shifts is a long list: drawn a few chunks at a time */}
      <ChunkedList rows={rows} keyOf={(r) => r.shift.id}>
        {({ shift: s, checkpoint: c }) => {
          const me = s.mine
          return (
            <View
              className='duty-shift duty-mine-row'
              onClick={() => void Taro.navigateTo({ url: pageUrl('dutyShift', { id: s.id }) })}
            >
              <View className='duty-shift__head'>
                <Text className='duty-shift__time'>{c.name}</Text>
                <Text className='duty-shift__seats'>{me ? DUTY_STATUS_LABELS[me.status] : ''}</Text>
              </View>
              <Text className='duty-shift__people'>
                {shiftWhen(s)}
                {c.place ? ` · ${c.place}` : ''}
              </Text>
              {me?.status === 'earned' ? (
                <Text className='duty-shift__people'>
                  值守 {Math.round(((me.minutes ?? 0) / 60) * 10) / 10} 小时，得 {me.points ?? 0} 积分
                </Text>
              ) : null}
            </View>
          )
        }}
      </ChunkedList>
    </View>
  )
}
