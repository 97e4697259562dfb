/**
 * 导出我的数据, as a person reads it: what is stored about them in labelled rows (姓名, 手机号, 身份, …), their
 * claims and who saw their data in full, in Chinese and without internal ids or paths. The downloadable file
 * keeps the whole export as it came.
 */
import type { MyData } from '../../core/contract'
import { auditLabel } from '../../core/privacy/audit'
import { CARE_FLAG_LABELS } from '../../core/model'
import { CATEGORY_LABELS } from '../../core/contract/requests'
import { DUTY_STATUS_LABELS } from '../../core/contract/duty'
import {
  CALLUP_ANSWER_LABELS,
  MICROGRID_KIND_LABELS,
  RESERVE_KIND_LABELS,
  RESERVE_SKILL_LABELS,
} from '../../core/contract/emergency'
import { CARE_SLOT_LABELS } from '../../core/contract/care'
import { PROPOSAL_STATUS_LABELS } from '../../core/contract/council'
import { ISOLATION_KIND_LABELS } from '../../core/contract/isolation'
import { STATE_LABELS } from '../../core/requests/states'
import { ROLE_LABELS } from '../../core/roles'
import { formatTime } from '../manage/format'
import { hoursText } from '../services/points'
import { CLAIM_STATUS_LABELS } from './ClaimStatusTag'

export interface DataRow {
  label: string
  value: string
}
export interface DataSection {
  title: string
  rows: DataRow[]
  /** Shown when there are no rows. */
  empty?: string
}

const row = (label: string, value: string | undefined | null): DataRow[] => (value ? [{ label, value }] : [])

/** Volunteering in a few lines: what it holds, counted (the file has every entry). */
function pointsRows(p: MyData['points']): DataRow[] {
  return [
    { label: '积分余额', value: `${p.balance} 分` },
    { label: '累计服务', value: `${hoursText(p.hours?.minutes ?? 0)} · ${p.hours?.activities ?? 0} 次活动` },
    { label: '积分明细', value: `${p.ledger.length} 条` },
    { label: '活动报名', value: `${p.signups.length} 条` },
    { label: '兑换券', value: `${p.vouchers.length} 张` },
    ...row(
      '服务队',
      p.teams
        .filter((t) => t.active)
        .map((t) => t.name)
        .join('、'),
    ),
  ]
}

/** Requests in a few lines: the latest they reported by name, the rest counted (the file has every entry). */
const REPORTED_SHOWN = 5
function requestRows(r: MyData['requests']): DataRow[] {
  const more = r.reported.length - REPORTED_SHOWN
  return [
    { label: '我反映的', value: `${r.reported.length} 件` },
    ...r.reported.slice(0, REPORTED_SHOWN).map((q) => ({
      label: formatTime(q.createdAt),
      value: `${CATEGORY_LABELS[q.category]} · ${STATE_LABELS[q.state]}${q.anonymous ? ' · 匿名' : ''}`,
    })),
    ...row('更早的', more > 0 ? `还有 ${more} 件，见导出的文件` : undefined),
    { label: '我也遇到了', value: `${r.followed.length} 件` },
    { label: '办理记录', value: `${r.acted.length} 条` },
  ]
}

/** Emergency mode in a few lines: the reserve registration, the latest duty seats and slot cards, the rest counted. */
const LATEST_SHOWN = 3
function emergencyRows(e: MyData['emergency'] | undefined): DataRow[] {
  if (!e) return []
  const r = e.reserve
  return [
    {
      label: '应急力量',
      value: r
        ? `已登记 · ${RESERVE_KIND_LABELS[r.kind]}${r.skills.length ? ` · ${r.skills.map((k) => RESERVE_SKILL_LABELS[k]).join('、')}` : ''}`
        : '未登记',
    },
    ...row('可到岗时间', r?.availability),
    { label: '召集应答', value: `${e.answers.length} 次` },
    ...e.answers.slice(0, LATEST_SHOWN).map((a) => ({
      label: formatTime(a.answeredAt),
      value: `${a.emergencyName || '召集'} · ${CALLUP_ANSWER_LABELS[a.answer]}${a.assignment ? ` · 安排在${a.assignment.place}` : ''}`,
    })),
    { label: '卡口值守', value: `${e.shifts.length} 个班次` },
    ...e.shifts.slice(0, LATEST_SHOWN).map((s) => ({
      label: formatTime(s.startAt),
      value: `${s.checkpoint || '卡口'} · ${DUTY_STATUS_LABELS[s.status]}${s.minutes ? ` · ${hoursText(s.minutes)}` : ''}`,
    })),
    { label: '交接留言', value: `${e.handovers.length} 条` },
    { label: '采样时段', value: `${e.testing.length} 次` },
    ...e.testing.slice(0, LATEST_SHOWN).map((t) => ({
      label: formatTime(t.startAt),
      value: `${t.round || '采样'} · ${t.doneAt ? '已采样' : '未采样'}`,
    })),
  ]
}

/** 三长议事 in a few lines: the proposals I raised (with their status and supports), the ones I support. */
function councilRows(c: MyData['council']): DataRow[] {
  if (!c) return []
  return [
    ...c.proposals.map((p) => ({
      label: '我提出的议题',
      value: `${p.title} · ${PROPOSAL_STATUS_LABELS[p.status]} · ${p.supports} 人支持`,
    })),
    ...c.supports.map((s) => ({
      label: '我支持的议题',
      value: `${s.title || '议题'}${s.active ? '' : ' · 已取消支持'}`,
    })),
  ]
}

