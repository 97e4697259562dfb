/**
 * Council meetings (议事会): scheduleMeeting (the grid's chief or community staff over it: online or in person, time
 * and place, an agenda of the grid's 待议 proposals, the invited; the grid's three heads are members anyway — at
 * openMeeting the heads part is refreshed to the grid's heads then, the invited kept: the quorum's base is fixed at
 * the opening), meetingCandidates (what a new meeting may hold), meetings (the grid's, paged),
 * meeting (one), openMeeting, saveMinutes and closeMeeting (undecided items go back to 待议). Scheduling is one
 * transaction over the meeting, its items and each proposal it takes: a proposal sits on one meeting not closed at
 * most (the proposal's meetingId, re-read in the transaction), so two racing schedules cannot both take it.
 */
import { keysetCursor, parseKeysetCursor } from '../../../core/requests/cursor'
import { MEETING_LIMITS, type MeetingRow } from '../../../core/contract/council'
import { DEFAULT_QUORUM, EMPTY_TALLY, gridHeads } from '../../../core/council/vote'
import { HEAD_ROLES } from '../../../core/grants'
import { meetingId, meetingItemId } from '../../../core/ids'
import type { MeetingDoc, MeetingMember, PersonDoc, ProposalDoc } from '../../../core/model'
import { ROLE_LABELS, type Role } from '../../../core/roles'
import { isWithin, type Unit } from '../../../core/units'
import type { Caller } from '../../../server/caller'
import { checkText } from '../../../server/content-check'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { iso } from '../../../server/views'
import { gridOr404, readableGrid } from '../access'
import { chairs, itemIds, meetingOr404, meetingView } from '../meeting-view'

const DAY = 86_400_000
const STAFF: readonly Role[] = ['communityStaff', 'streetStaff']

const meetingGrid = async (id: string, data: Data): Promise<string | null> =>
  (await data.councilMeetings.get(id))?.gridId ?? null

/** The grid's three heads (grants in force over the grid or one of its buildings), as members. */
async function headsOf(data: Data, grid: Unit): Promise<MeetingMember[]> {
  const buildings = await data.units.buildingsUnder(grid.path)
  const units = new Map([grid, ...buildings].map((u) => [u._id, u]))
  const people = await data.people.holdingRolesOver([...units.keys()])
  const rank = (label: string) => HEAD_ROLES.findIndex((r) => ROLE_LABELS[r] === label)
  // as residents expect them: 网格长, 党小组长, 楼栋长, each by name
  return gridHeads(people, units, grid)
    .map((p) => ({ personId: p._id, name: p.name, label: headLabel(p, units), kind: 'head' as const }))
    .sort((a, b) => rank(a.label) - rank(b.label) || a.name.localeCompare(b.name, 'zh-CN'))
}

/** A meeting's members with the grid's current heads in place of those it was scheduled with; the invited kept. */
const withHeads = (members: readonly MeetingMember[], heads: readonly MeetingMember[]): MeetingMember[] => {
  const headIds = new Set(heads.map((h) => h.personId))
  return [...heads, ...members.filter((x) => x.kind === 'invited' && !headIds.has(x.personId))]
}

const headLabel = (p: PersonDoc, units: ReadonlyMap<string, Unit>): string => {
  const roles = p.roles.filter((g) => units.has(g.unitId)).map((g) => g.role)
  const role = HEAD_ROLES.find((r) => roles.includes(r))
  return role ? ROLE_LABELS[role] : ROLE_LABELS.resident
}

/** Staff over the grid (its community's and street's), as invitees. */
async function staffOver(data: Data, grid: Unit): Promise<PersonDoc[]> {
  const ancestors = grid.path.split('/').filter(Boolean).slice(0, -1)
  const people = await data.people.holdingRolesOver(ancestors)
  return people.filter(
    (p) => !p.deletedAt && p.roles.some((g) => STAFF.includes(g.role) && ancestors.includes(g.unitId)),
  )
}

