/**
 * 卡口排班 (?id=<checkpointId>). One day of a checkpoint's shifts (today and the next six days to pick), each with its
 * seats: residents sign up or cancel their own seat; its leaders also see who is on each shift, who is on duty now,
 * the shifts not covered in the next 24 hours, the code of the minute to check in and out (shown on the phone or
 * posted at the gate), three 8-hour shifts made for a run of days, and 确认时长 once a shift is over.
 */
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { addDays } from '../../../../core/beijing-time'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { useElderClass } from '../../../hooks/use-elder-mode'
import { useRemotePage } from '../../../hooks/use-page-reload'
import { usePersonaReady } from '../../../hooks/use-persona'
import { messageOf } from '../../../manage/format'
import { Button } from '../../../manage/ui'
import { pageUrl } from '../../../routes'
import {
  addShifts,
  cancelSeat,
  confirmShift,
  DUTY_STATUS_LABELS,
  getCheckCode,
  getRoster,
  signUpForShift,
  THREE_SHIFTS,
  type DutyCheckCode,
  type Roster,
  type ShiftRow,
} from '../../../services/duty'
import { beijingDay, clock, dayLabel, shiftSpan, shiftWhen } from '../duty'
import '../../../manage/manage.css'
import '../duty.css'

const DAYS = 7

export default function RosterPage() {
  return usePersonaReady() ? <RosterOf /> : null
}

function RosterOf() {
  const id = useRouter().params.id ?? ''
  const [day, setDay] = useState(beijingDay(0))
  const className = useElderClass('app-page manage duty-roster')
  // another day is another load: the day's view is mounted afresh
  return (
    <View className={className}>
      <DayLoad key={day} id={id} day={day} onDay={setDay} />
    </View>
  )
}

function DayLoad({ id, day, onDay }: { id: string; day: string; onDay: (d: string) => void }) {
  const { state, reload } = useRemotePage(() => getRoster(id, day), { onReturn: true })
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  return <Day roster={state.data} day={day} onDay={onDay} reload={reload} />
}

function Day({
  roster,
  day,
  onDay,
  reload,
}: {
  roster: Roster
  day: string
  onDay: (d: string) => void
  reload: () => Promise<void>
}) {
  const [error, setError] = useState('')
  const [busy, setBusy] = useState('')
  const run = async (key: string, work: () => Promise<unknown>, done?: string) => {
    setBusy(key)
    setError('')
    try {
      await work()
      await reload()
      if (done) void Taro.showToast({ title: done, icon: 'none' })
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy('')
    }
  }
  const c = roster.checkpoint
  return (
    <View>
      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>{c.name}</Text>
          <Text className='card__hint'>{c.unit.name}</Text>
        </View>
        {c.place ? <Text className='duty-line'>{c.place}</Text> : null}
        {roster.leader ? (
          <Text className='duty-line'>值守每小时 {roster.pointsPerHour} 积分，确认时长后发放</Text>
        ) : null}
      </View>
      {roster.leader ? <Watch roster={roster} /> : null}
      {roster.leader ? <CodeCard checkpointId={c.id} /> : null}
      <View className='card'>
        <View className='choice-row'>
          {Array.from({ length: DAYS }, (_, i) => beijingDay(i)).map((d, i) => (
            <Text
              key={d}
              className={`choice choice--small duty-day${d === day ? ' choice--active' : ''}`}
              onClick={() => onDay(d)}
            >
              {i === 0 ? '今天' : i === 1 ? '明天' : dayLabel(d)}
            </Text>
          ))}
        </View>
        {error ? <Text className='manage-error'>{error}</Text> : null}
        {roster.shifts.length === 0 ? <Text className='duty-line'>{dayLabel(day)}还没有班次</Text> : null}
        {roster.shifts.map((s) => (
          <Shift
            key={s.id}
            shift={s}
            leader={roster.leader}
            busy={busy}
            onSignUp={() => void run(s.id, () => signUpForShift(s.id), '报名成功')}
            onCancel={(signupId) => void run(s.id, () => cancelSeat(signupId), '已取消')}
            onConfirm={() => void run(s.id, () => confirmShift(s.id), '已确认时长')}
          />
        ))}
      </View>
      {roster.leader ? (
        <MakeShifts
          day={day}
          busy={busy === 'make'}
          onMake={(days, capacity) =>
            void run(
              'make',
              () =>
                addShifts(
                  c.id,
                  day,
                  addDays(day, days - 1),
                  THREE_SHIFTS.map((t) => ({ ...t, capacity })),
                ),
              '已生成班次',
            )
          }
        />
      ) : null}
    </View>
  )
}

