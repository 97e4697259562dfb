/**
 * 我的值守. My shifts at every checkpoint: running and coming ones soonest first (签到与交接 opens the shift), then the
 * last week's with the hours and points confirmed. The server pages both lists (duty.myShifts): the first page of
 * each comes in one call, 加载更多 under a list asks for its next page alone.
 */
import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ChunkedList } from '../../../components/ChunkedList'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { useElderClass } from '../../../hooks/use-elder-mode'
import { useRemotePage } from '../../../hooks/use-page-reload'
import { usePersonaReady } from '../../../hooks/use-persona'
import { pageUrl } from '../../../routes'
import { messageOf } from '../../../manage/format'
import { Button } from '../../../manage/ui'
import { DUTY_STATUS_LABELS, getMyShifts, type MyShift } from '../../../services/duty'
import { shiftWhen } from '../duty'
import '../../../manage/manage.css'
import '../duty.css'

export default function MyShiftsPage() {
  return usePersonaReady() ? <Mine /> : null
}

function Mine() {
  const { state, reload } = useRemotePage(() => getMyShifts(), { onReturn: true })
  const className = useElderClass('app-page manage duty-mine')
  let body
  if (state.status === 'loading') body = <LoadingState />
  else if (state.status === 'error') body = <ErrorState error={state.error} onRetry={() => void reload()} />
  else
    body = (
      <View>
        <Section
          title='要值守的班次'
          first={state.data.upcoming}
          next={state.data.nextUpcoming}
          list='upcoming'
          empty='还没有报名的班次，可在卡口排班里报名'
        />
        <Section
          title='最近一周'
          first={state.data.recent}
          next={state.data.nextRecent}
          list='recent'
          empty='最近一周没有值守'
        />
      </View>
    )
  return <View className={className}>{body}</View>
}

/** One list: its first page as the page's call answered it, then the pages 加载更多 adds. */
function Section({
  title,
  first,
  next: firstNext,
  list,
  empty,
}: {
  title: string
  first: MyShift[]
  next: string | null
  list: 'upcoming' | 'recent'
  empty: string
}) {
  const [rows, setRows] = useState(first)
  const [next, setNext] = useState(firstNext)
  const [status, setStatus] = useState<'ok' | 'more' | 'error'>('ok')
  const [error, setError] = useState('')
  const seq = useRef(0)
  // the page read again (back from a shift): start over from its first page
  useEffect(() => {
    seq.current++
    setRows(first)
    setNext(firstNext)
    setStatus('ok')
  }, [first, firstNext])
  const more = async () => {
    if (!next) return
    const mine = ++seq.current
    setStatus('more')
    try {
      const page = await getMyShifts(next)
      if (mine !== seq.current) return
      setRows((old) => [...old, ...(list === 'upcoming' ? page.upcoming : page.recent)])
      setNext(list === 'upcoming' ? page.nextUpcoming : page.nextRecent)
      setStatus('ok')
    } catch (e) {
      if (mine !== seq.current) return
      setError(messageOf(e))
      setStatus('error')
    }
  }
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
      {/* what changes below the rows in a block of its own: the rows are never sent again with it */}
      <View className='duty-list__foot'>
        {status === 'error' ? <Text className='manage-error'>{error}</Text> : null}
        {next ? (
          <Button
            className='duty-more'
            size='small'
            fill='outline'
            type='primary'
            loading={status === 'more'}
            disabled={status === 'more'}
            onClick={() => void more()}
          >
            加载更多
          </Button>
        ) : null}
      </View>
    </View>
  )
}
