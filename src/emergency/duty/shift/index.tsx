/**
 * 值守班次 (?id=<shiftId>). One shift: when and where, the note the shift before left (for those taking over), my
 * seat, checking in and out with the checkpoint's code (typed, or scanned in the mini-program), and the handover note
 * for the next shift. Leaders see who is on it, and staff over the checkpoint put people of the reserve force (应急力量)
 * on it until it ends (安排值守: a running shift takes no sign-ups).
 */
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { useElderClass } from '../../../hooks/use-elder-mode'
import { useRemotePage } from '../../../hooks/use-page-reload'
import { usePersonaReady } from '../../../hooks/use-persona'
import { messageOf } from '../../../manage/format'
import { Button, Input } from '../../../manage/ui'
import { useRemote } from '../../../hooks/use-remote'
import { getReserve } from '../../../services/emergency'
import {
  assignToShift,
  checkInOnDuty,
  DUTY_LIMITS,
  DUTY_STATUS_LABELS,
  getShift,
  writeHandover,
  type ShiftDetail,
} from '../../../services/duty'
import { clock, shiftWhen } from '../duty'
import '../../../manage/manage.css'
import '../duty.css'

export default function ShiftPage() {
  return usePersonaReady() ? <ShiftOf /> : null
}

function ShiftOf() {
  const id = useRouter().params.id ?? ''
  const { state, reload } = useRemotePage(() => getShift(id))
  const className = useElderClass('app-page manage duty-shift-page')
  let body
  if (state.status === 'loading') body = <LoadingState />
  else if (state.status === 'error') body = <ErrorState error={state.error} onRetry={() => void reload()} />
  else body = <Detail detail={state.data} reload={reload} />
  return <View className={className}>{body}</View>
}

function Detail({ detail, reload }: { detail: ShiftDetail; reload: () => Promise<void> }) {
  const { shift: s, checkpoint: c, previousHandover: before } = detail
  const me = s.mine && s.mine.status !== 'cancelled' ? s.mine : null
  return (
    <View>
      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>{c.name}</Text>
          <Text className='card__hint'>
            {s.filled}/{s.capacity} 人
          </Text>
        </View>
        <Text className='duty-line'>{shiftWhen(s)}</Text>
        {c.place ? <Text className='duty-line'>{c.place}</Text> : null}
        {me ? <Text className='duty-line'>我：{DUTY_STATUS_LABELS[me.status]}</Text> : null}
        {me?.checkInAt ? <Text className='duty-line'>{clock(me.checkInAt)} 已签到</Text> : null}
        {me?.checkOutAt ? <Text className='duty-line'>{clock(me.checkOutAt)} 已签退</Text> : null}
        {s.people ? (
          <Text className='duty-shift__people'>
            本班：{s.people.length ? s.people.map((p) => p.name).join('、') : '还没有人报名'}
          </Text>
        ) : null}
      </View>
      {before ? (
        <View className='card'>
          <View className='card__head'>
            <Text className='card__title'>上一班交接</Text>
            <Text className='card__hint'>
              {before.by} {clock(before.at)}
            </Text>
          </View>
          <Text className='duty-note'>{before.note}</Text>
        </View>
      ) : null}
      {me && me.status === 'active' ? <CheckCard detail={detail} onDone={reload} /> : null}
      {detail.leader && Date.parse(s.endAt) > Date.now() && !s.confirmedAt ? (
        <AssignCard detail={detail} onDone={reload} />
      ) : null}
      {(me?.checkInAt || detail.leader) && !s.confirmedAt ? <HandoverCard detail={detail} onDone={reload} /> : null}
      {s.handover && !(me?.checkInAt || detail.leader) ? (
        <View className='card'>
          <Text className='duty-note'>交接：{s.handover.note}</Text>
        </View>
      ) : null}
    </View>
  )
}

