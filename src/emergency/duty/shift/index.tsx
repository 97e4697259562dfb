/**
 * 值守班次 (?id=<shiftId>). One shift: when and where, the note the shift before left (for those taking over), my
 * seat, checking in and out with the checkpoint's code (typed, or scanned in the mini-program), and the handover note
 * for the next shift. Leaders see who is on it, and staff over the checkpoint put people of the reserve force (应急力量)
 * on it until it ends (安排值守: a running shift takes no sign-ups).
 */
import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { useElderClass } from '../../../hooks/use-elder-mode'
import { useRemotePage } from '../../../hooks/use-page-reload'
import { usePersonaReady } from '../../../hooks/use-persona'
import { messageOf } from '../../../manage/format'
import { Button, Input } from '../../../manage/ui'
import {
  assignToShift,
  findPeopleForShift,
  type DutyCandidate,
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

interface Found {
  suggestions: DutyCandidate[]
  rows: DutyCandidate[]
  next: string | null
}

/**
 * Keepers over the checkpoint find people of its community by name (duty.findPeople, a page at a time) and put them
 * on the shift until it ends. Before a name is typed, the reserve force called up for the emergency who said they
 * come (应急力量) are offered first; phones come masked unless the caller looks after the person's home.
 */
function AssignCard({ detail, onDone }: { detail: ShiftDetail; onDone: () => Promise<void> }) {
  const s = detail.shift
  const [name, setName] = useState('')
  const [asked, setAsked] = useState('')
  const [found, setFound] = useState<Found | null>(null)
  const [status, setStatus] = useState<'loading' | 'more' | 'ok' | 'error'>('loading')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState('')
  const seq = useRef(0)
  const search = async (text: string, cursor?: string) => {
    const mine = ++seq.current
    setStatus(cursor ? 'more' : 'loading')
    setError('')
    try {
      const page = await findPeopleForShift(s.id, text, cursor)
      if (mine !== seq.current) return
      setAsked(text)
      setFound((old) =>
        cursor && old
          ? { suggestions: old.suggestions, rows: [...old.rows, ...page.rows], next: page.nextCursor }
          : { suggestions: page.suggestions, rows: page.rows, next: page.nextCursor },
      )
      setStatus('ok')
    } catch (e) {
      if (mine !== seq.current) return
      setError(messageOf(e))
      setStatus('error')
    }
  }
  useEffect(() => {
    void search('')
    // the shift's id is all a first search needs
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [s.id])
  const on = new Set((s.people ?? []).filter((p) => p.status !== 'cancelled').map((p) => p.personId))
  const full = s.filled >= s.capacity
  const assign = async (personId: string, who: string) => {
    setBusy(personId)
    setError('')
    try {
      await assignToShift(s.id, personId)
      void Taro.showToast({ title: `已安排${who}`, icon: 'none' })
      await onDone()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy('')
    }
  }
  const row = (r: DutyCandidate) => (
    <View key={r.personId} className='duty-assign__row'>
      <View className='duty-assign__who'>
        <Text className='duty-assign__name'>
          {r.name}
          {r.reserve ? <Text className='duty-assign__tag'>应急力量</Text> : null}
        </Text>
        <Text className='duty-assign__where'>{[r.where, r.phone].filter(Boolean).join(' · ')}</Text>
      </View>
      {on.has(r.personId) || r.onShift ? (
        <Text className='duty-assign__on'>已在本班</Text>
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
  )
  const text = name.trim()
  return (
    <View className='card duty-assign'>
      <View className='card__head'>
        <Text className='card__title'>安排值守</Text>
        <Text className='card__hint'>{full ? '本班人数已满' : `还可安排 ${s.capacity - s.filled} 人`}</Text>
      </View>
      <View className='duty-assign__search'>
        <Input
          className='duty-input duty-assign__input'
          placeholder='输入姓名，查找本社区的人'
          maxLength={DUTY_LIMITS.search}
          value={name}
          onChange={(v: string) => setName(v)}
          onConfirm={() => void search(text)}
        />
        <Button size='small' type='primary' loading={status === 'loading'} onClick={() => void search(text)}>
          查找
        </Button>
      </View>
      {error ? <Text className='manage-error'>{error}</Text> : null}
      {found?.suggestions.length ? (
        <View className='duty-assign__group'>
          <Text className='duty-assign__label'>已应召到岗的应急力量</Text>
          {found.suggestions.map(row)}
        </View>
      ) : null}
      {found && asked ? (
        <View className='duty-assign__group duty-assign__found'>
          <Text className='duty-assign__label'>查找“{asked}”的结果</Text>
          {found.rows.map(row)}
          {!found.rows.length && !found.suggestions.length ? (
            <Text className='duty-line'>本社区没有找到叫“{asked}”的人</Text>
          ) : null}
        </View>
      ) : null}
      {found && !asked && !found.suggestions.length ? (
        <Text className='duty-line'>输入姓名查找本社区的居民和工作人员</Text>
      ) : null}
      <View className='duty-list__foot'>
        {found?.next ? (
          <Button
            className='duty-more'
            size='small'
            fill='outline'
            type='primary'
            loading={status === 'more'}
            disabled={status === 'more'}
            onClick={() => void search(asked, found.next ?? undefined)}
          >
            加载更多
          </Button>
        ) : null}
      </View>
    </View>
  )
}
