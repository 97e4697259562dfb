/**
 * A 周例会 / 月通报 (community and street staff; issue 13 item 5), ?id=<reportId>: the unit's figures against the
 * period before, the 红黑榜 of its grids (按时办结率, 满意率, 通知触达率, 巡查次数: 红榜 the best five, 黑榜 the worst
 * five, and how many grids had nothing to rank), the council decisions of the period, 导出表格 (Excel, opened as the other
 * exports are) and 发布为通知 after a confirm (once: then it says when it was published, and opens the notice).
 */
import { useCallback, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, LoadingState } from '../../components/PageState'
import { useRemote } from '../../hooks/use-remote'
import { monthDayTime as formatDay } from '../../../core/beijing-time'
import { REPORT_KEEPERS } from '../../../core/permissions'
import type { RoleView } from '../../services/grid'
import { openFile } from '../../services/files'
import { toServiceError } from '../../services/errors'
import {
  boardValueText,
  changeText,
  exportReport,
  FIGURE_LINES,
  getReport,
  pctText,
  publishReport,
  RANK_LABELS,
  REPORT_KIND_LABELS,
  type Board,
  type RankedGrid,
  type ReportView,
} from '../../services/reports'
import { pageUrl } from '../../routes'
import { LeaderGate } from '../../manage/components/LeaderGate'
import { Button } from '../../ui/nutui'
import '../../manage/manage.css'
import '../dashboard.css'
import '../reports/reports.css'

const keeps = (roles: RoleView[]): true | null => (roles.some((r) => REPORT_KEEPERS.includes(r.role)) ? true : null)

export default function ReportPage() {
  return (
    <LeaderGate className='app-page manage report' what='周例会与月通报' scopeOf={keeps}>
      {() => <Report />}
    </LeaderGate>
  )
}

function Report() {
  const id = useRouter().params.id ?? ''
  const fetch = useCallback(() => getReport(id), [id])
  const { state, reload } = useRemote(fetch)
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  return <ReportBody report={state.data} />
}

const num = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1))

