/**
 * The `council` function (三长议事, issue 13): the grid's matters raised, supported, put on the council's agenda and
 * decided. This part is the proposals side (议题): a resident of a grid or one of its heads raises a matter for
 * their own grid (title, text, photos, optionally a request of theirs or of the grid), is first shown the similar
 * open proposals of the grid; other members support it (once each, the proposer not); at the grid's threshold
 * (COUNCIL_LIMITS.defaultThreshold unless the chief set another) it goes on the agenda (待议) in the transaction of
 * the support that crosses it; a head may also put it there by choice, or decline it with a public reason.
 * Meetings, votes and the outcome written onto a proposal are the second part (marked "meetings and votes: H6").
 */
import { z } from 'zod'
import { fileID, recordId, unitId } from './fields'
import type { ProposalOutcome, ProposalStatus } from '../model'
import { VOTE_CHOICES, type DecisionOutcome, type QuorumRule, type Tally, type VoteChoice } from '../council/vote'

/** What a proposal's fields may hold and how long pages are (pages cap their inputs with these). */
export const COUNCIL_LIMITS = {
  title: 40,
  titleMin: 4,
  text: 1000,
  textMin: 10,
  photos: 6,
  reason: 200,
  pageSize: 20,
  maxPageSize: 50,
  /** similar: how many of the grid's newest open proposals are compared with the draft, and how many are shown */
  similarScan: 50,
  similarShown: 5,
  /** the supports that put a proposal on the agenda, unless the grid's chief set another */
  defaultThreshold: 3,
  thresholdMin: 1,
  thresholdMax: 50,
  /** the status history kept on a proposal */
  history: 20,
} as const

/** The list tabs: 征集中 (open), 待议 (on the agenda), 已决 (decided or declined). */
export const PROPOSAL_STAGES = ['open', 'agenda', 'closed'] as const
export type ProposalStage = (typeof PROPOSAL_STAGES)[number]

export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  open: '征集支持',
  agenda: '待议',
  decided: '已表决',
  declined: '不予上会',
}
export const PROPOSAL_STAGE_LABELS: Record<ProposalStage, string> = {
  open: '征集中',
  agenda: '待议',
  closed: '已决',
}
export const PROPOSAL_OUTCOME_LABELS: Record<ProposalOutcome, string> = {
  passed: '通过',
  rejected: '不通过',
}

// ---- meetings and votes: H6 ----
export const MEETING_LIMITS = {
  title: 40,
  place: 50,
  minutes: 5000,
  /** agenda items of one meeting */
  agenda: 10,
  invited: 20,
  /** the three heads of a grid (a few building heads) and the invited */
  members: 40,
  /** how far ahead a meeting may be scheduled, and back (one recorded after it happened), in days */
  aheadDays: 90,
  backDays: 7,
  /** a decision's work: the latest deadline, in days */
  taskDays: 365,
  /** meetingCandidates: the proposers of 待议 proposals read */
  candidateProposals: 50,
} as const

/** 线上 (members vote in the app) or 现场 (the chief records the votes of those present; members may still vote). */
export const MEETING_MODES = ['online', 'inPerson'] as const
export type MeetingMode = (typeof MEETING_MODES)[number]
export const MEETING_MODE_LABELS: Record<MeetingMode, string> = { online: '线上', inPerson: '现场' }
export const MEETING_STATUSES = ['scheduled', 'open', 'closed'] as const
export type MeetingStatus = (typeof MEETING_STATUSES)[number]
export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  scheduled: '未开始',
  open: '表决中',
  closed: '已结束',
}
const distinct = (a: readonly string[]) => new Set(a).size === a.length
const meetingTapId = z.string().regex(/^[A-Za-z0-9_-]{8,24}$/, '请求编号格式不对')
const meetingTitle = z
  .string()
  .trim()
  .min(2, '请填写会议名称')
  .max(MEETING_LIMITS.title, `会议名称最多 ${MEETING_LIMITS.title} 个字`)