const inviteeLabel = (p: PersonDoc): string => {
  if (p.roles.some((g) => g.role === 'streetStaff')) return ROLE_LABELS.streetStaff
  if (p.roles.some((g) => g.role === 'communityStaff')) return ROLE_LABELS.communityStaff
  return ROLE_LABELS.resident
}

/** Who may be invited: staff over the grid, or someone living in it (a resident, the proposer of an item). */
const invitable = (p: PersonDoc, grid: Unit): boolean =>
  !p.deletedAt &&
  ((!!p.homePath && isWithin(p.homePath, grid.path)) ||
    p.roles.some((g) => STAFF.includes(g.role) && grid.path.includes(`/${g.unitId}/`)))

export const scheduleMeeting: Action<'council', 'scheduleMeeting'> = {
  target: (p) => p.gridId,
  async handle({ payload, caller, data }) {
    const me = caller.person
    if (!me || !caller.openid) throw new AppError('NOT_REGISTERED')
    const grid = await gridOr404(data, payload.gridId)
    if (!chairs(caller, grid)) throw new AppError('MEETING_NOT_SCHEDULER')
    const id = meetingId(me._id, payload.tapId)
    if (await data.councilMeetings.get(id)) return { id }

    const now = new Date()
    const startAt = new Date(payload.startAt)
    if (+startAt < +now - MEETING_LIMITS.backDays * DAY || +startAt > +now + MEETING_LIMITS.aheadDays * DAY)
      throw new AppError(
        'INVALID_PAYLOAD',
        `会议时间应在 ${MEETING_LIMITS.backDays} 天前到 ${MEETING_LIMITS.aheadDays} 天后之间`,
      )
    const proposals = await data.proposals.byIds(payload.proposalIds)
    const byId = new Map(proposals.map((p) => [p._id, p]))
    const agenda = payload.proposalIds.map((pid) => byId.get(pid))
    if (agenda.some((p) => !p || p.gridId !== grid._id || p.status !== 'agenda'))
      throw new AppError('MEETING_AGENDA_INVALID')

    const heads = await headsOf(data, grid)
    const headIds = new Set(heads.map((h) => h.personId))
    const invitedIds = payload.invitedIds.filter((pid) => !headIds.has(pid))
    const invited = await data.people.byIds(invitedIds)
    if (invited.length !== invitedIds.length || invited.some((p) => !invitable(p, grid)))
      throw new AppError('MEETING_MEMBER_INVALID')
    const members: MeetingMember[] = [
      ...heads,
      ...invited.map((p) => ({ personId: p._id, name: p.name, label: inviteeLabel(p), kind: 'invited' as const })),
    ]
    if (members.length > MEETING_LIMITS.members) throw new AppError('MEETING_MEMBER_INVALID', '参会人数太多')
    await checkText(caller.openid, payload.title, payload.place)

    const doc: Omit<MeetingDoc, '_id'> = {
      gridId: grid._id,
      gridPath: grid.path,
      communityId: grid.parentId ?? '',
      title: payload.title,
      mode: payload.mode,
      startAt,
      place: payload.place,
      status: 'scheduled',
      members,
      quorum: payload.quorum ?? DEFAULT_QUORUM,
      proposalIds: payload.proposalIds,
      minutes: '',
      createdBy: me._id,
      createdAt: now,
      openedAt: null,
      closedAt: null,
      updatedAt: now,
    }
    await data.transaction(async (tx) => {
      if (await tx.councilMeetings.get(id)) return
      const held: ProposalDoc[] = []
      for (const pid of payload.proposalIds) {
        const p = await tx.proposals.get(pid)
        if (!p || p.gridId !== grid._id || p.status !== 'agenda') throw new AppError('MEETING_AGENDA_INVALID')
        if (p.meetingId) {
          const other = await tx.councilMeetings.get(p.meetingId)
          if (other && other.status !== 'closed') throw new AppError('MEETING_AGENDA_INVALID')
        }
        held.push({ ...p, _id: pid })
      }
      await tx.councilMeetings.set(id, doc)
      for (const [i, p] of held.entries()) {
        await tx.proposals.update(p._id, { meetingId: id, updatedAt: now })
        await tx.councilItems.set(meetingItemId(id, i), {
          meetingId: id,
          gridId: grid._id,
          gridPath: grid.path,
          proposalId: p._id,
          title: p.title,
          order: i,
          status: 'open',
          tally: { ...EMPTY_TALLY },
          voterIds: [],
          present: [],
          outcome: null,
          reason: '',
          decidedAt: null,
          decidedBy: '',
          noticeId: null,
          task: null,
          updatedAt: now,
        })
      }
    })
    return { id }
  },
}

