/**
 * `signups`: one per person per activity and role (core/ids.ts signupId). Indexes (core/schema.ts):
 * activityId_1_roleIndex_1_status_1_seq_1 (a role's waiting list in order), activityId_1_status_1_seq_1 (the
 * attendance sheet), personId_1_startAt_-1 (mine), communityId_1_earnedAt_1 and teamIds_1_earnedAt_1 (exports).
 */
import type { SignupDoc } from '../../core/model'
import type { Database } from '../cloud'
import { all, allIn, first, rows, total } from './query'

export interface Signups {
  get(id: string): Promise<SignupDoc | null>
  /** The first `limit` waiting sign-ups of a role, in sign-up order (who moves up next). */
  waitingHead(activityId: string, roleIndex: number, limit: number): Promise<SignupDoc[]>
  /** A role's waiting sign-ups ahead of `seq` (my place on the list). */
  waitingAhead(activityId: string, roleIndex: number, seq: number): Promise<number>
  /** The confirmed (and, once confirmed, no-show) sign-ups of an activity in sign-up order: the attendance sheet. */
  sheet(activityId: string, skip: number, limit: number): Promise<SignupDoc[]>
  countSheet(activityId: string): Promise<number>
  /** Every sign-up still confirmed of an activity (confirming the sheet walks them). */
  confirmedOf(activityId: string): Promise<SignupDoc[]>
  countCheckedIn(activityId: string): Promise<number>
  /** A person's sign-ups of one activity. */
  mineOf(activityId: string, personId: string): Promise<SignupDoc[]>
  /** A person's sign-ups starting after `from`, soonest first. */
  upcoming(personId: string, from: Date, limit: number): Promise<SignupDoc[]>
  /** Every sign-up of a person, whatever its status (their export; their deletion). */
  allOfPerson(personId: string): Promise<SignupDoc[]>
  /** Writes a deleted person's name over their sign-ups (attendance sheets, exports). */
  renamePerson(personId: string, name: string): Promise<void>
  /** A person's earned sign-ups, latest activity first: the record. */
  earned(personId: string, skip: number, limit: number): Promise<SignupDoc[]>
  countEarned(personId: string): Promise<number>
  /** Earned sign-ups of one activity, of a community in a period, or of a team's members in a period (exports). */
  earnedOfActivity(activityId: string): Promise<SignupDoc[]>
  earnedInCommunity(communityId: string, from: Date, to: Date): Promise<SignupDoc[]>
  earnedInTeam(teamId: string, from: Date, to: Date): Promise<SignupDoc[]>
  /** A deleted leader's name off the adjustments they made (privacy; index adjusted.by_1). */
  renameStaff(personId: string, name: string): Promise<void>
  /** dashboard.repairStats: these people's sign-ups earned in [from, to) (index personId_1_startAt_-1). */
  earnedOfPeople(personIds: readonly string[], from: Date, to: Date): Promise<SignupDoc[]>
}

export function signups(db: Database): Signups {
  const _ = db.command
  const col = () => db.collection('signups')
  const sheetWhere = (activityId: string) => ({ activityId, status: _.in(['confirmed', 'noShow']) })
  return {
    get: (id) => first<SignupDoc>(col().where({ _id: id })),
    waitingHead: (activityId, roleIndex, limit) =>
      rows<SignupDoc>(col().where({ activityId, roleIndex, status: 'waiting' }).orderBy('seq', 'asc').limit(limit)),
    waitingAhead: (activityId, roleIndex, seq) =>
      total(col().where({ activityId, roleIndex, status: 'waiting', seq: _.lt(seq) })),
    sheet: (activityId, skip, limit) =>
      rows<SignupDoc>(
        col().where(sheetWhere(activityId)).orderBy('roleIndex', 'asc').orderBy('seq', 'asc').skip(skip).limit(limit),
      ),
    countSheet: (activityId) => total(col().where(sheetWhere(activityId))),
    confirmedOf: (activityId) => all<SignupDoc>(col().where({ activityId, status: 'confirmed' })),
    countCheckedIn: (activityId) =>
      total(col().where({ activityId, status: _.in(['confirmed', 'noShow']), checkInAt: _.exists(true) })),
    mineOf: (activityId, personId) =>
      rows<SignupDoc>(col().where({ activityId, personId }).orderBy('roleIndex', 'asc').limit(50)),
    allOfPerson: (personId) => all<SignupDoc>(col().where({ personId })),
    async renamePerson(personId, name) {
      await col().where({ personId }).update({ data: { name } })
    },
    upcoming: (personId, from, limit) =>
      rows<SignupDoc>(
        col()
          .where({ personId, startAt: _.gt(from), status: _.in(['confirmed', 'waiting']) })
          .orderBy('startAt', 'asc')
          .limit(limit),
      ),
    earned: (personId, skip, limit) =>
      rows<SignupDoc>(
        col()
          .where({ personId, earnedAt: _.exists(true) })
          .orderBy('startAt', 'desc')
          .orderBy('_id', 'asc')
          .skip(skip)
          .limit(limit),
      ),
    countEarned: (personId) => total(col().where({ personId, earnedAt: _.exists(true) })),
    earnedOfActivity: (activityId) => all<SignupDoc>(col().where({ activityId, earnedAt: _.exists(true) })),
    earnedInCommunity: (communityId, from, to) =>
      all<SignupDoc>(col().where({ communityId, earnedAt: _.and(_.gte(from), _.lt(to)) })),
    async renameStaff(personId, name) {
      await col()
        .where({ 'adjusted.by': personId })
        .update({ data: { 'adjusted.byName': name } })
    },
    earnedInTeam: (teamId, from, to) =>
      all<SignupDoc>(col().where({ teamIds: teamId, earnedAt: _.and(_.gte(from), _.lt(to)) })),
    // dashboard.repairStats: the activities' time a unit's volunteers attended in a period
    earnedOfPeople: (personIds, from, to) =>
      allIn<SignupDoc>(personIds, (slice) =>
        col().where({ personId: _.in(slice), earnedAt: _.and(_.gte(from), _.lt(to)) }),
      ),
  }
}
