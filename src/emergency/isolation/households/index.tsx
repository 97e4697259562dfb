/**
 * 隔离户. Grid chiefs and community or street staff pick one of their scopes and see each grid's figures (隔离中,
 * 今日应做, 已完成, 超时), the households in isolation now (提前结束), the overdue tasks, and mark a household home-isolated:
 * building → household, the first day, how many days, the times of 物资配送 (with what to bring) and 垃圾清运. A grid's
 * party leader reads the figures and the overdue tasks.
 */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { ChunkedList } from '../../../components/ChunkedList'
import { useRemote } from '../../../hooks/use-remote'
import { usePageReload } from '../../../hooks/use-page-reload'
import { InlineError } from '../../../manage/components/InlineError'
import { Button, Input } from '../../../manage/ui'
import {
  endIsolation,
  getIsolationFigures,
  getIsolationHomes,
  getIsolations,
  getOverdueTasks,
  ISOLATION_BOUNDS,
  ISOLATION_LIMITS,
  markIsolation,
  type IsolationCard,
  type IsolationTaskRow,
} from '../../../services/isolation'
import { Gate, messageOf, PagedFoot, usePaged } from '../../common'
import {
  beijingDay,
  dayLabel,
  GARBAGE_TIMES,
  leaderScopes,
  SUPPLY_TIMES,
  taskLine,
  taskTitle,
  type IsolationScope,
} from '../isolation'
import '../../../manage/manage.css'
import '../isolation.css'

export default function IsolationHouseholdsPage() {
  return (
    <Gate
      className='app-page manage iso-households'
      what='查看隔离户'
      allow={(me) => leaderScopes(me.roles).length > 0}
    >
      {(me) => <ForScopes scopes={leaderScopes(me.roles)} />}
    </Gate>
  )
}

function ForScopes({ scopes }: { scopes: IsolationScope[] }) {
  const [scope, setScope] = useState(scopes[0])
  const [marked, setMarked] = useState(0)
  return (
    <View>
      {scopes.length > 1 ? (
        <View className='card'>
          <Text className='manage-form__label'>以哪个身份查看</Text>
          <View className='choice-row'>
            {scopes.map((s) => (
              <Text
                key={s.key}
                className={`choice choice--small${s.key === scope.key ? ' choice--active' : ''}`}
                onClick={() => setScope(s)}
              >
                {s.name}
              </Text>
            ))}
          </View>
        </View>
      ) : null}
      <Figures key={`f-${scope.key}-${marked}`} unitId={scope.unitId} />
      {scope.keeps ? <MarkForm key={`m-${scope.key}`} scope={scope} onMarked={() => setMarked((n) => n + 1)} /> : null}
      {scope.keeps ? (
        <InForce key={`l-${scope.key}-${marked}`} unitId={scope.unitId} onEnded={() => setMarked((n) => n + 1)} />
      ) : null}
      <Overdue key={`o-${scope.key}-${marked}`} unitId={scope.unitId} />
    </View>
  )
}

function Figures({ unitId }: { unitId: string }) {
  const { state, reload } = useRemote(() => getIsolationFigures(unitId))
  usePageReload(reload, { onReturn: true })
  return (
    <View className='card iso-figures-card'>
      <View className='card__head'>
        <Text className='card__title'>今日情况</Text>
        {state.status === 'ok' ? <Text className='card__hint'>{dayLabel(state.data.day)}</Text> : null}
      </View>
      {state.status === 'loading' ? <Text className='iso-line'>加载中…</Text> : null}
      {state.status === 'error' ? <InlineError message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok'
        ? state.data.grids.map((g) => (
            <View key={g.grid.id} className='iso-grid'>
              {state.data.grids.length > 1 ? <Text className='iso-grid-name'>{g.grid.name}</Text> : null}
              <View className='iso-figures'>
                <Figure label='隔离中（户）' value={g.isolated} />
                <Figure label='今日应做' value={g.dueToday} />
                <Figure label='今日完成' value={g.doneToday} />
                <Figure label='超时未做' value={g.overdue} warn={g.overdue > 0} />
              </View>
            </View>
          ))
        : null}
    </View>
  )
}

function Figure({ label, value, warn }: { label: string; value: number; warn?: boolean }) {
  return (
    <View className='iso-figure'>
      <Text className={`iso-figure__value${warn ? ' iso-figure__value--warn' : ''}`}>{value}</Text>
      <Text className='iso-figure__label'>{label}</Text>
    </View>
  )
}

