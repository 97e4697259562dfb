/**
 * THE one route to the database. A handler reaches it only through `ctx.data`, built once per call by the router
 * (server/router.ts, Platform.data) and made of one repository per collection — every query shape lives in the
 * repository of its collection, next to the indexes of core/schema.ts that serve it — plus `transaction`, the
 * one way to change several documents atomically. Tests swap the whole layer by handing the router another Data.
 *
 *   handler ──ctx.data──▶ data.<collection>.<named query or write>   (server/data/<collection>.ts)
 *                      └─▶ data.transaction(tx => tx.<collection>.get/set/update/add)
 */
import type { Database } from '../cloud'
import { transaction as runTransaction, withRetry, type Tx } from '../transaction'
import { accounts, type Accounts } from './accounts'
import { acks, type Acks } from './acks'
import { activities, type Activities } from './activities'
import { audit, type Audit } from './audit'
import { claims, type Claims } from './claims'
import { COLLECTION_NAMES } from './collections'
import { deliveries, type Deliveries } from './deliveries'
import { groups, type Groups } from './groups'
import { invites, type Invites } from './invites'
import { notices, type Notices } from './notices'
import { patrolDays, type PatrolDays } from './patrol-days'
import { patrols, type Patrols } from './patrols'
import { people, type People } from './people'
import { pointsSettings, type PointsSettings } from './points-settings'
import { reachCounters, type ReachCounters } from './reach-counters'
import { receipts, type Receipts } from './receipts'
import { relays, type Relays } from './relays'
import { requestCounters, type RequestCounters } from './request-counters'
import { requestEvents, type RequestEvents } from './request-events'
import { requestFollowers, type RequestFollowers } from './request-followers'
import { requestSettings, type RequestSettings } from './request-settings'
import { requests, type Requests } from './requests'
import { reminders, type Reminders } from './reminders'
import { services, type Services } from './services'
import { signups, type Signups } from './signups'
import { subscriptions, type Subscriptions } from './subscriptions'
import { teamMembers, type TeamMembers } from './team-members'
import { activityMessages, type ActivityMessages } from './activity-messages'
import { teams, type Teams } from './teams'
import { testingBookings, type TestingBookings } from './testing-bookings'
import { testingCounters, type TestingCounters } from './testing-counters'
import { messageJobs, type MessageJobs } from './message-jobs'
import { testingRounds, type TestingRounds } from './testing-rounds'
import { testingSlots, type TestingSlots } from './testing-slots'
import { transfers, type Transfers } from './transfers'
import { txData, type TxData } from './tx'
import { unitCounters, type UnitCounters } from './unit-counters'
import { units, type Units } from './units'
import { volunteers, type Volunteers } from './volunteers'
import { vouchers, type Vouchers } from './vouchers'
import { uploads, type Uploads } from './uploads'
import { callUpAnswers, type CallUpAnswers } from './call-up-answers'
import { callUps, type CallUps } from './call-ups'
import { emergencies, type Emergencies } from './emergencies'
import { emergencyLocks, type EmergencyLocks } from './emergency-locks'
import { reserveMembers, type ReserveMembers } from './reserve-members'
import { wartimeBuildingLocks, type WartimeBuildingLocks } from './wartime-building-locks'
import { wartimeGrids, type WartimeGrids } from './wartime-grids'
import { checkpoints, type Checkpoints } from './checkpoints'
import { dutyPeople, type DutyPeople } from './duty-people'
import { dutySettings, type DutySettings } from './duty-settings'
import { shiftSignups, type ShiftSignups } from './shift-signups'
import { shifts, type Shifts } from './shifts'
import { carePersons, type CarePersons } from './care-persons'
import { careChecks, type CareChecks } from './care-checks'
import { careAlerts, type CareAlerts } from './care-alerts'
import { isolations, type Isolations } from './isolations'
import { isolationHomes, type IsolationHomes } from './isolation-homes'
import { isolationTasks, type IsolationTasks } from './isolation-tasks'
import { isolationDays, type IsolationDays } from './isolation-days'
import { unitStats, type UnitStats } from './unit-stats'
import { statMarks, type StatMarks } from './stat-marks'
// dashboard.repairStats: where its walk stopped
import { repairCursors, type RepairCursors } from './repair-cursors'
// council (三长议事): proposals; meetings and votes: H6 below
import { proposals, type Proposals } from './proposals'
import { proposalSupports, type ProposalSupports } from './proposal-supports'
import { councilSettings, type CouncilSettings } from './council-settings'
import { councilMeetings, type CouncilMeetings } from './council-meetings'
import { councilItems, type CouncilItems } from './council-items'
import { councilVotes, type CouncilVotes } from './council-votes'
// 周例会 / 月通报 (reports)
import { reportRuns, type ReportRuns } from './report-runs'
import { reports, type Reports } from './reports'

export type { TxData } from './tx'

