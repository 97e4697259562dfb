/**
 * What a report says in words (周例会 / 月通报, issue 13 item 5): the notice it is published as, and how its figures
 * and boards read in the export. Pure. The notice names the period, the main figures against the period before,
 * each 红黑榜's grids and the council decisions, cut to the notice's limits.
 */
import type { DashboardFigures } from '../contract/dashboard'
import type { PeriodKind } from '../dashboard/stats'
import { RANK_LABELS, type Board, type RankMeasure } from './ranking'

export const KIND_NAMES: Record<PeriodKind, string> = { week: '周例会', month: '月通报' }
const LAST: Record<PeriodKind, string> = { week: '上周', month: '上月' }

/** A rate as people read it: 86.5%, or 暂无. */
export const pctText = (r: number | null): string => (r === null ? '暂无' : `${Math.round(r * 1000) / 10}%`)

const numText = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1))

/** A board value as it reads: a rate in per cent, patrols as 次. */
export const boardValueText = (m: RankMeasure, v: number): string => (m === 'patrols' ? `${v} 次` : pctText(v))

/** 比上周 +3 / 比上月 −2 / 与上周持平 */
export function changeText(kind: PeriodKind, now: number, before: number): string {
  const d = Math.round((now - before) * 10) / 10
  if (d === 0) return `与${LAST[kind]}持平`
  return `比${LAST[kind]}${d > 0 ? `+${numText(d)}` : `−${numText(-d)}`}`
}

/** The figures a report lists, each with how it reads (name, value, unit). */
export interface FigureLine {
  key: string
  name: string
  value: (f: DashboardFigures) => number
  unit: string
}

export const FIGURE_LINES: FigureLine[] = [
  { key: 'notices', name: '发布通知', value: (f) => f.notices, unit: '条' },
  { key: 'reached', name: '触达住户', value: (f) => f.reached, unit: '户' },
  { key: 'volunteerHours', name: '志愿时长', value: (f) => f.volunteerHours, unit: '小时' },
  { key: 'activeVolunteers', name: '参与志愿者', value: (f) => f.activeVolunteers, unit: '人' },
  { key: 'pointsEarned', name: '获得积分', value: (f) => f.pointsEarned, unit: '分' },
  { key: 'pointsRedeemed', name: '兑换积分', value: (f) => f.pointsRedeemed, unit: '分' },
  { key: 'requests', name: '反映诉求', value: (f) => f.requests.reported, unit: '件' },
  { key: 'overdue', name: '诉求超时', value: (f) => f.requests.overdue, unit: '件' },
  { key: 'patrols', name: '巡查', value: (f) => f.patrols, unit: '次' },
  { key: 'careMissed', name: '未探访', value: (f) => f.careMissed, unit: '人次' },
]

export interface NoticeInput {
  unitName: string
  kind: PeriodKind
  label: string
  figures: DashboardFigures
  previous: DashboardFigures
  boards: Board[]
  decisions: { count: number; newest: { title: string; gridName: string; outcome: string }[] }
}

const cut = (s: string, max: number): string => ([...s].length <= max ? s : `${[...s].slice(0, max - 1).join('')}…`)

/** The notice a report is published as (title ≤ 40, body ≤ 2000 characters). */
export function reportNotice(r: NoticeInput): { title: string; body: string } {
  const f = r.figures
  const p = r.previous
  const lines: string[] = [`${r.unitName}${r.label}${KIND_NAMES[r.kind]}`]
  lines.push(
    `通知触达率 ${pctText(f.reachRate)}（触达 ${f.reached} 户 / 可触达 ${f.reachable} 户）；` +
      `诉求 ${f.requests.reported} 件，解决率 ${pctText(f.requests.rates.resolution)}，满意率 ${pctText(f.requests.rates.satisfaction)}。`,
  )
  lines.push(
    FIGURE_LINES.map(
      (l) => `${l.name} ${numText(l.value(f))} ${l.unit}（${changeText(r.kind, l.value(f), l.value(p))}）`,
    ).join('；') + '。',
  )
  for (const b of r.boards) {
    if (!b.top.length) {
      lines.push(`${RANK_LABELS[b.measure]}：暂无可排名的网格。`)
      continue
    }
    const names = (rows: Board['top']) =>
      rows.map((g) => `${g.name}（${boardValueText(b.measure, g.value)}）`).join('、')
    lines.push(
      `${RANK_LABELS[b.measure]} 红榜：${names(b.top)}` +
        (b.bottom.length ? `；黑榜：${names(b.bottom)}` : '') +
        (b.unranked ? `；${b.unranked} 个网格暂无数据未排名` : '') +
        '。',
    )
  }
  if (r.decisions.count) {
    lines.push(
      `本期三长议事作出决定 ${r.decisions.count} 项：` +
        r.decisions.newest.map((d) => `${d.gridName}「${d.title}」${d.outcome}`).join('；') +
        (r.decisions.count > r.decisions.newest.length ? ' 等' : '') +
        '。',
    )
  } else lines.push('本期没有三长议事决定。')
  return { title: cut(`${r.unitName}${KIND_NAMES[r.kind]}（${r.label}）`, 40), body: cut(lines.join('\n'), 2000) }
}
