/**
 * The support rules of a proposal (议题): a member of the grid other than the proposer supports an open proposal once;
 * a withdrawal is allowed while it is open; the support that brings the count to the grid's threshold moves it to
 * 待议 (agenda) — decided here and written in the same transaction as the support, so racing supporters cross it
 * exactly once. A head's choice puts an open one on the agenda; a head declines one still open or 待议 and on no
 * meeting's agenda, with a public reason. Pure: the handler re-reads both documents inside the transaction.
 */
import { COUNCIL_LIMITS, type ProposalStage } from '../contract/council'
import type { CouncilSettingsDoc, ProposalDoc, ProposalStatus, ProposalStep } from '../model'

export type Refusal = 'PROPOSAL_NOT_OPEN' | 'PROPOSAL_OWN' | 'PROPOSAL_CLOSED' | 'PROPOSAL_ON_MEETING'

/** The threshold in force for a grid. */
export const thresholdOf = (settings: Pick<CouncilSettingsDoc, 'supportThreshold'> | null): number =>
  settings?.supportThreshold ?? COUNCIL_LIMITS.defaultThreshold

export const stageOf = (status: ProposalStatus): ProposalStage =>
  status === 'open' ? 'open' : status === 'agenda' ? 'agenda' : 'closed'

type Counted = Pick<ProposalDoc, 'status' | 'supports' | 'proposerId'>

export type SupportMove =
  | { ok: false; code: Refusal }
  /** nothing to write: already supported (support) or not supporting (withdraw) */
  | { ok: true; changed: false }
  | { ok: true; changed: true; supports: number; toAgenda: boolean }

/** A support by `personId`, who `supporting` already or not. */
export function support(p: Counted, personId: string, supporting: boolean, threshold: number): SupportMove {
  if (p.proposerId === personId) return { ok: false, code: 'PROPOSAL_OWN' }
  if (p.status !== 'open') return supporting ? { ok: true, changed: false } : { ok: false, code: 'PROPOSAL_NOT_OPEN' }
  if (supporting) return { ok: true, changed: false }
  const supports = p.supports + 1
  return { ok: true, changed: true, supports, toAgenda: supports >= threshold }
}

/** A withdrawal by `personId`, who `supporting` now or not. */
export function withdraw(p: Counted, supporting: boolean): SupportMove {
  if (!supporting) return { ok: true, changed: false }
  if (p.status !== 'open') return { ok: false, code: 'PROPOSAL_NOT_OPEN' }
  return { ok: true, changed: true, supports: Math.max(0, p.supports - 1), toAgenda: false }
}

/** A head's 列入议程: an open one goes to 待议; one there already stays (a retry). */
export function toAgenda(
  p: Pick<ProposalDoc, 'status'>,
): { ok: false; code: Refusal } | { ok: true; changed: boolean } {
  if (p.status === 'agenda') return { ok: true, changed: false }
  if (p.status !== 'open') return { ok: false, code: 'PROPOSAL_CLOSED' }
  return { ok: true, changed: true }
}

/** A head's 不予上会: open or 待议 and on no meeting's agenda. */
export function decline(p: Pick<ProposalDoc, 'status' | 'meetingId'>): { ok: false; code: Refusal } | { ok: true } {
  if (p.status === 'decided' || p.status === 'declined') return { ok: false, code: 'PROPOSAL_CLOSED' }
  if (p.meetingId) return { ok: false, code: 'PROPOSAL_ON_MEETING' }
  return { ok: true }
}

/** The history with one more step, the oldest dropped past COUNCIL_LIMITS.history. */
export const withStep = (history: readonly ProposalStep[], step: ProposalStep): ProposalStep[] =>
  [...history, step].slice(-COUNCIL_LIMITS.history)

/** The step of the threshold being crossed. */
export const THRESHOLD_BY = '达到支持人数'
