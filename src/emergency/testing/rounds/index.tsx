/**
 * 错时采样 (leaders): the testing rounds over my unit (its community's, the grid's), each with its coverage to open;
 * for staff and a grid's chief or party leader, a new round over their community or grid: name, day, one site with
 * its place (I work it; more workers are named on the cloud's side later), then every building's slots from one
 * simple plan (from 08:00, 20 minutes a slot, 10 households a slot) and every household assigned, step by step.
 */
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { useRemote } from '../../../hooks/use-remote'
import { LeaderGate } from '../../../manage/components/LeaderGate'
import { addDays, beijingToday } from '../../../../core/beijing-time'
import { TESTING_KEEPERS } from '../../../../core/permissions'
import { LEADER_ROLES } from '../../../../core/roles'
import { pageUrl } from '../../../routes'
import { toServiceError } from '../../../services/errors'
import { getMe, type RoleView } from '../../../services/grid'
import {
  assignAll,
  createTestingRound,
  dayLabel,
  getTestingRound,
  getTestingRounds,
  newTapId,
  planTestingSlots,
  share,
  TESTING_LIMITS,
} from '../../../services/testing'
import { Button } from '../../../ui/nutui'
import { Input } from '../../../ui/nutui-form'
import { Chips } from '../parts'
import '../testing.css'

/** The plan every building gets from this page. */
const PLAN = { startTime: '08:00', minutes: 20, capacity: 10 }

const scopesOf = (roles: RoleView[]) => {
  const leading = roles.filter((r) => LEADER_ROLES.includes(r.role) && r.level !== 'street')
  return leading.length ? leading : null
}

export default function RoundsPage() {
  return (
    <LeaderGate className='app-page testing-rounds' what='错时采样' scopeOf={scopesOf}>
      {(scopes) => <Rounds scopes={scopes} />}
    </LeaderGate>
  )
}

function Rounds({ scopes }: { scopes: RoleView[] }) {
  const [scope, setScope] = useState(scopes[0])
  const keeps = TESTING_KEEPERS.includes(scope.role) && (scope.level === 'community' || scope.level === 'grid')
  return (
    <View>
      {scopes.length > 1 ? (
        <View className='card'>
          <Chips
            items={scopes}
            value={scope}
            keyOf={(s) => `${s.role}/${s.unitId}`}
            label={(s) => s.unitName}
            onChange={setScope}
          />
        </View>
      ) : null}
      <RoundList key={`${scope.unitId}`} unitId={scope.unitId} />
      {keeps ? <NewRound key={`new/${scope.unitId}`} scope={scope} /> : null}
    </View>
  )
}

function RoundList({ unitId }: { unitId: string }) {
  const { state, reload } = useRemote(() => getTestingRounds(unitId))
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  return (
    <View className='card'>
      <Text className='tt-title'>采样轮次</Text>
      {state.data.rows.length ? null : <Text className='tt-hint'>还没有采样安排。</Text>}
      {state.data.rows.map((r) => (
        <View
          key={r.id}
          className='tt-row round-row'
          onClick={() =>
            void Taro.navigateTo({ url: pageUrl('testingCoverage', { roundId: r.id, unitId: r.coverUnitId }) })
          }
        >
          <View className='tt-row__main'>
            <Text>{r.name}</Text>
            <Text className='tt-row__meta'>
              {dayLabel(r.date)} · {r.scope.name} · 已约 {r.booked} / {r.households} 户 · 已采 {r.done}
            </Text>
          </View>
          <Text className='tt-row__side'>{share(r.done, r.households)} ›</Text>
        </View>
      ))}
    </View>
  )
}

/** Tomorrow in Beijing, YYYY-MM-DD (a round's day is a Beijing day). */
const tomorrow = (): string => addDays(beijingToday(), 1)

function NewRound({ scope }: { scope: RoleView }) {
  const [name, setName] = useState('')
  const [date, setDate] = useState(tomorrow)
  const [site, setSite] = useState('')
  const [place, setPlace] = useState('')
  const [tapId] = useState(newTapId)
  const [busy, setBusy] = useState(false)
  const [progress, setProgress] = useState('')
  const [error, setError] = useState('')

  const create = async () => {
    setBusy(true)
    setError('')
    try {
      const me = await getMe()
      if (!me.person) throw new Error('未登录')
      const { id } = await createTestingRound({
        tapId,
        scopeUnitId: scope.unitId,
        name: name.trim(),
        date,
        sites: [{ name: site.trim(), place: place.trim(), workerIds: [me.person.id] }],
      })
      const round = await getTestingRound(id)
      let planned = 0
      for (const b of round.buildings) {
        if (!b.households) continue
        const count = Math.min(TESTING_LIMITS.slotsPerPlan, Math.ceil(b.households / PLAN.capacity))
        await planTestingSlots({ roundId: id, buildingId: b.id, siteIndex: 0, count, ...PLAN })
        setProgress(`已排好 ${++planned} 栋楼的时段`)
      }
      const booked = await assignAll(id, (n) => setProgress(`已排 ${planned} 栋，已分配 ${n} 户`))
      setProgress(`已建好：${planned} 栋楼，${booked} 户已分到时段`)
      void Taro.navigateTo({ url: pageUrl('testingCoverage', { roundId: id }) })
    } catch (e) {
      setError(toServiceError(e).message)
    } finally {
      setBusy(false)
    }
  }

  const ready = name.trim() && /^\d{4}-\d{2}-\d{2}$/.test(date) && site.trim() && place.trim()
  return (
    <View className='card new-round'>
      <Text className='tt-title'>新建采样（{scope.unitName}）</Text>
      <Text className='tt-hint'>
        每栋楼从 {PLAN.startTime} 起每 {PLAN.minutes} 分钟一个时段、每个时段 {PLAN.capacity}{' '}
        户，建好后自动把各户分到本楼的时段。
      </Text>
      {[
        {
          label: '名称',
          value: name,
          set: setName,
          placeholder: '如：第一轮全员采样',
          max: TESTING_LIMITS.name,
          cls: 'round-name',
        },
        { label: '日期', value: date, set: setDate, placeholder: '如：2026-12-20', max: 10, cls: 'round-date' },
        {
          label: '采样点',
          value: site,
          set: setSite,
          placeholder: '如：一号采样点',
          max: TESTING_LIMITS.name,
          cls: 'round-site',
        },
        {
          label: '地点',
          value: place,
          set: setPlace,
          placeholder: '如：小区北门广场',
          max: TESTING_LIMITS.place,
          cls: 'round-place',
        },
      ].map((f) => (
        <View key={f.label} className='tt-field'>
          <Text className='tt-row__meta'>{f.label}</Text>
          <Input
            className={`tt-input ${f.cls}`}
            placeholder={f.placeholder}
            maxLength={f.max}
            value={f.value}
            onChange={(v: string) => f.set(v)}
          />
        </View>
      ))}
      <View className='tt-actions'>
        <Button className='round-create' type='primary' block disabled={busy || !ready} onClick={() => void create()}>
          建好并分配各户
        </Button>
      </View>
      {progress ? <Text className='tt-message round-progress'>{progress}</Text> : null}
      {error ? <Text className='tt-error'>{error}</Text> : null}
    </View>
  )
}
