/**
 * A report as an .xlsx (exceljs), as a community keeps its 周例会 / 月通报: 概况 (each figure this period, the last,
 * the change), 红黑榜 (each measure's 红榜 and 黑榜 with rank, grid, community and value) and 议事决定.
 */
import ExcelJS from 'exceljs'
import { RANK_LABELS } from '../../core/reports/ranking'
import { boardValueText, FIGURE_LINES, KIND_NAMES, pctText } from '../../core/reports/summary'
import { labelOf } from '../../core/reports/period'
import type { ReportDoc } from '../../core/model'

export const SHEETS = ['概况', '红黑榜', '议事决定'] as const

const round1 = (n: number): number => Math.round(n * 10) / 10

export async function writeReport(r: ReportDoc): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.creator = '网格通'
  const title = `${r.unitName} ${labelOf(r.period)} ${KIND_NAMES[r.kind]}`

  const summary = book.addWorksheet(SHEETS[0], { views: [{ state: 'frozen', ySplit: 2 }] })
  summary.columns = [{ width: 16 }, { width: 14 }, { width: 14 }, { width: 12 }, { width: 10 }]
  summary.addRow([title]).font = { bold: true }
  summary.addRow([
    '项目',
    `本期（${labelOf(r.period)}）`,
    `上期（${labelOf(r.previousPeriod)}）`,
    '变化',
    '单位',
  ]).font = {
    bold: true,
  }
  for (const l of FIGURE_LINES) {
    const now = l.value(r.figures)
    const before = l.value(r.previous)
    summary.addRow([l.name, now, before, round1(now - before), l.unit])
  }
  const f = r.figures
  const p = r.previous
  summary.addRow(['通知触达率', pctText(f.reachRate), pctText(p.reachRate), '', ''])
  summary.addRow(['响应率', pctText(f.requests.rates.response), pctText(p.requests.rates.response), '', ''])
  summary.addRow(['解决率', pctText(f.requests.rates.resolution), pctText(p.requests.rates.resolution), '', ''])
  summary.addRow(['满意率', pctText(f.requests.rates.satisfaction), pctText(p.requests.rates.satisfaction), '', ''])
  summary.addRow(['议事决定待落实', f.decisionsOpen, '', '', '项'])

  const boards = book.addWorksheet(SHEETS[1], { views: [{ state: 'frozen', ySplit: 2 }] })
  boards.columns = [{ width: 14 }, { width: 8 }, { width: 8 }, { width: 18 }, { width: 18 }, { width: 12 }]
  boards.addRow([`${title} 红黑榜（下辖 ${r.grids} 个网格）`]).font = { bold: true }
  boards.addRow(['排名项目', '榜单', '名次', '网格', '社区', '数值']).font = { bold: true }
  for (const b of r.boards) {
    const label = RANK_LABELS[b.measure]
    if (!b.top.length) boards.addRow([label, '', '', '暂无可排名的网格', '', ''])
    for (const g of b.top)
      boards.addRow([label, '红榜', g.rank, g.name, g.communityName, boardValueText(b.measure, g.value)])
    for (const g of b.bottom)
      boards.addRow([label, '黑榜', g.rank, g.name, g.communityName, boardValueText(b.measure, g.value)])
    if (b.unranked) boards.addRow([label, '未排名', '', `${b.unranked} 个网格暂无数据`, '', ''])
  }

  const decisions = book.addWorksheet(SHEETS[2], { views: [{ state: 'frozen', ySplit: 2 }] })
  decisions.columns = [{ width: 30 }, { width: 18 }, { width: 10 }, { width: 18 }]
  decisions.addRow([
    `${title} 三长议事决定 共 ${r.decisions.count} 项（列出最近 ${r.decisions.newest.length} 项）`,
  ]).font = {
    bold: true,
  }
  decisions.addRow(['议题', '网格', '结果', '表决时间']).font = { bold: true }
  for (const d of r.decisions.newest) {
    const at = new Date(new Date(d.at).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')
    decisions.addRow([d.title, d.gridName, d.outcome, at])
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}
