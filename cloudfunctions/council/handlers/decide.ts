/**
 * closeItem (结束表决): the chair ends an item's vote. One transaction re-reads the item and every member's vote on
 * it (members are bounded), recounts, and decides by core/council/vote.ts: without quorum MEETING_NO_QUORUM and
 * nothing is written; with quorum the item and its proposal take the outcome and the public reason (the proposal:
 * status decided, stage closed, a history step by 议事会), and a passed decision that needs work becomes a request
 * of the grid (server/request-create.ts, core/ids.ts decisionRequestId) with its owner and deadline, the grid's open
 * decisions moving up the path (server/unit-stats.ts) — all in that transaction. After it, a passed decision is
 * published to the grid as a notice through server/notice-publish.ts (core/ids.ts decisionNoticeId: a retry
 * publishes once; its source the proposal, so the notice opens 议题详情) and the notice's id written onto the item and the proposal. A closeItem repeated on a decided
 * item only finishes what a failed first try left (the notice).
 */
import { COUNCIL_LIMITS, MEETING_LIMITS } from '../../../core/contract/council'
import { decisionNotice, decisionTaskText, DECISION_NOTICE_DAYS } from '../../../core/council/decision'
import { decide, recount, turnout } from '../../../core/council/vote'
import { councilVoteId, decisionNoticeId, decisionRequestId, meetingItemId } from '../../../core/ids'
import type { MeetingDoc, MeetingItemDoc, ProposalDoc } from '../../../core/model'
import { ancestorAt, type Unit } from '../../../core/units'
import type { Caller } from '../../../server/caller'
import { checkText } from '../../../server/content-check'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import { announcementExpiry, publishNotice } from '../../../server/notice-publish'
import { openStaffRequest, requestSettingsOf, writeStaffRequestInTx } from '../../../server/request-create'
import type { Action } from '../../../server/router'
import { moveOpenDecisionsInTx } from '../../../server/unit-stats'
import { chairs, meetingOr404, meetingView } from '../meeting-view'

const DAY = 86_400_000

export const closeItem: Action<'council', 'closeItem'> = {
  target: async (p, data) => (await data.councilMeetings.get(p.meetingId))?.gridId ?? null,
  async handle({ payload, caller, data }) {
    const me = caller.person
    if (!me || !caller.openid) throw new AppError('NOT_REGISTERED')
    const { meeting: m, grid } = await meetingOr404(data, caller, payload.meetingId)
    if (!chairs(caller, grid)) throw new AppError('MEETING_NOT_SCHEDULER')
    if (payload.item >= m.proposalIds.length) throw new AppError('NOT_FOUND')
    const itemId = meetingItemId(m._id, payload.item)
    const item = await data.councilItems.get(itemId)
    if (!item) throw new AppError('NOT_FOUND')

    if (item.status === 'open') {
      if (m.status !== 'open') throw new AppError(m.status === 'closed' ? 'MEETING_CLOSED' : 'MEETING_NOT_OPEN')
      await decideItem(data, caller, m, grid, item, payload)
    } else if (item.status === 'dropped') throw new AppError('MEETING_ITEM_CLOSED')
    // a passed decision's notice: published once (a retry after a failure here finishes it)
    const decided = await data.councilItems.get(itemId)
    if (decided?.status === 'decided' && decided.outcome === 'passed' && !decided.noticeId)
      await publishDecision(data, caller, m, grid, decided)
    const fresh = (await data.councilMeetings.get(m._id)) ?? m
    return meetingView(data, caller, fresh, grid)
  },
}

