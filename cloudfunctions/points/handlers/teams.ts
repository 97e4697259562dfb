/**
 * Teams and honours: volunteer teams (志愿服务队) with leaders and members, their totals (caches moved by each
 * earning), leaderboards per grid and team that a person may opt out of, and star levels by total hours.
 */
import { randomBytes } from 'node:crypto'
import type { RankRow, TeamCard } from '../../../core/contract'
import { teamMemberId, volunteerId } from '../../../core/ids'
import type { TeamDoc, TeamMemberDoc, VolunteerDoc } from '../../../core/model'
import { starOf } from '../../../core/points/honours'
import { ancestorAt } from '../../../core/units'
import type { Caller } from '../../../server/caller'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { unitRef } from '../../../server/views'
import { rulesFor } from './rules'
import { newVolunteer } from './signups'

/** The community a caller belongs to: their home's, or the unit of their first role under a community. */
function communityOf(caller: Caller): string | undefined {
  const home = caller.person?.homePath
  if (home) return ancestorAt(home, 'community')
  for (const g of caller.grants) {
    const c = ancestorAt(g.path, 'community')
    if (c) return c
  }
  return undefined
}

async function teamCards(data: Data, teams: TeamDoc[], mine: Set<string>): Promise<TeamCard[]> {
  const units = new Map((await data.units.byIds(teams.map((t) => t.unitId))).map((u) => [u._id, u]))
  return teams.map((t) => {
    const unit = units.get(t.unitId)
    return {
      id: t._id,
      name: t.name,
      description: t.description,
      unit: unit ? unitRef(unit) : { id: t.unitId, name: '', level: 'community' },
      leaders: t.leaders,
      members: t.members,
      minutes: t.minutes,
      points: t.points,
      mine: mine.has(t._id),
    }
  })
}

/** A leaderboard row; its star by the star levels of the team's or grid's community. */
const rank = (
  i: number,
  row: { personId: string; name: string; minutes: number; points: number },
  starHours: readonly number[],
): RankRow => ({
  rank: i,
  personId: row.personId,
  name: row.name,
  minutes: row.minutes,
  points: row.points,
  star: starOf(row.minutes, starHours),
})

async function teamOr404(data: Data, id: string): Promise<TeamDoc> {
  const t = await data.teams.get(id)
  if (!t) throw new AppError('NOT_FOUND')
  return t
}

export const teams: Action<'points', 'teams'> = {
  async handle({ payload, caller, data }) {
    const communityId = communityOf(caller)
    const personId = caller.person?._id ?? ''
    const mineDocs = await data.teamMembers.ofPerson(personId)
    const mine = new Set(mineDocs.map((m) => m.teamId))
    if (!communityId) return { rows: [], page: payload.page, pageSize: payload.pageSize, more: false }
    const found = await data.teams.ofCommunity(communityId, payload.page * payload.pageSize, payload.pageSize + 1)
    // my teams first on the first page
    const own =
      payload.page === 0 ? await data.teams.byIds([...mine].filter((id) => !found.some((t) => t._id === id))) : []
    const page = found.slice(0, payload.pageSize)
    const ordered =
      payload.page === 0 ? [...own, ...page].sort((x, y) => Number(mine.has(y._id)) - Number(mine.has(x._id))) : page
    return {
      rows: await teamCards(data, ordered, mine),
      page: payload.page,
      pageSize: payload.pageSize,
      more: found.length > payload.pageSize,
    }
  },
}

export const team: Action<'points', 'team'> = {
  async handle({ payload, caller, data }) {
    const t = await teamOr404(data, payload.teamId)
    const personId = caller.person?._id ?? ''
    const [members, total, mine, rules] = await Promise.all([
      data.teamMembers.ofTeam(t._id, false, payload.page * payload.pageSize, payload.pageSize),
      data.teamMembers.countOfTeam(t._id, false),
      data.teamMembers.ofPerson(personId),
      rulesFor(data, t.communityId),
    ])
    const [card] = await teamCards(data, [t], new Set(mine.map((m) => m.teamId)))
    return {
      ...card,
      rows: members.map((m, i) => rank(payload.page * payload.pageSize + i + 1, m, rules.starHours)),
      total,
      page: payload.page,
      pageSize: payload.pageSize,
      leading: t.leaders.some((l) => l.id === personId),
    }
  },
}

export const createTeam: Action<'points', 'createTeam'> = {
  target: (p) => p.unitId,
  async handle({ payload, caller, data, target }) {
    const person = caller.person
    if (!person || !target) throw new AppError('NOT_REGISTERED')
    if (target.level !== 'grid' && target.level !== 'community')
      throw new AppError('INVALID_PAYLOAD', '服务队应属于一个网格或社区')
    const communityId = ancestorAt(target.path, 'community')
    if (!communityId) throw new AppError('NOT_FOUND')
    const leader = payload.leaderId ? (await data.people.byIds([payload.leaderId]))[0] : person
    if (!leader || leader.deletedAt) throw new AppError('NOT_FOUND')
    const now = new Date()
    const id = randomBytes(12).toString('hex')
    const doc: TeamDoc = {
      _id: id,
      name: payload.name,
      description: payload.description,
      unitId: target._id,
      unitPath: target.path,
      communityId,
      leaders: [{ id: leader._id, name: leader.name }],
      members: 1,
      minutes: 0,
      points: 0,
      createdAt: now,
      createdBy: person._id,
    }
    await data.transaction(async (tx) => {
      const { _id, ...fields } = doc
      await tx.teams.set(_id, fields)
      await tx.teamMembers.set(teamMemberId(id, leader._id), {
        teamId: id,
        personId: leader._id,
        name: leader.name,
        leader: true,
        minutes: 0,
        points: 0,
        hidden: false,
        active: true,
        joinedAt: now,
      })
    })
    const [card] = await teamCards(data, [doc], new Set(leader._id === person._id ? [id] : []))
    return card
  },
}