/** Care (关爱包联) in a few lines: my own care record (flags, team, note), the people I help, my latest checks. */
function careRows(c: MyData['care']): DataRow[] {
  if (!c) return []
  const r = c.record
  return [
    ...(r
      ? [
          {
            label: '我的关爱标记',
            value: r.active && r.flags.length ? r.flags.map((f) => CARE_FLAG_LABELS[f]).join('、') : '已取消',
          },
          ...row('备注', r.note),
          ...row('我的包联人', r.team.map((t) => `${CARE_SLOT_LABELS[t.slot]} ${t.name}`).join('、')),
          { label: '上门探访', value: `${r.checks} 次` },
        ]
      : []),
    ...c.helping.map((h) => ({
      label: '我包联的',
      value: `${h.name} · ${CARE_SLOT_LABELS[h.slot]}${h.active ? '' : ' · 已取消关爱'}`,
    })),
    ...row('我的探访记录', c.checksMade.length ? `${c.checksMade.length} 次` : undefined),
    ...c.checksMade.slice(0, LATEST_SHOWN).map((k) => ({
      label: k.day,
      value: `探访 ${k.name || '关爱对象'} · ${k.seen ? '见到本人' : '未见到本人'}${k.needs ? ` · ${k.needs}` : ''}`,
    })),
  ]
}

const TASK_STATE_LABELS = { open: '待领取', claimed: '已领取', done: '已完成', cancelled: '已取消' } as const

/** Home isolation in a few lines: my household's periods with their tasks counted, the tasks I served. */
function isolationRows(i: MyData['isolation']): DataRow[] {
  if (!i) return []
  return [
    ...i.household.map((h) => {
      const done = h.tasks.filter((t) => t.state === 'done').length
      return {
        label: `居家隔离 ${h.startDay}`,
        value: `至 ${h.lastDay}${h.status === 'ended' ? ' · 已结束' : ' · 隔离中'} · 服务 ${h.tasks.length} 次，已完成 ${done} 次`,
      }
    }),
    ...i.household
      .flatMap((h) => h.tasks)
      .filter((t) => t.state !== 'cancelled')
      .slice(-LATEST_SHOWN)
      .map((t) => ({
        label: `${t.day} ${t.slot}`,
        value: `${ISOLATION_KIND_LABELS[t.kind]} · ${TASK_STATE_LABELS[t.state]}${t.holderName ? ` · ${t.holderName}` : ''}`,
      })),
    ...row('我完成的隔离服务', i.served.length ? `${i.served.length} 次` : undefined),
    ...i.served.slice(0, LATEST_SHOWN).map((t) => ({
      label: `${t.day} ${t.slot}`,
      value: `${t.household} · ${ISOLATION_KIND_LABELS[t.kind]}${t.doneNote ? ` · ${t.doneNote}` : ''}`,
    })),
  ]
}

/** The 战时网格 I was named to lead. */
function wartimeRows(w: MyData['wartime']): DataRow[] {
  return (w?.led ?? []).map((g) => ({
    label: g.name,
    value: `${g.emergencyName} · ${g.gridName} · ${MICROGRID_KIND_LABELS[g.kind]} · ${g.buildings.join('、')}${g.retiredAt ? ' · 已撤销' : ' · 负责中'}`,
  }))
}

export function describeMyData(data: MyData): DataSection[] {
  const { person } = data
  const roles = [...new Set(person.roles.map((r) => ROLE_LABELS[r.role]))]
  return [
    {
      title: '我的信息',
      rows: [
        ...row('姓名', person.name),
        ...row('手机号', person.phone),
        { label: '家庭住址', value: data.household?.name ?? '未登记' },
        { label: '身份', value: roles.length ? roles.join('、') : '暂无' },
        ...row('志愿者', person.volunteer ? '是' : undefined),
        ...row('店铺', person.shopName),
        ...row('关爱标记', person.careFlags?.map((f) => CARE_FLAG_LABELS[f]).join('、')),
        ...row('登记时间', formatTime(person.createdAt)),
      ],
    },
    {
      title: '入户申请',
      empty: '没有入户申请',
      rows: data.claims.map((c) => ({
        label: formatTime(c.createdAt),
        value: `${c.name} · ${c.phone} · ${CLAIM_STATUS_LABELS[c.status]}${c.reason ? `（${c.reason}）` : ''}`,
      })),
    },
    {
      title: '志愿积分',
      rows: pointsRows(data.points),
    },
    {
      title: '我的诉求',
      rows: requestRows(data.requests),
    },
    {
      title: '应急与值守',
      rows: emergencyRows(data.emergency),
    },
    {
      title: '关爱包联',
      empty: '没有关爱或包联记录',
      rows: careRows(data.care),
    },
    {
      title: '居家隔离',
      empty: '没有居家隔离记录',
      rows: isolationRows(data.isolation),
    },
    {
      title: '三长议事',
      empty: '没有提出或支持过议题',
      rows: councilRows(data.council),
    },
    {
      title: '我负责的战时网格',
      empty: '没有负责过战时网格',
      rows: wartimeRows(data.wartime),
    },
    {
      title: '谁查看过我的完整信息',
      empty: '还没有人查看过',
      rows: data.seenBy.map((s) => ({ label: formatTime(s.at), value: `${s.actorName}：${auditLabel(s.action)}` })),
    },
  ]
}