const itemIndex = z
  .number()
  .int()
  .min(0)
  .max(MEETING_LIMITS.agenda - 1)
const minutes = z.string().trim().max(MEETING_LIMITS.minutes, `会议纪要最多 ${MEETING_LIMITS.minutes} 个字`)

/** The client's id for one tap: a retried or double-tapped propose files once. */
const tapId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号格式不对')
const proposalId = z.string().min(1).max(160)
const cursor = z.string().min(1).max(300)
const title = z
  .string()
  .trim()
  .min(COUNCIL_LIMITS.titleMin, `标题至少 ${COUNCIL_LIMITS.titleMin} 个字`)
  .max(COUNCIL_LIMITS.title, `标题最多 ${COUNCIL_LIMITS.title} 个字`)
const text = z
  .string()
  .trim()
  .min(COUNCIL_LIMITS.textMin, `内容至少 ${COUNCIL_LIMITS.textMin} 个字`)
  .max(COUNCIL_LIMITS.text, `内容最多 ${COUNCIL_LIMITS.text} 个字`)
const reason = z
  .string()
  .trim()
  .min(1, '请写明理由')
  .max(COUNCIL_LIMITS.reason, `理由最多 ${COUNCIL_LIMITS.reason} 个字`)

export const councilPayloads = {
  // ---- proposals (议题): H5 ----
  /** The open proposals of the grid most like a draft (titles only, proposers never named): shown before filing. */
  similar: z
    .object({
      gridId: unitId,
      title: z.string().trim().max(COUNCIL_LIMITS.title).default(''),
      text: z.string().trim().max(COUNCIL_LIMITS.text).default(''),
    })
    .strict(),
  /** Raises a matter for the caller's own grid (a resident living there, or a head of it). Text content-checked,
   * photos the caller's own uploads (purpose 'proposal'); `requestId` a request of theirs or of the grid. The same
   * tapId files once. */
  propose: z
    .object({
      tapId,
      gridId: unitId,
      title,
      text,
      photos: z.array(fileID).max(COUNCIL_LIMITS.photos, `最多 ${COUNCIL_LIMITS.photos} 张图片`).default([]),
      requestId: recordId.optional(),
    })
    .strict(),
  /** Another member of the grid supports an open proposal (once; a second is a no-op). */
  support: z.object({ proposalId }).strict(),
  /** Takes one's support back while the proposal is open. */
  withdrawSupport: z.object({ proposalId }).strict(),
  /** [heads of the grid] Puts an open proposal on the agenda (待议) by choice. */
  toAgenda: z.object({ proposalId }).strict(),
  /** [heads of the grid] Declines an open or 待议 proposal (not on a meeting's agenda) with a public reason. */
  decline: z.object({ proposalId, reason }).strict(),
  /** The grid's proposals in one tab, newest change first, paged (keyset). Members of the grid and leaders over it. */
  proposals: z
    .object({
      gridId: unitId,
      stage: z.enum(PROPOSAL_STAGES).default('open'),
      cursor: cursor.optional(),
      pageSize: z.number().int().min(1).max(COUNCIL_LIMITS.maxPageSize).default(COUNCIL_LIMITS.pageSize),
    })
    .strict(),
  /** One proposal: its support count, whether I support it, its status history, the outcome once decided. */
  proposal: z.object({ proposalId }).strict(),
  /** [grid chief, community staff over the grid] The supports that put a proposal of the grid on the agenda. */
  updateSettings: z
    .object({
      gridId: unitId,
      supportThreshold: z
        .number()
        .int()
        .min(
          COUNCIL_LIMITS.thresholdMin,
          `支持人数应在 ${COUNCIL_LIMITS.thresholdMin}–${COUNCIL_LIMITS.thresholdMax} 之间`,
        )
        .max(
          COUNCIL_LIMITS.thresholdMax,
          `支持人数应在 ${COUNCIL_LIMITS.thresholdMin}–${COUNCIL_LIMITS.thresholdMax} 之间`,
        ),
    })
    .strict(),
  // ---- meetings and votes: H6 (append below this line) ----
  /** [grid chief, community staff over the grid] Schedules a meeting of the grid: online or in person, when and
   * where, an agenda of the grid's 待议 proposals (each on one meeting not closed at most), invited members (the
   * grid's three heads are members anyway). The same tapId schedules once. */
  scheduleMeeting: z
    .object({
      tapId: meetingTapId,
      gridId: unitId,
      title: meetingTitle,
      mode: z.enum(MEETING_MODES),
      startAt: z.string().datetime({ offset: true }),
      place: z.string().trim().max(MEETING_LIMITS.place, `地点最多 ${MEETING_LIMITS.place} 个字`).default(''),
      proposalIds: z
        .array(proposalId)
        .min(1, '请至少选择一个待议的议题')
        .max(MEETING_LIMITS.agenda, `一次议事会最多 ${MEETING_LIMITS.agenda} 个议题`)
        .refine(distinct, '同一个议题只能列入一次'),
      invitedIds: z
        .array(recordId)
        .max(MEETING_LIMITS.invited, `最多邀请 ${MEETING_LIMITS.invited} 人`)
        .refine(distinct, '同一个人只能邀请一次')
        .default([]),
      quorum: z
        .object({ numerator: z.number().int().min(1).max(10), denominator: z.number().int().min(1).max(10) })
        .strict()
        .refine((q) => q.numerator <= q.denominator, '法定人数的比例不能超过全体成员')
        .optional(),
    })
    .strict(),
  /** [grid chief, community staff over the grid] What a new meeting may hold: the grid's heads (members anyway),
   * whom it may invite (staff over the grid, the proposers of its 待议 proposals) and the 待议 proposals free for an
   * agenda (bounded). */
  meetingCandidates: z.object({ gridId: unitId }).strict(),
  /** The grid's meetings, latest first, paged (keyset). Members of the grid and leaders over it. */
  meetings: z
    .object({
      gridId: unitId,
      cursor: cursor.optional(),
      pageSize: z.number().int().min(1).max(COUNCIL_LIMITS.maxPageSize).default(COUNCIL_LIMITS.pageSize),
    })
    .strict(),
  /** One meeting: members, quorum, agenda with each item's live tally and my vote, minutes. */
  meeting: z.object({ meetingId: recordId }).strict(),
  /** [chair] Opens the vote (scheduled → open). */
  openMeeting: z.object({ meetingId: recordId }).strict(),
  /** [a member] One's vote on an open item of an open meeting; again: a change of mind (the tally moves, never counts
   * twice). */
  vote: z.object({ meetingId: recordId, item: itemIndex, choice: z.enum(VOTE_CHOICES) }).strict(),
  /** [chair] An in-person vote: who was present (members; the quorum counts them) and each present member's vote. */
  recordVotes: z
    .object({
      meetingId: recordId,
      item: itemIndex,
      present: z.array(recordId).max(MEETING_LIMITS.members).refine(distinct, '到场名单里有重复的人'),
      votes: z
        .array(z.object({ personId: recordId, choice: z.enum(VOTE_CHOICES) }).strict())
        .max(MEETING_LIMITS.members)
        .refine((v) => distinct(v.map((x) => x.personId)), '每人只能记录一票'),
    })
    .strict(),
  /** [chair] Ends an item's vote: with quorum its outcome (通过 / 不通过) and public reason go onto the proposal; a
   * passed one is published to the grid as a notice and, with `task`, becomes a request with an owner (a member) and
   * a deadline. Without quorum: MEETING_NO_QUORUM and nothing is written. */
  closeItem: z
    .object({
      meetingId: recordId,
      item: itemIndex,
      reason,
      task: z
        .object({ ownerId: recordId, dueAt: z.string().datetime({ offset: true }) })
        .strict()
        .optional(),
    })
    .strict(),
  /** [chair] Saves the minutes (会议纪要) while the meeting is not closed. */
  saveMinutes: z.object({ meetingId: recordId, minutes }).strict(),
  /** [chair] Closes the meeting with its minutes: items left undecided go back to 待议 (free for another meeting). */
  closeMeeting: z.object({ meetingId: recordId, minutes: minutes.optional() }).strict(),
}