export const joinTeam: Action<'points', 'joinTeam'> = {
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const t = await teamOr404(data, payload.teamId)
    if (!person.homePath?.includes(`/${t.communityId}/`)) throw new AppError('TEAM_NOT_FOR_YOU')
    const [mine, rules] = await Promise.all([data.teamMembers.ofPerson(person._id), rulesFor(data, t.communityId)])
    const already = mine.some((m) => m.teamId === t._id)
    // the limit of the team's community
    if (!already && mine.length >= rules.teamLimit)
      throw new AppError('TEAM_LIMIT', `最多可以同时加入 ${rules.teamLimit} 个服务队`)
    const volunteer = await data.volunteers.get(volunteerId(person._id))
    const id = teamMemberId(t._id, person._id)
    await data.transaction(async (tx) => {
      const member = await tx.teamMembers.get(id)
      if (member?.active) return
      const now = new Date()
      if (member) await tx.teamMembers.update(id, { active: true, name: person.name, joinedAt: now })
      else
        await tx.teamMembers.set(id, {
          teamId: t._id,
          personId: person._id,
          name: person.name,
          leader: false,
          minutes: 0,
          points: 0,
          hidden: volunteer?.hidden ?? false,
          active: true,
          joinedAt: now,
        })
      await tx.teams.increment(t._id, 'members', 1)
    })
    const [card] = await teamCards(data, [(await data.teams.get(t._id)) ?? t], new Set([t._id]))
    return card
  },
}

export const leaveTeam: Action<'points', 'leaveTeam'> = {
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const t = await teamOr404(data, payload.teamId)
    if (t.leaders.some((l) => l.id === person._id)) throw new AppError('TEAM_LEADER_LEAVING')
    const id = teamMemberId(t._id, person._id)
    await data.transaction(async (tx) => {
      const member = await tx.teamMembers.get(id)
      if (!member?.active) return
      await tx.teamMembers.update(id, { active: false })
      await tx.teams.increment(t._id, 'members', -1)
    })
    return { left: true as const }
  },
}

export const leaderboard: Action<'points', 'leaderboard'> = {
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const skip = payload.page * payload.pageSize
    const volunteer = await data.volunteers.get(volunteerId(person._id))
    const visible = !(volunteer?.hidden ?? false)
    if (payload.scope === 'team') {
      const t = await teamOr404(data, payload.teamId ?? '')
      const [rows, total, mine, rules] = await Promise.all([
        data.teamMembers.ofTeam(t._id, true, skip, payload.pageSize),
        data.teamMembers.countOfTeam(t._id, true),
        data.teamMembers.ofPerson(person._id),
        rulesFor(data, t.communityId),
      ])
      const me = mine.find((m) => m.teamId === t._id)
      const myRank = me && visible && me.minutes > 0 ? (await data.teamMembers.aheadInTeam(t._id, me.minutes)) + 1 : 0
      return {
        scope: 'team' as const,
        name: t.name,
        rows: rows.map((m, i) => rank(skip + i + 1, m, rules.starHours)),
        total,
        page: payload.page,
        pageSize: payload.pageSize,
        me: me && myRank ? rank(myRank, me, rules.starHours) : null,
        visible,
      }
    }
    const gridId = person.homePath ? ancestorAt(person.homePath, 'grid') : undefined
    if (!gridId) throw new AppError('NOT_FOUND')
    const [grid, rows, total, rules] = await Promise.all([
      data.units.get(gridId),
      data.volunteers.rankInGrid(gridId, skip, payload.pageSize),
      data.volunteers.countInGrid(gridId),
      rulesFor(data, ancestorAt(person.homePath as string, 'community')),
    ])
    const asRow = (v: VolunteerDoc) => ({ personId: v._id, name: v.name, minutes: v.minutes, points: v.points })
    const myRank =
      volunteer && visible && volunteer.minutes > 0
        ? (await data.volunteers.aheadInGrid(gridId, volunteer.minutes)) + 1
        : 0
    return {
      scope: 'grid' as const,
      name: grid?.name ?? '',
      rows: rows.map((v, i) => rank(skip + i + 1, asRow(v), rules.starHours)),
      total,
      page: payload.page,
      pageSize: payload.pageSize,
      me: volunteer && myRank ? rank(myRank, asRow(volunteer), rules.starHours) : null,
      visible,
    }
  },
}

export const setLeaderboardVisibility: Action<'points', 'setLeaderboardVisibility'> = {
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const memberships: TeamMemberDoc[] = await data.teamMembers.ofPerson(person._id)
    const hidden = !payload.visible
    await data.transaction(async (tx) => {
      const now = new Date()
      const id = volunteerId(person._id)
      const v = await tx.volunteers.get(id)
      if (v) await tx.volunteers.update(id, { hidden, updatedAt: now })
      else await tx.volunteers.set(id, { ...newVolunteer(caller, now), hidden })
      for (const m of memberships) if (await tx.teamMembers.get(m._id)) await tx.teamMembers.update(m._id, { hidden })
    })
    return { visible: payload.visible }
  },
}
