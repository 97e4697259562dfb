/**
 * 数据看板 (a grid's chief, community and street staff; issue 13 item 3): one screen of a unit's figures for 本周 or
 * 本月 against the period before — notices and how many households they reached, households an urgent notice has
 * not reached this week, volunteering, points, requests with the three rates, patrols, missed care checks, open
 * council decisions — two charts, and the child units' figures to drill into (?unit=<unitId>). One call
 * (dashboard.overview) reads counters only.
 */
import { useCallback, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ChunkedList } from '../../components/ChunkedList'
import { ErrorState, LoadingState } from '../../components/PageState'
import { useRemote } from '../../hooks/use-remote'
import { DASHBOARD_READERS } from '../../../core/permissions'
import type { RoleView } from '../../services/grid'
import {
  getDashboard,
  PERIOD_LABELS,
  type DashboardChild,
  type DashboardFigures,
  type DashboardOverview,
  type PeriodKind,
} from '../../services/dashboard'
import { pageUrl } from '../../routes'
import { LeaderGate } from '../../manage/components/LeaderGate'
import { BarChart } from '../BarChart'
import '../../manage/manage.css'
import { ledUnits, UnitChoice } from '../units'
import '../dashboard.css'

const dashboardUnits = ledUnits(DASHBOARD_READERS)

export default function DashboardPage() {
  return (
    <LeaderGate className='app-page manage dashboard' what='数据看板' scopeOf={dashboardUnits}>
      {(units) => <Dashboard units={units} />}
    </LeaderGate>
  )
}

function Dashboard({ units }: { units: RoleView[] }) {
  const asked = useRouter().params.unit
  const [unitId, setUnitId] = useState(asked || units[0].unitId)
  const [period, setPeriod] = useState<PeriodKind>('week')
  return (
    <View>
      {asked ? null : <UnitChoice units={units} unitId={unitId} onChange={setUnitId} className='dash-units' />}
      <View className='dash-periods'>
        {(['week', 'month'] as const).map((p) => (
          <Text
            key={p}
            className={`dash-period${p === period ? ' dash-period--active' : ''}`}
            onClick={() => setPeriod(p)}
          >
            {PERIOD_LABELS[p]}
          </Text>
        ))}
      </View>
      <Board key={`${unitId}/${period}`} unitId={unitId} period={period} />
    </View>
  )
}

function Board({ unitId, period }: { unitId: string; period: PeriodKind }) {
  const fetch = useCallback(() => getDashboard(unitId, period), [unitId, period])
  const { state, reload } = useRemote(fetch)
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  return <BoardView view={state.data} />
}

/** A canvas id of its own per page: h5 keeps the dashboards drilled through in the page, one above the other. */
const chartId = (name: string, view: DashboardOverview): string =>
  `${name}-${view.unit.id}-${view.period}`.replace(/[^A-Za-z0-9_-]/g, '_')

const pct = (r: number | null): string => (r === null ? '暂无' : `${Math.round(r * 1000) / 10}%`)
const num = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1))

/** 比上周 +3 / 比上月 −2 / 与上周持平 */
function Change({ now, before, period, warn }: { now: number; before: number; period: PeriodKind; warn?: boolean }) {
  const last = period === 'week' ? '上周' : '上月'
  const d = Math.round((now - before) * 10) / 10
  if (d === 0) return <Text className='dash-change'>与{last}持平</Text>
  return (
    <Text className={`dash-change ${d > 0 === !warn ? 'dash-change--up' : 'dash-change--down'}`}>
      比{last}
      {d > 0 ? `+${num(d)}` : `−${num(-d)}`}
    </Text>
  )
}

interface Tile {
  key: string
  name: string
  value: (f: DashboardFigures) => number
  unit: string
  /** a figure a rising number of is bad news */
  warn?: boolean
}

const TILES: Tile[] = [
  { key: 'notices', name: '发布通知', value: (f) => f.notices, unit: '条' },
  { key: 'reached', name: '触达住户', value: (f) => f.reached, unit: '户' },
  { key: 'volunteerHours', name: '志愿时长', value: (f) => f.volunteerHours, unit: '小时' },
  { key: 'activeVolunteers', name: '参与志愿者', value: (f) => f.activeVolunteers, unit: '人' },
  { key: 'pointsEarned', name: '获得积分', value: (f) => f.pointsEarned, unit: '分' },
  { key: 'pointsRedeemed', name: '兑换积分', value: (f) => f.pointsRedeemed, unit: '分' },
  { key: 'patrols', name: '巡查', value: (f) => f.patrols, unit: '次' },
  { key: 'careMissed', name: '未探访', value: (f) => f.careMissed, unit: '人次', warn: true },
]