function CheckCard({ detail, onDone }: { detail: ShiftDetail; onDone: () => Promise<void> }) {
  const me = detail.shift.mine
  const kind: 'in' | 'out' = me?.checkInAt ? 'out' : 'in'
  const label = kind === 'in' ? '签到' : '签退'
  const window = kind === 'in' ? detail.checkIn : detail.checkOut
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  if (me?.checkOutAt) return null
  const send = async (text: string) => {
    if (!text.trim()) return setError(`请输入卡口负责人出示的${label}码`)
    setBusy(true)
    setError('')
    try {
      await checkInOnDuty(detail.checkpoint.id, text.trim(), kind)
      setCode('')
      void Taro.showToast({ title: `${label}成功`, icon: 'none' })
      await onDone()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true })
      await send(res.result)
    } catch {
      // closed without scanning: nothing to send
    }
  }
  return (
    <View className='card duty-check'>
      <View className='card__head'>
        <Text className='card__title'>{label}</Text>
        <Text className='card__hint'>
          {clock(window.opensAt)}–{clock(window.closesAt)} 可{label}
        </Text>
      </View>
      <Input
        className='duty-input duty-check__code'
        type='digit'
        placeholder={`输入6位${label}码`}
        maxLength={6}
        value={code}
        onChange={(v: string) => {
          setCode(v)
          setError('')
        }}
      />
      {error ? <Text className='manage-error'>{error}</Text> : null}
      <View className='duty-shift__actions'>
        <Button type='primary' loading={busy} disabled={busy} onClick={() => void send(code)}>
          {label}
        </Button>
        {process.env.TARO_ENV === 'weapp' ? (
          <Button fill='outline' type='primary' disabled={busy} onClick={() => void scan()}>
            扫码{label}
          </Button>
        ) : null}
      </View>
    </View>
  )
}

function HandoverCard({ detail, onDone }: { detail: ShiftDetail; onDone: () => Promise<void> }) {
  const [note, setNote] = useState(detail.shift.handover?.note ?? '')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const save = async () => {
    if (!note.trim()) return setError('请写下交接内容')
    setBusy(true)
    setError('')
    try {
      await writeHandover(detail.shift.id, note.trim())
      void Taro.showToast({ title: '已保存交接', icon: 'none' })
      await onDone()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card duty-handover'>
      <View className='card__head'>
        <Text className='card__title'>交接班记录</Text>
        <Text className='card__hint'>下一班能看到</Text>
      </View>
      <Textarea
        className='duty-textarea'
        placeholder='如：东侧栏杆松动，已报物业；今晚有两车物资进出'
        maxlength={DUTY_LIMITS.note}
        value={note}
        onInput={(e) => {
          setNote(e.detail.value)
          setError('')
        }}
      />
      {error ? <Text className='manage-error'>{error}</Text> : null}
      <Button type='primary' block loading={busy} disabled={busy} onClick={() => void save()}>
        保存交接
      </Button>
    </View>
  )
}

/** Staff over the checkpoint pick people of its unit's reserve force (the first page); others see nothing here. */
function AssignCard({ detail, onDone }: { detail: ShiftDetail; onDone: () => Promise<void> }) {
  const s = detail.shift
  const { state } = useRemote(() => getReserve(detail.checkpoint.unit.id, {}))
  const [busy, setBusy] = useState('')
  const [error, setError] = useState('')
  if (state.status !== 'ok' || !state.data.rows.length) return null
  const on = new Set((s.people ?? []).filter((p) => p.status !== 'cancelled').map((p) => p.personId))
  const full = s.filled >= s.capacity
  const assign = async (personId: string, name: string) => {
    setBusy(personId)
    setError('')
    try {
      await assignToShift(s.id, personId)
      void Taro.showToast({ title: `已安排${name}`, icon: 'none' })
      await onDone()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy('')
    }
  }
  return (
    <View className='card duty-assign'>
      <View className='card__head'>
        <Text className='card__title'>安排值守</Text>
        <Text className='card__hint'>{full ? '本班人数已满' : '从应急力量中安排'}</Text>
      </View>
      {error ? <Text className='manage-error'>{error}</Text> : null}
      {state.data.rows.map((r) => (
        <View key={r.personId} className='duty-assign__row'>
          <Text className='duty-line'>
            {r.name} · {r.place.name}
          </Text>
          {on.has(r.personId) ? (
            <Text className='duty-line'>已在本班</Text>
          ) : full ? null : (
            <Button
              size='small'
              type='primary'
              fill='outline'
              loading={busy === r.personId}
              disabled={!!busy}
              onClick={() => void assign(r.personId, r.name)}
            >
              安排
            </Button>
          )}
        </View>
      ))}
    </View>
  )
}
