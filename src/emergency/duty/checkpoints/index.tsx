/**
 * 卡口值守. Leaders (a grid's chief and party leader, community and street staff) pick one of their scopes, see the
 * warnings of the next 24 hours (shifts not fully covered, anyone on two overlapping shifts), set up a checkpoint at
 * a grid's or community's gate, and open a checkpoint's roster. Residents see their community's checkpoints, to
 * sign up for a shift, and 我的值守.
 */
import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, LoadingState, NotJoinedState } from '../../../components/PageState'
import { useElderClass } from '../../../hooks/use-elder-mode'
import { usePageReload } from '../../../hooks/use-page-reload'
import { usePersonaReady } from '../../../hooks/use-persona'
import { useRemote } from '../../../hooks/use-remote'
import { ChunkedList } from '../../../components/ChunkedList'
import { InlineError } from '../../../manage/components/InlineError'
import { messageOf } from '../../../manage/format'
import { Button, Input } from '../../../manage/ui'
import { pageUrl } from '../../../routes'
import {
  createCheckpoint,
  newTapId,
  DUTY_LIMITS,
  getCheckpoints,
  getDutyWarnings,
  type CheckpointCard,
  type DutyWarnings,
} from '../../../services/duty'
import { getMe, type MeResult } from '../../../services/grid'
import { dayClock, keeperScopes, shiftWhen, type DutyScope } from '../duty'
import '../../../manage/manage.css'
import '../duty.css'

export default function CheckpointsPage() {
  return usePersonaReady() ? <Checkpoints /> : null
}

function Checkpoints() {
  const { state, reload } = useRemote(getMe)
  const className = useElderClass('app-page manage duty-checkpoints')
  let body
  if (state.status === 'loading') body = <LoadingState />
  else if (state.status === 'error') body = <ErrorState error={state.error} onRetry={() => void reload()} />
  else if (!state.data.person) body = <NotJoinedState />
  else body = <ForMe me={state.data} />
  return <View className={className}>{body}</View>
}

function ForMe({ me }: { me: MeResult }) {
  const scopes = keeperScopes(me.roles)
  const community = me.grid?.community
  const [scope, setScope] = useState<DutyScope | null>(scopes[0] ?? null)
  const unitId = scope?.unitId ?? community?.id
  const [created, setCreated] = useState(0)
  return (
    <View>
      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>我的值守</Text>
          <Text className='duty-link' onClick={() => void Taro.navigateTo({ url: pageUrl('dutyMine') })}>
            查看我的班次 ›
          </Text>
        </View>
      </View>
      {scopes.length > 1 ? (
        <View className='card'>
          <Text className='manage-form__label'>以哪个身份管理</Text>
          <View className='choice-row'>
            {scopes.map((s) => (
              <Text
                key={s.key}
                className={`choice choice--small${s.key === scope?.key ? ' choice--active' : ''}`}
                onClick={() => setScope(s)}
              >
                {s.name}
              </Text>
            ))}
          </View>
        </View>
      ) : null}
      {scope ? <Warnings key={`w-${scope.key}`} unitId={scope.unitId} /> : null}
      {scope && scope.role !== 'streetStaff' ? (
        <CreateForm key={`c-${scope.key}`} scope={scope} onCreated={() => setCreated((n) => n + 1)} />
      ) : null}
      {unitId ? (
        <List key={`${unitId}-${created}`} unitId={unitId} title={scope ? '卡口' : `${community?.name ?? ''}的卡口`} />
      ) : (
        <View className='card'>
          <Text className='duty-line'>加入网格后可以报名所在社区的卡口值守。</Text>
        </View>
      )}
    </View>
  )
}

function Warnings({ unitId }: { unitId: string }) {
  const { state, reload } = useRemote(() => getDutyWarnings(unitId))
  usePageReload(reload, { onReturn: true })
  if (state.status === 'loading') return null
  if (state.status === 'error')
    return (
      <View className='card'>
        <InlineError message={state.error.message} onRetry={() => void reload()} />
      </View>
    )
  const w: DutyWarnings = state.data
  return (
    <View className='card duty-warnings'>
      <View className='card__head'>
        <Text className='card__title'>未来24小时提醒</Text>
      </View>
      {w.uncovered.length === 0 && w.overlaps.length === 0 ? <Text className='duty-line'>班次都已排满</Text> : null}
      {w.uncovered.map((u) => (
        <Text key={u.shiftId} className='duty-warn'>
          {u.checkpoint} {shiftWhen(u)} 还缺 {u.free} 人
        </Text>
      ))}
      {w.overlaps.map((o) => (
        <Text key={o.personId} className='duty-warn'>
          {o.name} 同时排在 {o.shifts.map((s) => `${s.checkpoint} ${dayClock(s.startAt)}`).join('、')}，请调整
        </Text>
      ))}
      {w.more ? <Text className='duty-line'>只列出最近的一部分</Text> : null}
    </View>
  )
}