function Pick({
  options,
  value,
  onPick,
}: {
  options: readonly { id: string; name: string }[]
  value: string | null
  onPick: (id: string) => void
}) {
  return (
    <View className='choice-row'>
      {options.map((o) => (
        <Text
          key={o.id}
          className={`choice choice--small${o.id === value ? ' choice--active' : ''}`}
          onClick={() => onPick(o.id)}
        >
          {o.name}
        </Text>
      ))}
    </View>
  )
}

function Times({
  options,
  value,
  onChange,
}: {
  options: readonly string[]
  value: string[]
  onChange: (v: string[]) => void
}) {
  return (
    <View className='choice-row'>
      {options.map((t) => (
        <Text
          key={t}
          className={`choice choice--small${value.includes(t) ? ' choice--active' : ''}`}
          onClick={() => onChange(value.includes(t) ? value.filter((x) => x !== t) : [...value, t].sort())}
        >
          {t}
        </Text>
      ))}
    </View>
  )
}

/** grid → building → household; a community's keeper first picks the grid. */
function HomePicker({
  scope,
  value,
  onPick,
}: {
  scope: IsolationScope
  value: string | null
  onPick: (home: { id: string; name: string } | null) => void
}) {
  const isGrid = scope.role === 'gridChief'
  const [grid, setGrid] = useState<string | null>(isGrid ? scope.unitId : null)
  const [building, setBuilding] = useState<string | null>(null)
  return (
    <View>
      {!isGrid ? (
        <Level
          label='网格'
          load={() => getIsolationFigures(scope.unitId).then((f) => f.grids.map((g) => g.grid))}
          value={grid}
          onPick={(g) => {
            setGrid(g.id)
            setBuilding(null)
            onPick(null)
          }}
        />
      ) : null}
      {grid ? (
        <Level
          key={`b-${grid}`}
          label='楼栋'
          load={() => getIsolationHomes(grid).then((r) => r.rows)}
          value={building}
          onPick={(b) => {
            setBuilding(b.id)
            onPick(null)
          }}
        />
      ) : null}
      {building ? (
        <Level
          key={`h-${building}`}
          label='住户'
          load={() => getIsolationHomes(building).then((r) => r.rows)}
          value={value}
          onPick={onPick}
        />
      ) : null}
    </View>
  )
}

function Level({
  label,
  load,
  value,
  onPick,
}: {
  label: string
  load: () => Promise<{ id: string; name: string }[]>
  value: string | null
  onPick: (o: { id: string; name: string }) => void
}) {
  const { state, reload } = useRemote(load)
  return (
    <View className='iso-level'>
      <Text className='manage-form__label'>{label}</Text>
      {state.status === 'loading' ? <Text className='iso-line'>加载中…</Text> : null}
      {state.status === 'error' ? <InlineError message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' ? (
        <Pick
          options={state.data}
          value={value}
          onPick={(id) => onPick(state.data.find((o) => o.id === id) ?? { id, name: '' })}
        />
      ) : null}
    </View>
  )
}

