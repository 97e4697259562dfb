/**
 * Votes (表决): vote (a member's own, online, on an open item of an open meeting; again: a change of mind) and
 * recordVotes (the chair records an in-person vote: who was present — the quorum counts them — and each present
 * member's vote). Each is one transaction over the item and the votes it touches (core/ids.ts councilVoteId: one
 * per member and item), moving the item's tally and voters with them (core/council/vote.ts moveTally), so the tally
 * always equals a recount of the votes and one person is never counted twice, however many taps race.
 */
import { mayVote, moveTally } from '../../../core/council/vote'
import { councilVoteId, meetingItemId } from '../../../core/ids'
import type { CouncilVoteDoc, MeetingDoc } from '../../../core/model'
import type { TxData } from '../../../server/data'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { chairs, meetingOr404, meetingView } from '../meeting-view'

const meetingGrid = async (id: string, data: { councilMeetings: { get(id: string): Promise<MeetingDoc | null> } }) =>
  (await data.councilMeetings.get(id))?.gridId ?? null

/** Inside the transaction: one member's vote set to `choice`, the item's tally and voters moved with it. */
async function castInTx(
  tx: TxData,
  m: MeetingDoc,
  itemId: string,
  votes: readonly { personId: string; choice: CouncilVoteDoc['choice'] }[],
  via: CouncilVoteDoc['via'],
  recordedBy: string,
  present: readonly string[] | null,
  now: Date,
) {
  const item = await tx.councilItems.get(itemId)
  if (!item) throw new AppError('NOT_FOUND')
  if (item.status !== 'open') throw new AppError('MEETING_ITEM_CLOSED')
  let tally = item.tally
  const voters = new Set(item.voterIds)
  for (const v of votes) {
    const id = councilVoteId(itemId, v.personId)
    const held = await tx.councilVotes.get(id)
    if (held?.choice === v.choice && held.via === via) continue
    const name = m.members.find((x) => x.personId === v.personId)?.name ?? ''
    await tx.councilVotes.set(id, {
      meetingId: m._id,
      itemId,
      proposalId: item.proposalId,
      gridId: m.gridId,
      personId: v.personId,
      name,
      choice: v.choice,
      via,
      recordedBy,
      at: now,
    })
    tally = moveTally(tally, held?.choice, v.choice)
    voters.add(v.personId)
  }
  await tx.councilItems.update(itemId, {
    tally,
    voterIds: [...voters],
    ...(present ? { present: [...present] } : {}),
    updatedAt: now,
  })
}

export const vote: Action<'council', 'vote'> = {
  async handle({ payload, caller, data }) {
    const me = caller.person
    if (!me) throw new AppError('NOT_REGISTERED')
    const { meeting: m, grid } = await meetingOr404(data, caller, payload.meetingId)
    if (
      !mayVote(
        m.members.map((x) => x.personId),
        me._id,
      )
    )
      throw new AppError('MEETING_NOT_VOTER')
    if (m.status !== 'open') throw new AppError(m.status === 'closed' ? 'MEETING_CLOSED' : 'MEETING_NOT_OPEN')
    if (payload.item >= m.proposalIds.length) throw new AppError('NOT_FOUND')
    const now = new Date()
    await data.transaction((tx) =>
      castInTx(
        tx,
        m,
        meetingItemId(m._id, payload.item),
        [{ personId: me._id, choice: payload.choice }],
        'online',
        '',
        null,
        now,
      ),
    )
    return meetingView(data, caller, m, grid)
  },
}

export const recordVotes: Action<'council', 'recordVotes'> = {
  target: (p, data) => meetingGrid(p.meetingId, data),
  async handle({ payload, caller, data }) {
    const me = caller.person
    if (!me) throw new AppError('NOT_REGISTERED')
    const { meeting: m, grid } = await meetingOr404(data, caller, payload.meetingId)
    if (!chairs(caller, grid)) throw new AppError('MEETING_NOT_SCHEDULER')
    if (m.status !== 'open') throw new AppError(m.status === 'closed' ? 'MEETING_CLOSED' : 'MEETING_NOT_OPEN')
    if (payload.item >= m.proposalIds.length) throw new AppError('NOT_FOUND')
    const memberIds = m.members.map((x) => x.personId)
    const present = new Set(payload.present)
    if (payload.present.some((p) => !memberIds.includes(p)) || payload.votes.some((v) => !present.has(v.personId)))
      throw new AppError('MEETING_PRESENCE_INVALID')
    const now = new Date()
    await data.transaction((tx) =>
      castInTx(tx, m, meetingItemId(m._id, payload.item), payload.votes, 'inPerson', me._id, payload.present, now),
    )
    return meetingView(data, caller, m, grid)
  },
}
