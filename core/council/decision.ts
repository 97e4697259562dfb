/**
 * What a council decision says to the grid (三长议事, issue 13): the notice a passed decision is published as, and
 * the request a decision that needs work becomes (its description names the owner and the deadline). Pure.
 */
import type { Tally } from './vote'

/** How long the decision's notice stays up, in days. */
export const DECISION_NOTICE_DAYS = 14

const beijingDate = (at: Date): string => {
  const d = new Date(+at + 8 * 3_600_000)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

export function decisionNotice(input: {
  gridName: string
  meetingTitle: string
  proposalTitle: string
  reason: string
  tally: Tally
  task: { ownerName: string; dueAt: Date } | null
}): { title: string; body: string } {
  const t = input.tally
  const lines = [
    `${input.gridName}议事会（${input.meetingTitle}）表决通过：${input.proposalTitle}。`,
    `表决结果：赞成 ${t.for} 票，反对 ${t.against} 票，弃权 ${t.abstain} 票。`,
    `理由：${input.reason}`,
  ]
  if (input.task) lines.push(`由 ${input.task.ownerName} 负责落实，${beijingDate(input.task.dueAt)}前完成。`)
  const title = `议事会决议：${input.proposalTitle}`
  return { title: title.length > 40 ? `${title.slice(0, 39)}…` : title, body: lines.join('\n') }
}

export function decisionTaskText(input: {
  proposalTitle: string
  reason: string
  ownerName: string
  dueAt: Date
}): string {
  return `议事会决议落实：${input.proposalTitle}。${input.reason}（负责人：${input.ownerName}，${beijingDate(input.dueAt)}前完成）`
}
