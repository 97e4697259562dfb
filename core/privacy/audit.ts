/**
 * The actions that show other people's phones or rooms in full, each with what it showed in the words of the
 * person reviewing the audit log (审计日志). server/audit.ts accepts only these actions, and the audit page takes
 * its labels from here, so an audited action cannot reach the log without a Chinese label.
 */
import type { ActionKey } from '../contract'

export const AUDITED_ACTIONS = {
  'grid.households': '查看住户名单（完整手机号和门牌）',
  'grid.neighbours': '查看楼栋邻里（完整手机号和门牌）',
  'notices.unreached': '查看通知未触达住户（完整手机号和门牌）',
  'join.pendingClaims': '查看入户申请（申请人完整手机号）',
  'join.decideClaim': '处理入户申请（申请人完整手机号）',
  'org.exportRoster': '导出花名册（全社区住户手机号和门牌）',
  // not a read: an image they published failed the content check and is hidden from everyone (server/uploads.ts)
  'notices.publish': '发布的图片未通过内容安全审核（已对所有人隐藏）',
  // a handler opened a request and saw its reporter's phone in full (requests.detail and each move's answer)
  'requests.detail': '查看诉求反映人（完整手机号）',
  // not a read: a photo of a request (its report, or a handler's move) failed the content check and is hidden
  'requests.report': '诉求照片未通过内容安全审核（已对所有人隐藏）',
  'isolation.done': '隔离服务照片未通过内容安全审核（已对所有人隐藏）',
  // not a read: the one-time creation of the environment's first staff, kept for review (org.bootstrap)
  'org.bootstrap': '首次开通（创建街道、社区和第一位工作人员）',
  // not a read: a leader granted or deducted a resident's points (the entry's note says how many and why)
  'points.adjustPoints': '调整居民积分（奖励或扣减并写明原因）',
  'points.exportHours': '导出志愿服务时长（参与者姓名、岗位与时长）',
  // not a read: staff changed their community's volunteering rules (the note says which)
  'points.updateRules': '修改社区志愿积分规则',
  // not a read: staff changed their community's or street's request settings (the note says what)
  'requests.updateSettings': '修改诉求设置（类别、时限、职能部门或节假日）',
  // care persons (关爱对象): every read that shows someone's care flags or daily checks, and the marks themselves
  'care.list': '查看关爱对象名单（关爱标记和探访情况）',
  'care.detail': '查看关爱对象（关爱标记、包联人、每日探访和完整手机号）',
  'care.mine': '查看我包联的关爱对象（关爱标记和探访情况）',
  'care.mark': '标记或取消关爱对象（备注写明标记）',
  'care.team': '指定关爱对象的包联人（四包一）',
  // not a read: a photo of a council proposal (议题) failed the content check and is hidden from everyone
  'council.propose': '议题图片未通过内容安全审核（已对所有人隐藏）',
  // 安排值守's picker showed the phones of people whose home the caller leads over in full
  'duty.findPeople': '安排值守时查找人员（完整手机号）',
} as const satisfies Partial<Record<ActionKey, string>>

export type AuditedAction = keyof typeof AUDITED_ACTIONS

/** An entry written before its action was labelled (or by a newer version) still reads as Chinese. */
export const FALLBACK_AUDIT_LABEL = '查看居民完整信息'

export const auditLabel = (action: string): string =>
  (AUDITED_ACTIONS as Record<string, string>)[action] ?? FALLBACK_AUDIT_LABEL
