/**
 * The `council` function as pages see it (三长议事): a grid's proposals (议题) — similar ones before filing, raising one,
 * supporting and withdrawing, a head's 列入议程 / 不予上会, the chief's threshold — and (meetings and votes: H6) the
 * council's meetings. Who may do what is decided on the cloud.
 */
import type { CouncilApi, ProposalStage } from '../../core/contract'
import type { VoteChoice } from '../../core/council/vote'
import { call } from './transport'

export type { ProposalDetail, ProposalRow, ProposalsPage, ProposalStage, SimilarProposal } from '../../core/contract'
export {
  COUNCIL_LIMITS,
  PROPOSAL_OUTCOME_LABELS,
  PROPOSAL_STAGES,
  PROPOSAL_STAGE_LABELS,
  PROPOSAL_STATUS_LABELS,
} from '../../core/contract'

type R<A extends keyof CouncilApi> = CouncilApi[A]['result']

// ---- proposals (议题): H5 ----

/** 议事: a page of the grid's proposals in one tab. */
export const listProposals = (gridId: string, stage: ProposalStage, cursor?: string): Promise<R<'proposals'>> =>
  call('council', 'proposals', { gridId, stage, ...(cursor ? { cursor } : {}) })

/** 议题详情. */
export const getProposal = (proposalId: string): Promise<R<'proposal'>> => call('council', 'proposal', { proposalId })

/** 相似议题: the grid's open proposals most like the draft. */
export const findSimilarProposals = (gridId: string, title: string, text: string): Promise<R<'similar'>> =>
  call('council', 'similar', { gridId, title, text })

/** 发起议题 (the same tapId files once). */
export const proposeMatter = (input: CouncilApi['propose']['payload']): Promise<R<'propose'>> =>
  call('council', 'propose', input)

/** 支持. */
export const supportProposal = (proposalId: string): Promise<R<'support'>> => call('council', 'support', { proposalId })

/** 取消支持. */
export const withdrawSupport = (proposalId: string): Promise<R<'withdrawSupport'>> =>
  call('council', 'withdrawSupport', { proposalId })

/** 列入议程 (a head of the grid). */
export const putOnAgenda = (proposalId: string): Promise<R<'toAgenda'>> => call('council', 'toAgenda', { proposalId })

/** 不予上会, with the public reason. */
export const declineProposal = (proposalId: string, reason: string): Promise<R<'decline'>> =>
  call('council', 'decline', { proposalId, reason })

/** The supports that put a proposal of the grid on the agenda (the chief). */
export const setSupportThreshold = (gridId: string, supportThreshold: number): Promise<R<'updateSettings'>> =>
  call('council', 'updateSettings', { gridId, supportThreshold })

// ---- meetings and votes: H6 (append below this line) ----

export type { MeetingDetail, MeetingItemView, MeetingRow, MeetingsPage, MeetingCandidates } from '../../core/contract'
export { MEETING_LIMITS, MEETING_MODE_LABELS, MEETING_STATUS_LABELS } from '../../core/contract'
export { VOTE_CHOICE_LABELS, VOTE_CHOICES } from '../../core/council/vote'
export type { VoteChoice }

/** 议事会: a page of the grid's meetings. */
export const listMeetings = (gridId: string, cursor?: string): Promise<R<'meetings'>> =>
  call('council', 'meetings', { gridId, ...(cursor ? { cursor } : {}) })

/** What a new meeting may hold: the heads, whom to invite, the free 待议 proposals (the chief). */
export const getMeetingCandidates = (gridId: string): Promise<R<'meetingCandidates'>> =>
  call('council', 'meetingCandidates', { gridId })

/** 召集议事会 (the same tapId schedules once). */
export const scheduleMeeting = (input: CouncilApi['scheduleMeeting']['payload']): Promise<R<'scheduleMeeting'>> =>
  call('council', 'scheduleMeeting', input)

/** 会议详情. */
export const getMeeting = (meetingId: string): Promise<R<'meeting'>> => call('council', 'meeting', { meetingId })

/** 开始表决. */
export const openMeetingVote = (meetingId: string): Promise<R<'openMeeting'>> =>
  call('council', 'openMeeting', { meetingId })

/** 赞成 / 反对 / 弃权 (again: a change of mind). */
export const castVote = (meetingId: string, item: number, choice: VoteChoice): Promise<R<'vote'>> =>
  call('council', 'vote', { meetingId, item, choice })

/** 现场表决: who was present and each present member's vote (the chief). */
export const recordInPersonVotes = (
  meetingId: string,
  item: number,
  present: string[],
  votes: { personId: string; choice: VoteChoice }[],
): Promise<R<'recordVotes'>> => call('council', 'recordVotes', { meetingId, item, present, votes })

/** 结束表决, with the public reason and, for work, an owner and a deadline. */
export const closeMeetingItem = (
  meetingId: string,
  item: number,
  reason: string,
  task?: { ownerId: string; dueAt: string },
): Promise<R<'closeItem'>> => call('council', 'closeItem', { meetingId, item, reason, ...(task ? { task } : {}) })

/** 保存会议纪要. */
export const saveMeetingMinutes = (meetingId: string, minutes: string): Promise<R<'saveMinutes'>> =>
  call('council', 'saveMinutes', { meetingId, minutes })

/** 结束会议. */
export const closeMeeting = (meetingId: string, minutes?: string): Promise<R<'closeMeeting'>> =>
  call('council', 'closeMeeting', { meetingId, ...(minutes !== undefined ? { minutes } : {}) })