export const meetingCandidates: Action<'council', 'meetingCandidates'> = {
  target: (p) => p.gridId,
  async handle({ payload, caller, data }) {
    const grid = await gridOr404(data, payload.gridId)
    if (!chairs(caller, grid)) throw new AppError('MEETING_NOT_SCHEDULER')
    const [heads, staff, agenda] = await Promise.all([
      headsOf(data, grid),
      staffOver(data, grid),
      data.proposals.inStage(grid._id, 'agenda', undefined, MEETING_LIMITS.candidateProposals),
    ])
    const open = new Set((await data.councilMeetings.notClosedOfGrid(grid._id)).map((m) => m._id))
    const free = agenda.rows.filter((p) => !p.meetingId || !open.has(p.meetingId))
    const headIds = new Set(heads.map((h) => h.personId))
    const proposers = await data.people.byIds([...new Set(free.map((p) => p.proposerId))])
    const seen = new Set<string>()
    const rows = [...staff, ...proposers]
      .filter((p) => !headIds.has(p._id) && invitable(p, grid) && !seen.has(p._id) && seen.add(p._id))
      .map((p) => ({ personId: p._id, name: p.name, label: inviteeLabel(p) }))
    return {
      heads: heads.map(({ personId, name, label }) => ({ personId, name, label })),
      rows,
      agenda: free.map((p) => ({ id: p._id, title: p.title, supports: p.supports })),
    }
  },
}

export const meetings: Action<'council', 'meetings'> = {
  async handle({ payload, caller, data }) {
    const grid = await gridOr404(data, payload.gridId)
    if (!chairs(caller, grid)) await readableGrid(data, caller, payload.gridId)
    const cursor = payload.cursor ? parseKeysetCursor(payload.cursor) : undefined
    if (cursor === null || cursor?.at === null) throw new AppError('INVALID_PAYLOAD', '翻页位置不对，请刷新后重试')
    const page = await data.councilMeetings.ofGrid(
      grid._id,
      cursor ? { startAt: cursor.at as Date, id: cursor.id } : undefined,
      payload.pageSize,
    )
    const items = await data.councilItems.byIds(page.rows.flatMap(itemIds))
    const decided = (m: MeetingDoc) => items.filter((i) => i.meetingId === m._id && i.status === 'decided').length
    const rows: MeetingRow[] = page.rows.map((m) => ({
      id: m._id,
      title: m.title,
      mode: m.mode,
      startAt: iso(m.startAt),
      place: m.place,
      status: m.status,
      items: m.proposalIds.length,
      decided: decided(m),
    }))
    const last = page.rows[page.rows.length - 1]
    return {
      gridName: grid.name,
      rows,
      nextCursor: page.more && last ? keysetCursor(last.startAt, last._id) : null,
      canSchedule: chairs(caller, grid),
    }
  },
}

export const meeting: Action<'council', 'meeting'> = {
  async handle({ payload, caller, data }) {
    const { meeting: m, grid } = await meetingOr404(data, caller, payload.meetingId)
    return meetingView(data, caller, m, grid)
  },
}