export interface Data {
  units: Units
  people: People
  invites: Invites
  claims: Claims
  groups: Groups
  audit: Audit
  notices: Notices
  acks: Acks
  receipts: Receipts
  reachCounters: ReachCounters
  relays: Relays
  uploads: Uploads
  deliveries: Deliveries
  subscriptions: Subscriptions
  reminders: Reminders
  unitCounters: UnitCounters
  accounts: Accounts
  transfers: Transfers
  services: Services
  vouchers: Vouchers
  activities: Activities
  signups: Signups
  volunteers: Volunteers
  teams: Teams
  teamMembers: TeamMembers
  requests: Requests
  requestEvents: RequestEvents
  requestFollowers: RequestFollowers
  requestCounters: RequestCounters
  requestSettings: RequestSettings
  patrols: Patrols
  patrolDays: PatrolDays
  activityMessages: ActivityMessages
  pointsSettings: PointsSettings
  emergencies: Emergencies
  emergencyLocks: EmergencyLocks
  reserveMembers: ReserveMembers
  wartimeGrids: WartimeGrids
  wartimeBuildingLocks: WartimeBuildingLocks
  callUps: CallUps
  callUpAnswers: CallUpAnswers
  testingRounds: TestingRounds
  testingSlots: TestingSlots
  testingBookings: TestingBookings
  testingCounters: TestingCounters
  messageJobs: MessageJobs
  checkpoints: Checkpoints
  shifts: Shifts
  shiftSignups: ShiftSignups
  dutyPeople: DutyPeople
  dutySettings: DutySettings
  carePersons: CarePersons
  careChecks: CareChecks
  careAlerts: CareAlerts
  isolations: Isolations
  isolationHomes: IsolationHomes
  isolationTasks: IsolationTasks
  isolationDays: IsolationDays
  unitStats: UnitStats
  statMarks: StatMarks
  repairCursors: RepairCursors
  // council (三长议事): proposals; meetings and votes: H6 below
  proposals: Proposals
  proposalSupports: ProposalSupports
  councilSettings: CouncilSettings
  // meetings and votes: H6
  councilMeetings: CouncilMeetings
  councilItems: CouncilItems
  councilVotes: CouncilVotes
  // 周例会 / 月通报 (reports)
  reports: Reports
  reportRuns: ReportRuns
  /**
   * `work` in one transaction, retried on conflict with jittered backoff (server/transaction.ts): `work` must be
   * safe to run again, re-reading inside the transaction what it decides on. `precheck`, when given, runs before
   * every round outside any transaction: a non-null answer ends the call without one (e.g. a household already
   * reached costs one read and no transaction).
   */
  transaction<T>(work: (tx: TxData) => Promise<T>, precheck?: () => Promise<T | null>): Promise<T>
}

export function createData(db: Database): Data {
  const inTx = (tx: Tx) => txData(tx, COLLECTION_NAMES, db.command)
  return {
    units: units(db),
    people: people(db),
    invites: invites(db),
    claims: claims(db),
    groups: groups(db),
    audit: audit(db),
    notices: notices(db),
    acks: acks(db),
    receipts: receipts(db),
    reachCounters: reachCounters(db),
    relays: relays(db),
    uploads: uploads(db),
    deliveries: deliveries(db),
    subscriptions: subscriptions(db),
    reminders: reminders(db),
    unitCounters: unitCounters(db),
    accounts: accounts(db),
    transfers: transfers(db),
    services: services(db),
    vouchers: vouchers(db),
    activities: activities(db),
    signups: signups(db),
    volunteers: volunteers(db),
    teams: teams(db),
    teamMembers: teamMembers(db),
    requests: requests(db),
    requestEvents: requestEvents(db),
    requestFollowers: requestFollowers(db),
    requestCounters: requestCounters(db),
    requestSettings: requestSettings(db),
    patrols: patrols(db),
    patrolDays: patrolDays(db),
    activityMessages: activityMessages(db),
    pointsSettings: pointsSettings(db),
    emergencies: emergencies(db),
    emergencyLocks: emergencyLocks(db),
    reserveMembers: reserveMembers(db),
    wartimeGrids: wartimeGrids(db),
    wartimeBuildingLocks: wartimeBuildingLocks(db),
    callUps: callUps(db),
    callUpAnswers: callUpAnswers(db),
    testingRounds: testingRounds(db),
    testingSlots: testingSlots(db),
    testingBookings: testingBookings(db),
    testingCounters: testingCounters(db),
    messageJobs: messageJobs(db),
    checkpoints: checkpoints(db),
    shifts: shifts(db),
    shiftSignups: shiftSignups(db),
    dutyPeople: dutyPeople(db),
    dutySettings: dutySettings(db),
    carePersons: carePersons(db),
    careChecks: careChecks(db),
    careAlerts: careAlerts(db),
    isolations: isolations(db),
    isolationHomes: isolationHomes(db),
    isolationTasks: isolationTasks(db),
    isolationDays: isolationDays(db),
    unitStats: unitStats(db),
    statMarks: statMarks(db),
    repairCursors: repairCursors(db),
    // council (三长议事): proposals; meetings and votes: H6 below
    proposals: proposals(db),
    proposalSupports: proposalSupports(db),
    councilSettings: councilSettings(db),
    // meetings and votes: H6
    councilMeetings: councilMeetings(db),
    councilItems: councilItems(db),
    councilVotes: councilVotes(db),
    // 周例会 / 月通报 (reports)
    reports: reports(db),
    reportRuns: reportRuns(db),
    transaction<T>(work: (tx: TxData) => Promise<T>, precheck?: () => Promise<T | null>): Promise<T> {
      if (!precheck) return runTransaction(db, (tx) => work(inTx(tx)))
      return withRetry(async () => {
        const settled = await precheck()
        if (settled !== null) return settled
        return (await db.runTransaction((tx: Tx) => work(inTx(tx)), 0)) as unknown as T
      })
    },
  }
}