/** A similar open proposal shown before filing: no proposer. */
export interface SimilarProposal {
  id: string
  title: string
  supports: number
  /** 0–1: how much of the draft's wording it shares (core/council/similar.ts) */
  score: number
}

export interface ProposalRow {
  id: string
  title: string
  status: ProposalStatus
  supports: number
  /** 居民 王秀英 / 网格长 李建国 / 已注销居民 */
  proposer: string
  /** the outcome once decided (通过 / 不通过) */
  outcome: ProposalOutcome | null
  /** when its status last changed (the list's order) */
  at: string
  mine: boolean
}

export interface ProposalStepView {
  status: ProposalStatus
  at: string
  /** who moved it: 居民 王秀英, 网格长 李建国, 达到支持人数, 议事会 */
  by: string
  /** a decline's or decision's public reason */
  note: string
}

export interface ProposalDetail {
  id: string
  gridId: string
  gridName: string
  title: string
  text: string
  /** images shown to this viewer (the proposer and the grid's heads also see those still being checked) */
  photos: string[]
  /** those of `photos` still 审核中 (only their uploader and the scope's leaders get them): the page marks them 审核中 */
  checkingPhotos: string[]
  /** how many of the photos the image check refused, told only to the proposer (hidden from everyone, the proposer
   * too; core/uploads.ts withheldLine): 0 for anyone else */
  withheldPhotos: number
  proposer: string
  isProposer: boolean
  status: ProposalStatus
  supports: number
  /** the grid's threshold in force (a proposal past open keeps the count it had) */
  threshold: number
  iSupport: boolean
  /** what the caller may do now (the server checks again) */
  canSupport: boolean
  canWithdraw: boolean
  /** a head of the grid (or staff over it): 列入议程 / 不予上会 */
  canManage: boolean
  /** the linked request (诉求), with its title, when there is one */
  request: { id: string; title: string } | null
  history: ProposalStepView[]
  /** a decline's public reason */
  declineReason: string
  /** written by the council's decision (meetings and votes: H6) */
  decision: {
    outcome: ProposalOutcome
    reason: string
    at: string
    meetingId: string | null
    noticeId: string | null
    taskId: string | null
  } | null
  createdAt: string
}