/** A meeting the caller chairs (the permission checked the role over its grid; the chair is checked here). */
async function chaired(data: Data, caller: Caller, id: string) {
  const { meeting: m, grid } = await meetingOr404(data, caller, id)
  if (!chairs(caller, grid)) throw new AppError('MEETING_NOT_SCHEDULER')
  return { meeting: m, grid }
}

export const openMeeting: Action<'council', 'openMeeting'> = {
  target: (p, data) => meetingGrid(p.meetingId, data),
  async handle({ payload, caller, data }) {
    const { meeting: m, grid } = await chaired(data, caller, payload.meetingId)
    if (m.status === 'closed') throw new AppError('MEETING_CLOSED')
    const now = new Date()
    if (m.status === 'scheduled') {
      // the grid's heads as they are now (a head replaced since scheduling votes instead of the one before); the
      // invited stay, unless they have become heads. No vote exists before the opening, so nothing is recounted.
      const heads = await headsOf(data, grid)
      if (withHeads(m.members, heads).length > MEETING_LIMITS.members)
        throw new AppError('MEETING_MEMBER_INVALID', '参会人数太多')
      await data.transaction(async (tx) => {
        const held = await tx.councilMeetings.get(m._id)
        if (held?.status !== 'scheduled') return
        const members = withHeads(held.members, heads)
        await tx.councilMeetings.update(m._id, { status: 'open', openedAt: now, members, updatedAt: now })
      })
    }
    const fresh = (await data.councilMeetings.get(m._id)) ?? m
    return meetingView(data, caller, fresh, grid)
  },
}

export const saveMinutes: Action<'council', 'saveMinutes'> = {
  target: (p, data) => meetingGrid(p.meetingId, data),
  async handle({ payload, caller, data }) {
    const { meeting: m, grid } = await chaired(data, caller, payload.meetingId)
    if (m.status === 'closed') throw new AppError('MEETING_CLOSED')
    if (payload.minutes) await checkText(caller.openid as string, m.title, payload.minutes)
    const now = new Date()
    await data.transaction(async (tx) => {
      const held = await tx.councilMeetings.get(m._id)
      if (!held || held.status === 'closed') throw new AppError('MEETING_CLOSED')
      await tx.councilMeetings.update(m._id, { minutes: payload.minutes, updatedAt: now })
    })
    return meetingView(data, caller, { ...m, minutes: payload.minutes }, grid)
  },
}

export const closeMeeting: Action<'council', 'closeMeeting'> = {
  target: (p, data) => meetingGrid(p.meetingId, data),
  async handle({ payload, caller, data }) {
    const { meeting: m, grid } = await chaired(data, caller, payload.meetingId)
    if (m.status !== 'closed') {
      if (payload.minutes) await checkText(caller.openid as string, m.title, payload.minutes)
      const now = new Date()
      await data.transaction(async (tx) => {
        const held = await tx.councilMeetings.get(m._id)
        if (!held || held.status === 'closed') return
        // items still undecided are dropped, and their proposals go back to 待议, free for another meeting
        for (const id of itemIds(m)) {
          const item = await tx.councilItems.get(id)
          if (!item || item.status !== 'open') continue
          await tx.councilItems.update(id, { status: 'dropped', updatedAt: now })
          const p = await tx.proposals.get(item.proposalId)
          if (p && p.meetingId === m._id && p.status === 'agenda')
            await tx.proposals.update(item.proposalId, { meetingId: null, updatedAt: now })
        }
        await tx.councilMeetings.update(m._id, {
          status: 'closed',
          closedAt: now,
          updatedAt: now,
          ...(payload.minutes !== undefined ? { minutes: payload.minutes } : {}),
        })
      })
    }
    const fresh = (await data.councilMeetings.get(m._id)) ?? m
    return meetingView(data, caller, fresh, grid)
  },
}