async function decideItem(
  data: Data,
  caller: Caller,
  m: MeetingDoc,
  grid: Unit,
  item: MeetingItemDoc,
  payload: { reason: string; task?: { ownerId: string; dueAt: string } },
) {
  const me = caller.person!
  const now = new Date()
  const owner = payload.task ? m.members.find((x) => x.personId === payload.task?.ownerId) : undefined
  const dueAt = payload.task ? new Date(payload.task.dueAt) : null
  if (payload.task && (!owner || !dueAt || +dueAt <= +now || +dueAt > +now + MEETING_LIMITS.taskDays * DAY))
    throw new AppError('MEETING_TASK_INVALID')
  await checkText(caller.openid as string, item.title, payload.reason)

  const communityId = ancestorAt(grid.path, 'community') ?? ''
  const streetId = ancestorAt(grid.path, 'street') ?? ''
  const request =
    owner && dueAt
      ? openStaffRequest(
          {
            id: decisionRequestId(item._id),
            category: 'other',
            description: decisionTaskText({
              proposalTitle: item.title,
              reason: payload.reason,
              ownerName: owner.name,
              dueAt,
            }),
            photos: [],
            place: { kind: 'spot', unitId: grid._id, label: `${grid.name} · 议事会决议` },
            path: grid.path,
            gridId: grid._id,
            communityId,
            streetId,
            anonymous: false,
            urgent: false,
            resolveBy: dueAt,
            source: { kind: 'council', itemId: item._id },
          },
          { personId: me._id, name: me.name, label: `议事会 ${me.name}` },
          await requestSettingsOf(data, communityId, streetId),
          now,
        )
      : null
  const memberIds = m.members.map((x) => x.personId)

  await data.transaction(async (tx) => {
    const held = await tx.councilItems.get(item._id)
    if (!held) throw new AppError('NOT_FOUND')
    if (held.status !== 'open') return // a twin decided it: its answer stands
    // the votes themselves, recounted (one per member): the tally is their cache
    const votes = []
    for (const p of memberIds) {
      const v = await tx.councilVotes.get(councilVoteId(item._id, p))
      if (v) votes.push(v)
    }
    const tally = recount(votes)
    const decision = decide({
      tally,
      turnout: turnout(
        memberIds,
        votes.map((v) => v.personId),
        held.present,
      ),
      eligible: memberIds.length,
      quorum: m.quorum,
    })
    if (!decision.quorate)
      throw new AppError('MEETING_NO_QUORUM', `需至少 ${decision.needed} 人参加，现有 ${decision.turnout} 人`)
    const passed = decision.outcome === 'passed'
    const task =
      passed && request && owner && dueAt
        ? { requestId: request.request._id, ownerId: owner.personId, ownerName: owner.name, dueAt }
        : null
    if (task && request) {
      await writeStaffRequestInTx(tx, request, now)
      await moveOpenDecisionsInTx(tx, grid.path, 1, now)
    }
    await tx.councilItems.update(item._id, {
      status: 'decided',
      tally,
      outcome: decision.outcome,
      reason: payload.reason,
      decidedAt: now,
      decidedBy: me._id,
      task,
      updatedAt: now,
    })
    const p = await tx.proposals.get(item.proposalId)
    if (p) {
      const history: ProposalDoc['history'] = [
        ...p.history,
        { status: 'decided' as const, at: now, byId: '', byName: '议事会', note: payload.reason },
      ].slice(-COUNCIL_LIMITS.history)
      await tx.proposals.update(item.proposalId, {
        status: 'decided',
        stage: 'closed',
        stageAt: now,
        history,
        decision: {
          outcome: decision.outcome,
          reason: payload.reason,
          at: now,
          meetingId: m._id,
          noticeId: null,
          taskId: task?.requestId ?? null,
        },
        updatedAt: now,
      })
    }
  })
}

async function publishDecision(data: Data, caller: Caller, m: MeetingDoc, grid: Unit, item: MeetingItemDoc) {
  const now = new Date()
  const id = decisionNoticeId(item._id)
  await publishNotice(
    data,
    caller,
    {
      ...decisionNotice({
        gridName: grid.name,
        meetingTitle: m.title,
        proposalTitle: item.title,
        reason: item.reason,
        tally: item.tally,
        task: item.task,
      }),
      images: [],
      urgency: 'important',
      ackRequired: true,
      expiresAt: announcementExpiry(now, DECISION_NOTICE_DAYS, now),
      unitIds: [grid._id],
    },
    // the reason passed the content check when the item was decided
    // its detail opens the proposal (议题详情: the outcome and the reason)
    { id, authority: 'scope', checked: true, source: { kind: 'council', id: item.proposalId } },
  )
  await data.transaction(async (tx) => {
    const held = await tx.councilItems.get(item._id)
    if (held && !held.noticeId) await tx.councilItems.update(item._id, { noticeId: id, updatedAt: now })
    const p = await tx.proposals.get(item.proposalId)
    if (p?.decision && !p.decision.noticeId)
      await tx.proposals.update(item.proposalId, { decision: { ...p.decision, noticeId: id }, updatedAt: now })
  })
}