export interface ProposalsPage {
  gridName: string
  rows: ProposalRow[]
  nextCursor: string | null
  threshold: number
  /** whether the caller may raise a proposal here (a member of the grid) */
  canPropose: boolean
  /** the chief or staff over the grid: may change the threshold */
  canSetThreshold: boolean
}

export interface CouncilSettingsView {
  gridId: string
  supportThreshold: number
}

/** What the council stored about the caller, in their 导出我的数据 (core/privacy/council.ts). */
export interface MyCouncil {
  proposals: { title: string; text: string; status: ProposalStatus; supports: number; at: string }[]
  supports: { title: string; active: boolean; at: string }[]
  // meetings and votes: H6 (a person's votes): each vote cast or recorded, with the meeting and the item
  votes?: { meeting: string; item: string; choice: string; via: string; at: string }[]
}

export interface CouncilApi {
  // ---- proposals (议题): H5 ----
  similar: { payload: z.input<typeof councilPayloads.similar>; result: { rows: SimilarProposal[] } }
  propose: { payload: z.input<typeof councilPayloads.propose>; result: { id: string } }
  support: { payload: z.input<typeof councilPayloads.support>; result: ProposalDetail }
  withdrawSupport: { payload: z.input<typeof councilPayloads.withdrawSupport>; result: ProposalDetail }
  toAgenda: { payload: z.input<typeof councilPayloads.toAgenda>; result: ProposalDetail }
  decline: { payload: z.input<typeof councilPayloads.decline>; result: ProposalDetail }
  proposals: { payload: z.input<typeof councilPayloads.proposals>; result: ProposalsPage }
  proposal: { payload: z.input<typeof councilPayloads.proposal>; result: ProposalDetail }
  updateSettings: { payload: z.input<typeof councilPayloads.updateSettings>; result: CouncilSettingsView }
  // ---- meetings and votes: H6 (append below this line) ----
  scheduleMeeting: { payload: z.input<typeof councilPayloads.scheduleMeeting>; result: { id: string } }
  meetingCandidates: { payload: z.input<typeof councilPayloads.meetingCandidates>; result: MeetingCandidates }
  meetings: { payload: z.input<typeof councilPayloads.meetings>; result: MeetingsPage }
  meeting: { payload: z.input<typeof councilPayloads.meeting>; result: MeetingDetail }
  openMeeting: { payload: z.input<typeof councilPayloads.openMeeting>; result: MeetingDetail }
  vote: { payload: z.input<typeof councilPayloads.vote>; result: MeetingDetail }
  recordVotes: { payload: z.input<typeof councilPayloads.recordVotes>; result: MeetingDetail }
  closeItem: { payload: z.input<typeof councilPayloads.closeItem>; result: MeetingDetail }
  saveMinutes: { payload: z.input<typeof councilPayloads.saveMinutes>; result: MeetingDetail }
  closeMeeting: { payload: z.input<typeof councilPayloads.closeMeeting>; result: MeetingDetail }
}