function ReportBody({ report: initial }: { report: ReportView }) {
  const [report, setReport] = useState(initial)
  const [busy, setBusy] = useState<'' | 'export' | 'publish'>('')
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const f = report.figures
  const p = report.previous
  const last = report.kind === 'week' ? '上周' : '上月'
  const street = report.unit.level === 'street'

  const toExcel = async () => {
    if (busy) return
    setBusy('export')
    setMessage(null)
    try {
      const file = await exportReport(report.id)
      setMessage({ text: `已导出：${file.fileName}`, error: false })
      await openFile(file.url || file.fileID, file.fileName)
    } catch (e) {
      setMessage({ text: toServiceError(e).message, error: true })
    } finally {
      setBusy('')
    }
  }
  const publish = async () => {
    if (busy || report.notice) return
    const { confirm } = await Taro.showModal({
      title: '发布为通知',
      content: `把这份${REPORT_KIND_LABELS[report.kind]}的要点发布给${report.unit.name}的全体住户？发布后不能撤回。`,
      confirmText: '发布',
      confirmColor: '#c8161d',
      cancelText: '取消',
    })
    if (!confirm) return
    setBusy('publish')
    setMessage(null)
    try {
      await publishReport(report.id)
      setReport(await getReport(report.id))
      setMessage({ text: '已发布为通知', error: false })
    } catch (e) {
      setMessage({ text: toServiceError(e).message, error: true })
    } finally {
      setBusy('')
    }
  }

  return (
    <View>
      <View className='card dash-head'>
        <Text className='dash-head__path'>{REPORT_KIND_LABELS[report.kind]}</Text>
        <Text className='card__title dash-head__name'>{report.unit.name}</Text>
        <Text className='card__hint rp-period'>
          {report.label}（{last}：{report.previousLabel}）
        </Text>
        <Text className='card__hint rp-generated'>
          {report.generatedBy} · {formatDay(report.generatedAt)} 生成
        </Text>
      </View>

      <View className='card rp-reach'>
        <View className='dash-reach__row'>
          <View className='dash-reach__main'>
            <Text className='dash-reach__label'>通知触达率</Text>
            <Text className='dash-reach__value'>{pctText(f.reachRate)}</Text>
            <Text className='dash-reach__sub'>
              {last} {pctText(p.reachRate)}
            </Text>
          </View>
          <View className='dash-reach__side'>
            <Text className='dash-reach__label'>诉求满意率</Text>
            <Text className='dash-reach__value'>{pctText(f.requests.rates.satisfaction)}</Text>
            <Text className='dash-reach__sub'>
              解决率 {pctText(f.requests.rates.resolution)} · 响应率 {pctText(f.requests.rates.response)}
            </Text>
          </View>
        </View>
      </View>

      <View className='card rp-figures'>
        <View className='card__head'>
          <Text className='card__title'>本期与{last}</Text>
        </View>
        {FIGURE_LINES.map((l) => (
          <View key={l.key} className={`rp-figure rp-figure--${l.key}`}>
            <Text className='rp-figure__name'>{l.name}</Text>
            <Text className='rp-figure__value'>
              {num(l.value(f))} {l.unit}
            </Text>
            <Text className='rp-figure__was'>{changeText(report.kind, l.value(f), l.value(p))}</Text>
          </View>
        ))}
        <View className='rp-figure'>
          <Text className='rp-figure__name'>议事决定待落实</Text>
          <Text className='rp-figure__value'>{f.decisionsOpen} 项</Text>
          <Text className='rp-figure__was'> </Text>
        </View>
      </View>

      <View className='card rp-boards'>
        <View className='card__head'>
          <Text className='card__title'>红黑榜</Text>
          <Text className='card__hint'>下辖 {report.grids} 个网格</Text>
        </View>
        {report.boards.map((b) => (
          <BoardView key={b.measure} board={b} street={street} />
        ))}
      </View>

      <View className='card rp-decisions'>
        <View className='card__head'>
          <Text className='card__title'>三长议事决定</Text>
          <Text className='card__hint'>本期 {report.decisions.count} 项</Text>
        </View>
        {report.decisions.newest.length === 0 ? <Text className='rp-empty'>本期没有议事决定。</Text> : null}
        {report.decisions.newest.map((d) => (
          <View key={d.proposalId} className='rp-decision'>
            <Text className='rp-decision__title'>{d.title}</Text>
            <Text className='rp-decision__sub'>
              {street && d.communityName ? `${d.communityName} ` : ''}
              {d.gridName} · {d.outcome} · {formatDay(d.at)}
            </Text>
          </View>
        ))}
        {report.decisions.count > report.decisions.newest.length ? (
          <Text className='rp-board__note'>只列出最近 {report.decisions.newest.length} 项</Text>
        ) : null}
      </View>

      <View className='card rp-actions'>
        <Button className='rp-export' block loading={busy === 'export'} onClick={() => void toExcel()}>
          导出表格
        </Button>
        {report.notice ? (
          <View>
            <Text className='rp-published'>
              已于 {formatDay(report.notice.publishedAt)} 由 {report.notice.by} 发布为通知
            </Text>
            <Text
              className='dash-more__button rp-open-notice'
              onClick={() => void Taro.navigateTo({ url: pageUrl('noticeDetail', { id: report.notice?.id }) })}
            >
              查看通知 ›
            </Text>
          </View>
        ) : (
          <Button
            className='rp-publish'
            type='primary'
            block
            loading={busy === 'publish'}
            onClick={() => void publish()}
          >
            发布为通知
          </Button>
        )}
        {message ? (
          <Text className={`rp-message ${message.error ? 'manage-error' : 'manage-message'}`}>{message.text}</Text>
        ) : null}
      </View>
    </View>
  )
}

/** A grid on a board; a street's board names its community too (grids of different communities share names). */
function BoardRow({ grid: g, measure, street }: { grid: RankedGrid; measure: Board['measure']; street: boolean }) {
  return (
    <View className='rp-board__row'>
      <Text className='rp-board__rank'>{g.rank}</Text>
      <View className='rp-board__name'>
        <Text className='rp-board__grid'>{g.name}</Text>
        {street ? <Text className='rp-board__community'>{g.communityName}</Text> : null}
      </View>
      <Text className='rp-board__value'>{boardValueText(measure, g.value)}</Text>
    </View>
  )
}

function BoardView({ board, street }: { board: Board; street: boolean }) {
  const label = RANK_LABELS[board.measure]
  return (
    <View className={`rp-board rp-board--${board.measure}`}>
      <Text className='rp-board__title card__title'>{label}</Text>
      {board.ranked === 0 ? (
        <Text className='rp-board__note'>本期各网格都没有这项数据，暂不排名</Text>
      ) : (
        <View className='rp-board__cols'>
          <View className='rp-board__col rp-board__col--red'>
            <Text className='rp-board__head rp-board__head--red'>红榜</Text>
            {board.top.map((g) => (
              <BoardRow key={g.gridId} grid={g} measure={board.measure} street={street} />
            ))}
          </View>
          <View className='rp-board__col rp-board__col--black'>
            <Text className='rp-board__head rp-board__head--black'>黑榜</Text>
            {board.bottom.length === 0 ? <Text className='rp-board__note'>网格太少，不设黑榜</Text> : null}
            {board.bottom.map((g) => (
              <BoardRow key={g.gridId} grid={g} measure={board.measure} street={street} />
            ))}
          </View>
        </View>
      )}
      {board.unranked && board.ranked ? (
        <Text className='rp-board__note'>{board.unranked} 个网格本期没有数据，未参与排名</Text>
      ) : null}
    </View>
  )
}
