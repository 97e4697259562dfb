/**
 * The reserve force (应急力量): who a call-up reaches (the kinds asked, any of the skills asked — none asked: all —
 * registered at or under the unit called up), and what an answer or an assignment does to the call-up's counts. One
 * answer per person per call-up: a changed answer moves one count to the other, and an assigned answer is fixed.
 */
import type { CallUpAnswer } from '../contract/emergency'
import type { CallUpAnswerDoc, CallUpDoc, ReserveMemberDoc } from '../model'
import { isWithin } from '../units'

export type Reach = Pick<CallUpDoc, 'kinds' | 'skills' | 'unitPath'>

export const reaches = (c: Reach, m: Pick<ReserveMemberDoc, 'kind' | 'skills' | 'path'>): boolean =>
  isWithin(m.path, c.unitPath) &&
  c.kinds.includes(m.kind) &&
  (c.skills.length === 0 || c.skills.some((s) => m.skills.includes(s)))

export interface Counts {
  coming: number
  cannot: number
  assigned: number
}

const NONE: Counts = { coming: 0, cannot: 0, assigned: 0 }

/** The change of counts an answer makes over the one held (null: none yet), or 'assigned' when it may not change. */
export function answerDelta(
  held: Pick<CallUpAnswerDoc, 'answer' | 'assignment'> | null,
  answer: CallUpAnswer,
): Counts | 'assigned' {
  if (held?.assignment) return 'assigned'
  const delta = { ...NONE }
  if (held) delta[held.answer] -= 1
  delta[answer] += 1
  return delta
}

/** The change of counts an assignment makes: only a 到岗 answer is assigned; a second assignment moves, not counts. */
export function assignDelta(held: Pick<CallUpAnswerDoc, 'answer' | 'assignment'> | null): Counts | 'notComing' {
  if (!held || held.answer !== 'coming') return 'notComing'
  return held.assignment ? { ...NONE } : { ...NONE, assigned: 1 }
}

/** The counts a call-up's answers add up to (what the counters must equal: the property tests recount with this). */
export function recount(answers: readonly Pick<CallUpAnswerDoc, 'answer' | 'assignment'>[]): Counts {
  const c = { ...NONE }
  for (const a of answers) {
    c[a.answer] += 1
    if (a.assignment) c.assigned += 1
  }
  return c
}