// ---- meetings and votes: H6 ----

export interface MeetingCandidates {
  /** the grid's three heads: members anyway */
  heads: { personId: string; name: string; label: string }[]
  /** whom the meeting may invite */
  rows: { personId: string; name: string; label: string }[]
  /** the grid's 待议 proposals not on a meeting yet: the agenda to choose from */
  agenda: { id: string; title: string; supports: number }[]
}

export interface MeetingRow {
  id: string
  title: string
  mode: MeetingMode
  startAt: string
  place: string
  status: MeetingStatus
  items: number
  decided: number
}

export interface MeetingsPage {
  gridName: string
  rows: MeetingRow[]
  nextCursor: string | null
  /** the chief or staff over the grid: may schedule */
  canSchedule: boolean
}

export interface MeetingItemView {
  index: number
  proposalId: string
  title: string
  status: 'open' | 'decided' | 'dropped'
  tally: Tally
  /** members who took part (voters with the presence list) */
  turnout: number
  /** the presence list of an in-person vote */
  present: string[]
  /** the caller's own vote on it */
  myVote: VoteChoice | null
  outcome: DecisionOutcome | null
  reason: string
  decidedAt: string | null
  noticeId: string | null
  task: { requestId: string; ownerName: string; dueAt: string } | null
  /** the chair's view only: each member's vote; [] for anyone else (a member sees only their own) */
  votes: { personId: string; choice: VoteChoice; via: 'online' | 'inPerson' }[]
}

export interface MeetingDetail {
  id: string
  gridId: string
  gridName: string
  title: string
  mode: MeetingMode
  startAt: string
  place: string
  status: MeetingStatus
  members: { personId: string; name: string; label: string; kind: 'head' | 'invited' }[]
  quorum: QuorumRule & { eligible: number; needed: number }
  items: MeetingItemView[]
  minutes: string
  /** the caller is a member: may vote while an item is open */
  isMember: boolean
  /** the chief or staff over the grid: opens, records, closes */
  canChair: boolean
}
