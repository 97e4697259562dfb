/**
 * What a council decision says to the grid (三长议事, issue 13): the notice a passed decision is published as, and
 * the request a decision that needs work becomes (its description names the owner and the deadline), and both with
 * the owner renamed (their deletion: the line the system wrote names the deleted label; the reason, which people
 * typed, stays as written). Pure.
 */
import type { Tally } from './vote'

/** How long the decision's notice stays up, in days. */
export const DECISION_NOTICE_DAYS = 14

const beijingDate = (at: Date): string => {
  const d = new Date(+at + 8 * 3_600_000)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

/** The line the system writes naming who carries the task out (the notice's last line; the request's tail). */
const taskLine = (ownerName: string, dueAt: Date): string => `由 ${ownerName} 负责落实，${beijingDate(dueAt)}前完成。`
const taskTail = (ownerName: string, dueAt: Date): string => `（负责人：${ownerName}，${beijingDate(dueAt)}前完成）`

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
  if (input.task) lines.push(taskLine(input.task.ownerName, input.task.dueAt))
  const title = `议事会决议：${input.proposalTitle}`
  return { title: title.length > 40 ? `${title.slice(0, 39)}…` : title, body: lines.join('\n') }
}

export function decisionTaskText(input: {
  proposalTitle: string
  reason: string
  ownerName: string
  dueAt: Date
}): string {
  return `议事会决议落实：${input.proposalTitle}。${input.reason}${taskTail(input.ownerName, input.dueAt)}`
}

const renamed = (text: string, from: string, to: string): string | null =>
  text.endsWith(from) && from !== to ? `${text.slice(0, -from.length)}${to}` : null

/** The decision notice's body with the task's owner renamed: null when its last line does not name `task.ownerName`
 * (already renamed, or no task). */
export const decisionNoticeRenamed = (
  body: string,
  task: { ownerName: string; dueAt: Date },
  name: string,
): string | null => renamed(body, `\n${taskLine(task.ownerName, task.dueAt)}`, `\n${taskLine(name, task.dueAt)}`)

/** The task request's description with its owner renamed: null when it does not end naming `task.ownerName`. */
export const decisionTaskTextRenamed = (
  description: string,
  task: { ownerName: string; dueAt: Date },
  name: string,
): string | null => renamed(description, taskTail(task.ownerName, task.dueAt), taskTail(name, task.dueAt))
