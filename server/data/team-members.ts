/**
 * `teamMembers`: a person's membership of a team (core/ids.ts teamMemberId). Indexes: teamId_1_hidden_1_minutes_-1
 * (a team's members by hours, its leaderboard), personId_1 (my teams).
 */
import type { TeamMemberDoc } from '../../core/model'
import type { Database } from '../cloud'
import { all, rows, total } from './query'

export interface TeamMembers {
  /** A person's current memberships (a person joins few teams: VOLUNTEER_RULES.teamLimit). */
  ofPerson(personId: string): Promise<TeamMemberDoc[]>
  /** Every membership a person had, current or left (their export; their deletion). */
  allOfPerson(personId: string): Promise<TeamMemberDoc[]>
  /** A team's members, most hours first; `visibleOnly` leaves out those who opted out (the leaderboard). */
  ofTeam(teamId: string, visibleOnly: boolean, skip: number, limit: number): Promise<TeamMemberDoc[]>
  countOfTeam(teamId: string, visibleOnly: boolean): Promise<number>
  /** A team's current members in id order after `after` (a cursor through the whole team: its announcement). */
  pageOfTeam(teamId: string, after: string, limit: number): Promise<TeamMemberDoc[]>
  aheadInTeam(teamId: string, minutes: number): Promise<number>
}

export function teamMembers(db: Database): TeamMembers {
  const _ = db.command
  const col = () => db.collection('teamMembers')
  const where = (teamId: string, visibleOnly: boolean) =>
    visibleOnly ? { teamId, active: true, hidden: false, minutes: _.gt(0) } : { teamId, active: true }
  return {
    ofPerson: (personId) => rows<TeamMemberDoc>(col().where({ personId, active: true }).limit(50)),
    allOfPerson: (personId) => all<TeamMemberDoc>(col().where({ personId })),
    ofTeam: (teamId, visibleOnly, skip, limit) =>
      rows<TeamMemberDoc>(
        col()
          .where(where(teamId, visibleOnly))
          .orderBy('minutes', 'desc')
          .orderBy('_id', 'asc')
          .skip(skip)
          .limit(limit),
      ),
    pageOfTeam: (teamId, after, limit) =>
      rows<TeamMemberDoc>(
        col()
          .where({ teamId, active: true, _id: _.gt(after) })
          .orderBy('_id', 'asc')
          .limit(limit),
      ),
    countOfTeam: (teamId, visibleOnly) => total(col().where(where(teamId, visibleOnly))),
    aheadInTeam: (teamId, minutes) =>
      total(col().where({ teamId, active: true, hidden: false, minutes: _.gt(minutes) })),
  }
}
