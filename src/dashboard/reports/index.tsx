/**
 * 周例会 / 月通报 (community and street staff; issue 13 item 5): a community's or street's reports, 周报 and 月报 tabs,
 * newest first (加载更多 by cursor), 生成本周 / 生成本月 to make the current one now (the timers make last week's and
 * last month's by themselves). A row opens the report (report page, ?id=). ?unit=<unitId> picks the unit.
 */
import { useCallback, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ChunkedList } from '../../components/ChunkedList'
import { ErrorState, LoadingState } from '../../components/PageState'
import { useRemote } from '../../hooks/use-remote'
import { monthDayTime as formatDay } from '../../../core/beijing-time'
import { REPORT_KEEPERS } from '../../../core/permissions'
import type { RoleView } from '../../services/grid'
import { generateReport, listReports, type ReportSummary } from '../../services/reports'
import { toServiceError } from '../../services/errors'
import { pageUrl } from '../../routes'
import { LeaderGate } from '../../manage/components/LeaderGate'
import { Button } from '../../ui/nutui'
import '../../manage/manage.css'
import { ledUnits, UnitChoice } from '../units'
import '../dashboard.css'
import './reports.css'

const KINDS = [
  { kind: 'week', tab: '周报', name: '周例会', make: '生成本周' },
  { kind: 'month', tab: '月报', name: '月通报', make: '生成本月' },
] as const
type Kind = (typeof KINDS)[number]['kind']

const reportUnits = ledUnits(REPORT_KEEPERS)

export default function ReportsPage() {
  return (
    <LeaderGate className='app-page manage reports' what='周例会与月通报' scopeOf={reportUnits}>
      {(units) => <Reports units={units} />}
    </LeaderGate>
  )
}

function Reports({ units }: { units: RoleView[] }) {
  const params = useRouter().params
  const [unitId, setUnitId] = useState(params.unit || units[0].unitId)
  const [kind, setKind] = useState<Kind>(params.kind === 'week' ? 'week' : 'month')
  return (
    <View>
      {params.unit ? null : <UnitChoice units={units} unitId={unitId} onChange={setUnitId} className='dash-units' />}
      <View className='dash-periods'>
        {KINDS.map((k) => (
          <Text
            key={k.kind}
            className={`dash-period rp-tab rp-tab--${k.kind}${k.kind === kind ? ' dash-period--active' : ''}`}
            onClick={() => setKind(k.kind)}
          >
            {k.tab}
          </Text>
        ))}
      </View>
      <ReportList key={`${unitId}/${kind}`} unitId={unitId} kind={kind} />
    </View>
  )
}

function ReportList({ unitId, kind }: { unitId: string; kind: Kind }) {
  const words = KINDS.find((k) => k.kind === kind) as (typeof KINDS)[number]
  const fetch = useCallback(() => listReports(unitId, kind), [unitId, kind])
  const { state, reload } = useRemote(fetch)
  const [more, setMore] = useState<{ rows: ReportSummary[]; next?: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const make = async () => {
    if (busy) return
    setBusy(true)
    setError('')
    try {
      const report = await generateReport(unitId, kind)
      await reload()
      setMore(null)
      await Taro.navigateTo({ url: pageUrl('report', { id: report.id }) })
    } catch (e) {
      setError(toServiceError(e).message)
    } finally {
      setBusy(false)
    }
  }
  const loadMore = async (cursor: string) => {
    if (busy) return
    setBusy(true)
    try {
      const page = await listReports(unitId, kind, cursor)
      setMore((m) => ({ rows: [...(m?.rows ?? []), ...page.rows], next: page.nextCursor }))
    } catch (e) {
      setError(toServiceError(e).message)
    } finally {
      setBusy(false)
    }
  }

  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  const rows = [...state.data.rows, ...(more?.rows ?? [])]
  const next = more ? more.next : state.data.nextCursor
  return (
    <View>
      <View className='card rp-make'>
        <Text className='card__hint'>
          {kind === 'week'
            ? '每周一早上自动生成上周的周例会材料，也可以现在生成本周到目前为止的。'
            : '每月 1 日自动生成上月的月通报，也可以现在生成本月到目前为止的。'}
        </Text>
        <Button className='rp-make__button' type='primary' block loading={busy} onClick={() => void make()}>
          {words.make}
        </Button>
        {error ? <Text className='manage-error rp-error'>{error}</Text> : null}
      </View>
      <View className='card rp-list'>
        <View className='card__head'>
          <Text className='card__title'>{words.name}</Text>
          <Text className='card__hint'>点一行查看</Text>
        </View>
        {rows.length === 0 ? <Text className='rp-empty'>还没有{words.name}，点上面的按钮生成一份。</Text> : null}
        {/* a year of weeks or two years of months, paged: drawn in chunks, so a 加载更多 sends only the new rows */}
        <ChunkedList rows={rows} keyOf={(r: ReportSummary) => r.id}>
          {(r) => (
            <View className='rp-row' onClick={() => void Taro.navigateTo({ url: pageUrl('report', { id: r.id }) })}>
              <View className='rp-row__main'>
                <Text className='rp-row__label'>{r.label}</Text>
                <Text className='rp-row__sub'>{formatDay(r.generatedAt)} 生成</Text>
              </View>
              {r.published ? <Text className='rp-tag rp-tag--published'>已发布</Text> : null}
              <Text className='dash-child__go'>查看 ›</Text>
            </View>
          )}
        </ChunkedList>
        {/* 加载更多 in a block of its own: the rows are never sent again when it goes */}
        <View className='rp-list__foot'>
          {next ? (
            <View className='dash-more'>
              <Text className='dash-more__button' onClick={() => void loadMore(next)}>
                {busy ? '加载中…' : '加载更多'}
              </Text>
            </View>
          ) : null}
        </View>
      </View>
    </View>
  )
}