function BoardView({ view }: { view: DashboardOverview }) {
  const f = view.figures
  const p = view.previous
  const r = f.requests
  const last = view.period === 'week' ? '上周' : '上月'
  return (
    <View>
      <View className='card dash-head'>
        <Text className='dash-head__path'>
          {view.unit.path.map((u) => u.name).join(' · ')}
          {view.unit.path.length ? ' · ' : ''}
        </Text>
        <Text className='card__title dash-head__name'>{view.unit.name}</Text>
        <Text className='card__hint'>
          {view.label}（{last}：{view.previousLabel}）
        </Text>
      </View>

      {/* 日调度 (H1): today's list of the same unit */}
      <View
        className='card dash-dispatch'
        onClick={() => void Taro.navigateTo({ url: pageUrl('dispatch', { unit: view.unit.id }) })}
      >
        <View className='card__head'>
          <Text className='card__title'>今日调度</Text>
          <Text className='card__hint'>今天要办的事 ›</Text>
        </View>
        <Text className='card__hint'>超时和到期的诉求、未触达住户、缺人班次、未探访、今天的活动</Text>
      </View>

      {/* 周例会 / 月通报 (issue 13 item 5): a community's or street's reports (staff over it; a grid keeps none) */}
      {view.unit.level === 'grid' ? null : (
        <View
          className='card dash-reports'
          onClick={() => void Taro.navigateTo({ url: pageUrl('reports', { unit: view.unit.id }) })}
        >
          <View className='card__head'>
            <Text className='card__title'>周例会与月通报</Text>
            <Text className='card__hint'>查看和生成 ›</Text>
          </View>
          <Text className='card__hint'>本期与上期对比、网格红黑榜、议事决定，可导出表格或发布为通知</Text>
        </View>
      )}

      <View className='card dash-reach'>
        <View className='dash-reach__row'>
          <View className='dash-reach__main'>
            <Text className='dash-reach__label'>通知触达</Text>
            <Text className='dash-reach__value'>{pct(f.reachRate)}</Text>
            <Text className='dash-reach__sub'>
              触达 {f.reached} 户 / 可触达 {f.reachable} 户
            </Text>
          </View>
          <View className={`dash-reach__side${f.unreachedUrgent > 0 ? ' dash-reach__side--warn' : ''}`}>
            <Text className='dash-reach__label'>本周紧急通知未触达</Text>
            <Text className='dash-reach__value'>{f.unreachedUrgent}</Text>
            <Text className='dash-reach__sub'>户</Text>
          </View>
        </View>
        <Text className='dash-reach__note'>
          {f.notices} 条通知，其中紧急 {f.urgentNotices} 条 · 共 {f.households} 户
        </Text>
      </View>

      <View className='dash-tiles'>
        {TILES.map((t) => (
          <View
            key={t.key}
            className={`dash-tile dash-tile--${t.key}${t.warn && t.value(f) > 0 ? ' dash-tile--warn' : ''}`}
          >
            <Text className='dash-tile__name'>{t.name}</Text>
            <Text className='dash-tile__value'>
              {num(t.value(f))}
              <Text className='dash-tile__unit'>{t.unit}</Text>
            </Text>
            <Change now={t.value(f)} before={t.value(p)} period={view.period} warn={t.warn} />
          </View>
        ))}
      </View>

      <View className='card dash-requests'>
        <View className='card__head'>
          <Text className='card__title'>诉求（{Number(r.month.slice(5))}月反映）</Text>
          <Text className='card__hint'>共 {r.reported} 件</Text>
        </View>
        <View className='dash-states'>
          <Text className='dash-state'>办理中 {r.open}</Text>
          <Text className='dash-state'>已办结 {r.resolved}</Text>
          <Text className='dash-state'>已结束 {r.ended}</Text>
          <Text className={`dash-state${r.overdue > 0 ? ' dash-state--warn' : ''}`}>超时 {r.overdue}</Text>
        </View>
        <View className='dash-rates'>
          <View className='dash-rate'>
            <Text className='dash-rate__value'>{pct(r.rates.response)}</Text>
            <Text className='dash-rate__name'>响应率</Text>
          </View>
          <View className='dash-rate'>
            <Text className='dash-rate__value'>{pct(r.rates.resolution)}</Text>
            <Text className='dash-rate__name'>解决率</Text>
          </View>
          <View className='dash-rate'>
            <Text className='dash-rate__value'>{pct(r.rates.satisfaction)}</Text>
            <Text className='dash-rate__name'>满意率</Text>
          </View>
        </View>
        <Text className='dash-decisions'>议事决定待落实 {f.decisionsOpen} 项</Text>
      </View>

      <View className='card dash-compare'>
        <View className='card__head'>
          <Text className='card__title'>
            {PERIOD_LABELS[view.period]}与{last}
          </Text>
        </View>
        <BarChart
          id={chartId('dash-compare', view)}
          categories={['通知', '触达户', '巡查', '志愿者', '未探访']}
          series={[
            { name: last, data: [p.notices, p.reached, p.patrols, p.activeVolunteers, p.careMissed], color: '#c4c9d2' },
            {
              name: PERIOD_LABELS[view.period],
              data: [f.notices, f.reached, f.patrols, f.activeVolunteers, f.careMissed],
              color: '#c8161d',
            },
          ]}
        />
      </View>

      {view.children.length ? <Children view={view} /> : null}
    </View>
  )
}