function MarkForm({ scope, onMarked }: { scope: IsolationScope; onMarked: () => void }) {
  const [household, setHousehold] = useState<{ id: string; name: string } | null>(null)
  const [start, setStart] = useState(0)
  const [days, setDays] = useState('14')
  const [reason, setReason] = useState('')
  const [supplies, setSupplies] = useState<string[]>(['10:00'])
  const [note, setNote] = useState('')
  const [garbage, setGarbage] = useState<string[]>(['09:00', '17:00'])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [message, setMessage] = useState('')
  const submit = async () => {
    if (!household) return setError('请选择要标记的住户')
    const n = Number(days)
    if (!Number.isInteger(n) || n < 1 || n > ISOLATION_BOUNDS.days)
      return setError(`隔离天数应为 1–${ISOLATION_BOUNDS.days} 天`)
    if (!supplies.length && !garbage.length) return setError('请至少安排一项物资配送或垃圾清运')
    if (busy) return
    setBusy(true)
    setError('')
    try {
      const card = await markIsolation({
        householdId: household.id,
        startDay: beijingDay(start),
        days: n,
        reason: reason.trim(),
        supplies: { times: supplies, note: note.trim() },
        garbage: { times: garbage },
      })
      setMessage(`已标记 ${card.household.name} 居家隔离 ${card.days} 天，安排了 ${card.tasks} 项服务`)
      setHousehold(null)
      onMarked()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  const clear = () => {
    setError('')
    setMessage('')
  }
  return (
    <View className='card iso-mark'>
      <View className='card__head'>
        <Text className='card__title'>标记隔离户</Text>
        <Text className='card__hint'>{scope.name}</Text>
      </View>
      <HomePicker
        scope={scope}
        value={household?.id ?? null}
        onPick={(home) => {
          setHousehold(home)
          clear()
        }}
      />
      <Text className='manage-form__label'>开始日期</Text>
      <Pick
        options={[
          { id: '0', name: `今天（${dayLabel(beijingDay(0))}）` },
          { id: '1', name: `明天（${dayLabel(beijingDay(1))}）` },
        ]}
        value={String(start)}
        onPick={(id) => setStart(Number(id))}
      />
      <Text className='manage-form__label'>隔离天数</Text>
      <Input
        className='iso-input iso-mark__days'
        type='number'
        value={days}
        maxLength={2}
        onChange={(v: string) => setDays(v)}
      />
      <Text className='manage-form__label'>物资配送时间（每天）</Text>
      <Times options={SUPPLY_TIMES} value={supplies} onChange={setSupplies} />
      <Input
        className='iso-input iso-mark__note'
        placeholder='需要带的物资，如：米、菜、牛奶'
        maxLength={ISOLATION_LIMITS.note}
        value={note}
        onChange={(v: string) => setNote(v)}
      />
      <Text className='manage-form__label'>垃圾清运时间（每天）</Text>
      <Times options={GARBAGE_TIMES} value={garbage} onChange={setGarbage} />
      <Text className='manage-form__label'>说明（选填）</Text>
      <Input
        className='iso-input iso-mark__reason'
        placeholder='如：密切接触者，居家观察'
        maxLength={ISOLATION_LIMITS.reason}
        value={reason}
        onChange={(v: string) => setReason(v)}
      />
      {household ? <Text className='iso-line'>将标记：{household.name}</Text> : null}
      {error ? <Text className='manage-error'>{error}</Text> : null}
      {message ? <Text className='manage-message'>{message}</Text> : null}
      <Button
        className='iso-mark__submit'
        type='primary'
        block
        loading={busy}
        disabled={busy}
        onClick={() => void submit()}
      >
        标记为居家隔离
      </Button>
    </View>
  )
}

function InForce({ unitId, onEnded }: { unitId: string; onEnded: () => void }) {
  const list = usePaged((cursor) => getIsolations(unitId, cursor))
  const [error, setError] = useState('')
  const end = async (c: IsolationCard) => {
    setError('')
    try {
      await endIsolation(c.id)
      onEnded()
    } catch (e) {
      setError(messageOf(e))
    }
  }
  return (
    <View className='card iso-list'>
      <View className='card__head'>
        <Text className='card__title'>隔离中的住户</Text>
      </View>
      {error ? <Text className='manage-error'>{error}</Text> : null}
      <ChunkedList rows={list.rows} keyOf={(c) => c.id}>
        {(c) => (
          <View className='iso-row iso-household'>
            <View className='iso-row__head'>
              <Text className='iso-row__title'>
                {c.grid.name} {c.household.name}
              </Text>
              <Button size='small' fill='outline' type='primary' onClick={() => void end(c)}>
                提前结束
              </Button>
            </View>
            <Text className='iso-line'>
              {dayLabel(c.startDay)}至{dayLabel(c.lastDay)}，共 {c.days} 天{c.reason ? ` · ${c.reason}` : ''}
            </Text>
            <Text className='iso-line'>
              物资配送 {c.supplies.times.join('、') || '无'} · 垃圾清运 {c.garbage.times.join('、') || '无'}
            </Text>
          </View>
        )}
      </ChunkedList>
      <PagedFoot list={list} empty='现在没有居家隔离的住户' />
    </View>
  )
}

function Overdue({ unitId }: { unitId: string }) {
  const list = usePaged((cursor) => getOverdueTasks(unitId, cursor))
  return (
    <View className='card iso-overdue'>
      <View className='card__head'>
        <Text className='card__title'>超时未完成的任务</Text>
      </View>
      <ChunkedList rows={list.rows} keyOf={(t: IsolationTaskRow) => t.id}>
        {(t: IsolationTaskRow) => (
          <View className='iso-row'>
            <View className='iso-row__head'>
              <Text className='iso-row__title'>{t.household.name}</Text>
              <Text className='iso-row__state iso-row__state--open'>{taskLine(t)}</Text>
            </View>
            <Text className='iso-line'>{taskTitle(t)}</Text>
          </View>
        )}
      </ChunkedList>
      <PagedFoot list={list} empty='没有超时的任务' />
    </View>
  )
}
