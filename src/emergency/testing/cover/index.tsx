/**
 * 采样覆盖 (?roundId&unitId): a unit of the round — households, booked, done and the share done, from the round's
 * counters — and its children to open one level down (community → grid → building), a page at a time. A building
 * shows each slot's door-to-done (叫号 → 采样完成, median and worst) against the 20-minute goal, and 未采住户: every
 * household not yet tested, booked or not (不落一户).
 */
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { useRemote } from '../../../hooks/use-remote'
import { LeaderGate } from '../../../manage/components/LeaderGate'
import { pageUrl } from '../../../routes'
import { toServiceError } from '../../../services/errors'
import type { RoleView } from '../../../services/grid'
import {
  clock,
  dayLabel,
  getCoverage,
  getNotDone,
  share,
  type TestingCoverage,
  type TestingNotDoneRow,
} from '../../../services/testing'
import { ChunkedList } from '../../../components/ChunkedList'
import { Button } from '../../../ui/nutui'
import { Figures } from '../parts'
import '../testing.css'

const leads = (roles: RoleView[]) => (roles.some((r) => r.role !== 'resident' && r.role !== 'merchant') ? true : null)

export default function CoveragePage() {
  return (
    <LeaderGate className='app-page testing-coverage' what='采样覆盖' scopeOf={leads}>
      {() => <Coverage />}
    </LeaderGate>
  )
}

function Coverage() {
  const { roundId = '', unitId } = useRouter().params
  const { state, reload } = useRemote(() => getCoverage(roundId, unitId))
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  return <CoverageView view={state.data} />
}

function CoverageView({ view }: { view: TestingCoverage }) {
  const [children, setChildren] = useState(view.children)
  const [cursor, setCursor] = useState(view.nextCursor)
  const [error, setError] = useState('')
  const more = async () => {
    try {
      const next = await getCoverage(view.round.id, view.unit.id, cursor ?? undefined)
      setChildren((c) => [...c, ...next.children])
      setCursor(next.nextCursor)
    } catch (e) {
      setError(toServiceError(e).message)
    }
  }
  const open = (unitId: string) =>
    void Taro.navigateTo({ url: pageUrl('testingCoverage', { roundId: view.round.id, unitId }) })
  const building = view.unit.level === 'microgrid'
  return (
    <View>
      <View className='card coverage-unit'>
        <Text className='tt-title'>{view.unit.name}</Text>
        <Text className='tt-meta'>
          {view.round.name} · {dayLabel(view.round.date)}
        </Text>
        <Figures households={view.unit.households} booked={view.unit.booked} done={view.unit.done} />
      </View>
      {children.length ? (
        <View className='card'>
          <ChunkedList rows={children} keyOf={(c) => c.id}>
            {(c) => (
              <View className='tt-row coverage-child' onClick={() => open(c.id)}>
                <View className='tt-row__main'>
                  <Text>{c.name}</Text>
                  <Text className='tt-row__meta'>
                    {c.households} 户 · 已约 {c.booked} · 已采 {c.done}
                  </Text>
                </View>
                <Text className='tt-row__side'>{share(c.done, c.households)} ›</Text>
              </View>
            )}
          </ChunkedList>
          <View className='tt-foot'>
            {cursor ? (
              <Button className='testing-more' fill='none' block onClick={() => void more()}>
                更多
              </Button>
            ) : null}
          </View>
        </View>
      ) : null}
      {error ? <Text className='tt-error'>{error}</Text> : null}
      {building ? <Slots view={view} /> : null}
      {building ? <NotDone roundId={view.round.id} buildingId={view.unit.id} /> : null}
    </View>
  )
}

function Slots({ view }: { view: TestingCoverage }) {
  if (!view.slots.length) return null
  return (
    <View className='card'>
      <Text className='tt-title'>各时段用时（叫号到采完，目标 {view.round.goalMinutes} 分钟内）</Text>
      {view.slots.map((s) => (
        <View key={s.slotId} className='tt-row coverage-slot'>
          <View className='tt-row__main'>
            <Text>{clock(s.startAt)}</Text>
            <Text className='tt-row__meta'>已采 {s.done} 户</Text>
          </View>
          <Text className={`tt-row__side ${s.withinGoal === false ? 'tt-late' : 'tt-ok'}`}>
            {s.medianMinutes === null ? '尚未采样' : `中位 ${s.medianMinutes} 分 · 最长 ${s.worstMinutes} 分`}
          </Text>
        </View>
      ))}
    </View>
  )
}

function NotDone({ roundId, buildingId }: { roundId: string; buildingId: string }) {
  const [rows, setRows] = useState<TestingNotDoneRow[] | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const load = async (from?: string) => {
    setBusy(true)
    setError('')
    try {
      const page = await getNotDone(roundId, buildingId, from)
      setRows((r) => [...(from ? (r ?? []) : []), ...page.rows])
      setCursor(page.nextCursor)
    } catch (e) {
      setError(toServiceError(e).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card'>
      <Text className='tt-title'>未采住户</Text>
      {rows === null ? (
        <Button className='coverage-not-done' fill='outline' block disabled={busy} onClick={() => void load()}>
          查看还没采样的住户
        </Button>
      ) : rows.length ? (
        <ChunkedList rows={rows} keyOf={(r) => r.householdId}>
          {(r) => (
            <View className='tt-row not-done-row'>
              <Text className='tt-row__main'>{r.door}</Text>
              <Text className='tt-row__side'>
                {r.slotStartAt ? `${clock(r.slotStartAt)}${r.calledAt ? ' 已叫号' : ''}` : '未排时段'}
              </Text>
            </View>
          )}
        </ChunkedList>
      ) : (
        <Text className='tt-hint'>本楼住户都已完成采样。</Text>
      )}
      <View className='tt-foot'>
        {rows !== null && cursor ? (
          <Button className='testing-more' fill='none' block disabled={busy} onClick={() => void load(cursor)}>
            更多
          </Button>
        ) : null}
        {error ? <Text className='tt-error'>{error}</Text> : null}
      </View>
    </View>
  )
}
