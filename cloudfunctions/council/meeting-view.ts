/**
 * A council meeting as the caller sees it (council.meeting and the answer of every meeting action): its members and
 * quorum, each agenda item with its live tally (the item's counter, moved with each vote) and the caller's own vote;
 * the chair also sees each member's vote, to check an in-person record. Reads: the grid, the items by id, the
 * caller's votes by id (the chair: every member's, members × items, both bounded).
 */
import type { MeetingDetail, MeetingItemView } from '../../core/contract/council'
import { quorumNeeded, turnout } from '../../core/council/vote'
import { councilVoteId, meetingItemId } from '../../core/ids'
import type { CouncilVoteDoc, MeetingDoc, MeetingItemDoc } from '../../core/model'
import type { Unit } from '../../core/units'
import type { Caller } from '../../server/caller'
import type { Data } from '../../server/data'
import { AppError } from '../../server/errors'
import { iso } from '../../server/views'
import { gridOr404, standingOf } from './access'
import { reads } from '../../core/council/members'

/** The chief of the grid or community staff over it: schedules, opens, records, closes. */
export const chairs = (caller: Caller, grid: Pick<Unit, 'path'>): boolean =>
  caller.grants.some(
    (g) =>
      (g.role === 'gridChief' && g.path === grid.path) || (g.role === 'communityStaff' && grid.path.startsWith(g.path)),
  )

export const itemIds = (m: Pick<MeetingDoc, '_id' | 'proposalIds'>): string[] =>
  m.proposalIds.map((_, i) => meetingItemId(m._id, i))

/** A meeting the caller may read: a member of it, or someone who reads the grid's council (NOT_FOUND otherwise). */
export async function meetingOr404(data: Data, caller: Caller, meetingId: string) {
  const meeting = await data.councilMeetings.get(meetingId)
  if (!meeting) throw new AppError('NOT_FOUND')
  const grid = await gridOr404(data, meeting.gridId)
  const me = caller.person?._id
  const member = !!me && meeting.members.some((m) => m.personId === me)
  if (!member && !reads(standingOf(caller, grid)) && !chairs(caller, grid)) throw new AppError('NOT_FOUND')
  return { meeting, grid }
}

export async function meetingView(data: Data, caller: Caller, m: MeetingDoc, grid: Unit): Promise<MeetingDetail> {
  const me = caller.person?._id
  const canChair = chairs(caller, grid)
  const isMember = !!me && m.members.some((x) => x.personId === me)
  const ids = itemIds(m)
  const memberIds = m.members.map((x) => x.personId)
  const voteIds = ids.flatMap((item) =>
    canChair ? memberIds.map((p) => councilVoteId(item, p)) : me ? [councilVoteId(item, me)] : [],
  )
  const [items, votes] = await Promise.all([
    data.councilItems.byIds(ids),
    voteIds.length ? data.councilVotes.byIds(voteIds) : Promise.resolve([] as CouncilVoteDoc[]),
  ])
  const byItem = new Map<string, CouncilVoteDoc[]>()
  for (const v of votes) byItem.set(v.itemId, [...(byItem.get(v.itemId) ?? []), v])
  const itemOf = new Map(items.map((i) => [i._id, i]))
  const views: MeetingItemView[] = ids.flatMap((id, index) => {
    const item = itemOf.get(id)
    return item ? [itemView(item, index, byItem.get(id) ?? [], memberIds, me, canChair)] : []
  })
  return {
    id: m._id,
    gridId: m.gridId,
    gridName: grid.name,
    title: m.title,
    mode: m.mode,
    startAt: iso(m.startAt),
    place: m.place,
    status: m.status,
    members: m.members.map((x) => ({ personId: x.personId, name: x.name, label: x.label, kind: x.kind })),
    quorum: { ...m.quorum, eligible: m.members.length, needed: quorumNeeded(m.members.length, m.quorum) },
    items: views,
    minutes: m.minutes,
    isMember,
    canChair,
  }
}

function itemView(
  item: MeetingItemDoc,
  index: number,
  votes: readonly CouncilVoteDoc[],
  memberIds: readonly string[],
  me: string | undefined,
  canChair: boolean,
): MeetingItemView {
  const mine = me ? votes.find((v) => v.personId === me) : undefined
  return {
    index,
    proposalId: item.proposalId,
    title: item.title,
    status: item.status,
    tally: item.tally,
    turnout: turnout(memberIds, item.voterIds, item.present),
    present: item.present,
    myVote: mine?.choice ?? null,
    outcome: item.outcome,
    reason: item.reason,
    decidedAt: item.decidedAt ? iso(item.decidedAt) : null,
    noticeId: item.noticeId,
    task: item.task
      ? { requestId: item.task.requestId, ownerName: item.task.ownerName, dueAt: iso(item.task.dueAt) }
      : null,
    votes: canChair ? votes.map((v) => ({ personId: v.personId, choice: v.choice, via: v.via })) : [],
  }
}