function Children({ view }: { view: DashboardOverview }) {
  const [rows, setRows] = useState<DashboardChild[]>(view.children)
  const [next, setNext] = useState(view.nextCursor)
  const [loading, setLoading] = useState(false)
  const more = async () => {
    if (!next || loading) return
    setLoading(true)
    try {
      const page = await getDashboard(view.unit.id, view.period, next)
      setRows((r) => [...r, ...page.children])
      setNext(page.nextCursor)
    } finally {
      setLoading(false)
    }
  }
  const level = rows[0]?.level === 'community' ? '各社区' : '各网格'
  return (
    <View>
      <View className='card dash-children-chart'>
        <View className='card__head'>
          <Text className='card__title'>{level}通知触达率</Text>
        </View>
        <BarChart
          id={chartId('dash-children', view)}
          percent
          categories={rows.map((c) => c.name)}
          series={[
            {
              name: '触达率',
              data: rows.map((c) => Math.round((c.figures.reachRate ?? 0) * 1000) / 10),
              color: '#2563eb',
            },
          ]}
        />
      </View>
      <View className='card dash-children'>
        <View className='card__head'>
          <Text className='card__title'>{level}</Text>
          <Text className='card__hint'>点一行看它的看板</Text>
        </View>
        {/* the children read to the end (a street of many communities, a community of tens of grids): drawn in
            chunks, so a 加载更多 sends only the new rows */}
        <ChunkedList rows={rows} keyOf={(c: DashboardChild) => c.id}>
          {(c) => (
            <View
              className='dash-child'
              onClick={() => void Taro.navigateTo({ url: pageUrl('dashboard', { unit: c.id }) })}
            >
              <View className='dash-child__head'>
                <Text className='dash-child__name'>{c.name}</Text>
                <Text className='dash-child__go'>查看 ›</Text>
              </View>
              <View className='dash-child__figures'>
                <Text>触达 {pct(c.figures.reachRate)}</Text>
                <Text>巡查 {c.figures.patrols}</Text>
                <Text>志愿 {num(c.figures.volunteerHours)} 小时</Text>
                <Text>诉求 {c.figures.requests.reported}</Text>
                <Text className={c.figures.requests.overdue > 0 ? 'dash-warn' : ''}>
                  超时 {c.figures.requests.overdue}
                </Text>
                <Text className={c.figures.careMissed > 0 ? 'dash-warn' : ''}>未探访 {c.figures.careMissed}</Text>
              </View>
            </View>
          )}
        </ChunkedList>
        {/* 加载更多 in a block of its own: the rows are never sent again when it goes */}
        <View className='dash-children__foot'>
          {next ? (
            <View className='dash-more'>
              <Text className='dash-more__button' onClick={() => void more()}>
                {loading ? '加载中…' : '加载更多'}
              </Text>
            </View>
          ) : null}
        </View>
      </View>
    </View>
  )
}