function Shift({
  shift: s,
  leader,
  busy,
  onSignUp,
  onCancel,
  onConfirm,
}: {
  shift: ShiftRow
  leader: boolean
  busy: string
  onSignUp: () => void
  onCancel: (signupId: string) => void
  onConfirm: () => void
}) {
  const now = Date.now()
  const started = Date.parse(s.startAt) <= now
  const ended = Date.parse(s.endAt) <= now
  const mine = s.mine && s.mine.status !== 'cancelled' ? s.mine : null
  const short = s.filled < s.capacity
  return (
    <View className='duty-shift'>
      <View className='duty-shift__head'>
        <Text className='duty-shift__time'>{shiftSpan(s)}</Text>
        <Text className={`duty-shift__seats${short ? ' duty-shift__seats--short' : ''}`}>
          {s.filled}/{s.capacity} 人{s.confirmedAt ? ' · 已确认' : ''}
        </Text>
      </View>
      {s.people ? (
        <Text className='duty-shift__people'>
          {s.people.length
            ? s.people
                .map((p) => `${p.name}${p.checkInAt ? (p.checkOutAt ? '（已签退）' : '（在岗）') : ''}`)
                .join('、')
            : '还没有人报名'}
        </Text>
      ) : null}
      {mine ? <Text className='duty-shift__people'>我：{DUTY_STATUS_LABELS[mine.status]}</Text> : null}
      {s.handover ? (
        <Text className='duty-note'>
          交接：{s.handover.note}（{s.handover.by} {clock(s.handover.at)}）
        </Text>
      ) : null}
      <View className='duty-shift__actions'>
        {!mine && !started && short ? (
          <Button size='small' type='primary' loading={busy === s.id} disabled={!!busy} onClick={onSignUp}>
            报名
          </Button>
        ) : null}
        {mine && mine.status === 'active' && !started ? (
          <Button size='small' fill='outline' type='primary' disabled={!!busy} onClick={() => onCancel(mine.signupId)}>
            取消报名
          </Button>
        ) : null}
        {mine || leader ? (
          <Button
            size='small'
            fill='outline'
            type='primary'
            onClick={() => void Taro.navigateTo({ url: pageUrl('dutyShift', { id: s.id }) })}
          >
            {mine ? '签到与交接' : '班次详情'}
          </Button>
        ) : null}
        {leader && ended && !s.confirmedAt ? (
          <Button size='small' type='primary' loading={busy === s.id} disabled={!!busy} onClick={onConfirm}>
            确认时长
          </Button>
        ) : null}
      </View>
    </View>
  )
}

function Watch({ roster }: { roster: Roster }) {
  return (
    <View className='card duty-watch'>
      <View className='card__head'>
        <Text className='card__title'>现在在岗</Text>
      </View>
      {roster.onDutyNow.length ? (
        roster.onDutyNow.map((d) => (
          <Text key={`${d.shiftId}-${d.name}`} className='duty-line'>
            {d.name} · {clock(d.checkInAt)} 签到
          </Text>
        ))
      ) : (
        <Text className='duty-warn'>现在没有人在岗签到</Text>
      )}
      {roster.uncovered.map((u) => (
        <Text key={u.shiftId} className='duty-warn'>
          {shiftWhen(u)} 还缺 {u.free} 人
        </Text>
      ))}
    </View>
  )
}

function CodeCard({ checkpointId }: { checkpointId: string }) {
  const [code, setCode] = useState<DutyCheckCode | null>(null)
  const [error, setError] = useState('')
  const show = async (kind: 'in' | 'out') => {
    setError('')
    try {
      setCode(await getCheckCode(checkpointId, kind))
    } catch (e) {
      setError(messageOf(e))
    }
  }
  return (
    <View className='card duty-code-card'>
      <View className='card__head'>
        <Text className='card__title'>签到码</Text>
        <Text className='card__hint'>每分钟更换</Text>
      </View>
      {code ? (
        <View>
          <Text className='duty-line'>{code.kind === 'in' ? '签到' : '签退'}码，请值守人员输入</Text>
          <Text className='duty-code'>{code.code}</Text>
          <Text className='duty-line'>{clock(code.validUntil)} 前有效</Text>
        </View>
      ) : null}
      {error ? <Text className='manage-error'>{error}</Text> : null}
      <View className='duty-shift__actions'>
        <Button size='small' type='primary' onClick={() => void show('in')}>
          显示签到码
        </Button>
        <Button size='small' fill='outline' type='primary' onClick={() => void show('out')}>
          显示签退码
        </Button>
      </View>
    </View>
  )
}

function MakeShifts({
  day,
  busy,
  onMake,
}: {
  day: string
  busy: boolean
  onMake: (days: number, capacity: number) => void
}) {
  const [days, setDays] = useState(7)
  const [capacity, setCapacity] = useState(2)
  return (
    <View className='card duty-make'>
      <View className='card__head'>
        <Text className='card__title'>生成班次</Text>
        <Text className='card__hint'>三班倒：0–8时、8–16时、16–24时</Text>
      </View>
      <Text className='manage-form__label'>从{dayLabel(day)}起</Text>
      <View className='choice-row'>
        {[1, 3, 7, 14].map((n) => (
          <Text
            key={n}
            className={`choice choice--small${n === days ? ' choice--active' : ''}`}
            onClick={() => setDays(n)}
          >
            {n}天
          </Text>
        ))}
      </View>
      <Text className='manage-form__label'>每班人数</Text>
      <View className='choice-row'>
        {[1, 2, 3, 4, 6].map((n) => (
          <Text
            key={n}
            className={`choice choice--small${n === capacity ? ' choice--active' : ''}`}
            onClick={() => setCapacity(n)}
          >
            {n}人
          </Text>
        ))}
      </View>
      <Button type='primary' block loading={busy} disabled={busy} onClick={() => onMake(days, capacity)}>
        生成班次
      </Button>
    </View>
  )
}