function CreateForm({ scope, onCreated }: { scope: DutyScope; onCreated: () => void }) {
  const [name, setName] = useState('')
  const [place, setPlace] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [message, setMessage] = useState('')
  // one id per checkpoint being made: a retry after a lost answer, or a second tap, gets the first one back
  const [tapId, setTapId] = useState(newTapId)
  const submit = async () => {
    if (!name.trim()) return setError('请填写卡口名称')
    if (busy) return
    setBusy(true)
    setError('')
    try {
      const cp = await createCheckpoint(scope.unitId, name.trim(), place.trim(), tapId)
      setTapId(newTapId())
      setName('')
      setPlace('')
      setMessage(`已设置卡口：${cp.name}`)
      onCreated()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card duty-create'>
      <View className='card__head'>
        <Text className='card__title'>新设卡口</Text>
        <Text className='card__hint'>{scope.name}</Text>
      </View>
      <Text className='manage-form__label'>卡口名称</Text>
      <Input
        className='duty-input duty-create__name'
        placeholder='如：东门卡口'
        maxLength={DUTY_LIMITS.name}
        value={name}
        onChange={(v: string) => {
          setName(v)
          setError('')
          setMessage('')
        }}
      />
      <Text className='manage-form__label'>位置说明</Text>
      <Input
        className='duty-input duty-create__place'
        placeholder='如：小区东门岗亭'
        maxLength={DUTY_LIMITS.place}
        value={place}
        onChange={(v: string) => setPlace(v)}
      />
      {error ? <Text className='manage-error'>{error}</Text> : null}
      {message ? <Text className='manage-message'>{message}</Text> : null}
      <Button type='primary' block loading={busy} disabled={busy} onClick={() => void submit()}>
        设置卡口
      </Button>
    </View>
  )
}

function List({ unitId, title }: { unitId: string; title: string }) {
  const [rows, setRows] = useState<CheckpointCard[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [status, setStatus] = useState<'loading' | 'ok' | 'error'>('loading')
  const [error, setError] = useState('')
  const load = useCallback(
    async (cursor?: string) => {
      setStatus('loading')
      try {
        const page = await getCheckpoints(unitId, cursor)
        setRows((r) => (cursor ? [...r, ...page.rows] : page.rows))
        setNext(page.nextCursor)
        setStatus('ok')
      } catch (e) {
        setError(messageOf(e))
        setStatus('error')
      }
    },
    [unitId],
  )
  useEffect(() => {
    void load()
  }, [load])
  usePageReload(() => load())
  return (
    <View className='card duty-list'>
      <View className='card__head'>
        <Text className='card__title'>{title}</Text>
      </View>
      {status === 'ok' && rows.length === 0 ? <Text className='duty-line'>还没有设置卡口</Text> : null}
      <ChunkedList rows={rows} keyOf={(c) => c.id}>
        {(c) => (
          <View
            className='duty-shift duty-checkpoint'
            onClick={() => void Taro.navigateTo({ url: pageUrl('dutyRoster', { id: c.id }) })}
          >
            <View className='duty-shift__head'>
              <Text className='duty-shift__time'>{c.name}</Text>
              <Text className='duty-link'>排班 ›</Text>
            </View>
            <Text className='duty-shift__people'>
              {c.unit.name}
              {c.place ? ` · ${c.place}` : ''}
            </Text>
          </View>
        )}
      </ChunkedList>
      {/* what changes below the rows in a block of its own: the rows are never sent again with it */}
      <View className='duty-list__foot'>
        {status === 'error' ? <InlineError message={error} onRetry={() => void load()} /> : null}
        {status === 'loading' ? <Text className='duty-line'>加载中…</Text> : null}
        {status === 'ok' && next ? (
          <Button className='duty-more' size='small' fill='outline' type='primary' onClick={() => void load(next)}>
            加载更多
          </Button>
        ) : null}
      </View>
    </View>
  )
}
