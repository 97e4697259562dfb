/** The collections and the document each holds (core/schema.ts lists their indexes and security rules). */
import type {
  AccountDoc,
  UnitStatsDoc,
  StatMarkDoc,
  RepairCursorDoc,
  MessageJobDoc,
  ActivityDoc,
  AckDoc,
  AuditDoc,
  ClaimDoc,
  DeliveryDoc,
  DeliveryShardDoc,
  GroupDoc,
  InviteDoc,
  NoticeDoc,
  PatrolDayDoc,
  PatrolDoc,
  PersonDoc,
  PointsSettingsDoc,
  ReachCounterDoc,
  ReceiptDoc,
  RelayDoc,
  RequestCounterDoc,
  RequestDoc,
  RequestEventDoc,
  RequestFollowerDoc,
  RequestSettingsDoc,
  ReminderDoc,
  ServiceDoc,
  SignupDoc,
  SubscriptionDoc,
  TestingBookingDoc,
  TestingCounterDoc,
  TestingRoundDoc,
  TestingSlotDoc,
  TeamDoc,
  TeamMemberDoc,
  ActivityMessagesDoc,
  TransferDoc,
  UnitCounterDoc,
  UploadDoc,
  VolunteerDoc,
  VoucherDoc,
  CallUpAnswerDoc,
  CallUpDoc,
  WartimeBuildingLockDoc,
  WartimeGridDoc,
  EmergencyDoc,
  EmergencyLockDoc,
  ReserveMemberDoc,
  CheckpointDoc,
  ShiftDoc,
  ShiftSignupDoc,
  DutyPersonDoc,
  DutySettingsDoc,
  CarePersonDoc,
  CareCheckDoc,
  CareAlertDoc,
  IsolationDoc,
  IsolationHomeDoc,
  IsolationTaskDoc,
  IsolationDayDoc,
  ProposalDoc,
  ProposalSupportDoc,
  CouncilSettingsDoc,
  MeetingDoc,
  MeetingItemDoc,
  CouncilVoteDoc,
  ReportDoc,
  ReportRunDoc,
} from '../../core/model'
import type { StoredUnit } from '../../core/units'

export interface Documents {
  units: StoredUnit
  people: PersonDoc
  invites: InviteDoc
  claims: ClaimDoc
  groups: GroupDoc
  audit: AuditDoc
  notices: NoticeDoc
  acks: AckDoc
  receipts: ReceiptDoc
  reachCounters: ReachCounterDoc
  relays: RelayDoc
  uploads: UploadDoc
  deliveries: DeliveryDoc
  deliveryShards: DeliveryShardDoc
  subscriptions: SubscriptionDoc
  reminders: ReminderDoc
  unitCounters: UnitCounterDoc
  accounts: AccountDoc
  transfers: TransferDoc
  services: ServiceDoc
  vouchers: VoucherDoc
  activities: ActivityDoc
  signups: SignupDoc
  volunteers: VolunteerDoc
  teams: TeamDoc
  teamMembers: TeamMemberDoc
  requests: RequestDoc
  requestEvents: RequestEventDoc
  requestFollowers: RequestFollowerDoc
  requestCounters: RequestCounterDoc
  requestSettings: RequestSettingsDoc
  patrols: PatrolDoc
  patrolDays: PatrolDayDoc
  activityMessages: ActivityMessagesDoc
  pointsSettings: PointsSettingsDoc
  emergencies: EmergencyDoc
  emergencyLocks: EmergencyLockDoc
  reserveMembers: ReserveMemberDoc
  callUps: CallUpDoc
  callUpAnswers: CallUpAnswerDoc
  wartimeGrids: WartimeGridDoc
  wartimeBuildingLocks: WartimeBuildingLockDoc
  testingRounds: TestingRoundDoc
  testingSlots: TestingSlotDoc
  testingBookings: TestingBookingDoc
  testingCounters: TestingCounterDoc
  messageJobs: MessageJobDoc
  checkpoints: CheckpointDoc
  shifts: ShiftDoc
  shiftSignups: ShiftSignupDoc
  dutyPeople: DutyPersonDoc
  dutySettings: DutySettingsDoc
  carePersons: CarePersonDoc
  careChecks: CareCheckDoc
  careAlerts: CareAlertDoc
  isolations: IsolationDoc
  isolationHomes: IsolationHomeDoc
  isolationTasks: IsolationTaskDoc
  isolationDays: IsolationDayDoc
  unitStats: UnitStatsDoc
  statMarks: StatMarkDoc
  repairCursors: RepairCursorDoc
  // council (三长议事): proposals; meetings and votes: H6 below
  proposals: ProposalDoc
  proposalSupports: ProposalSupportDoc
  councilSettings: CouncilSettingsDoc
  // meetings and votes: H6
  councilMeetings: MeetingDoc
  councilItems: MeetingItemDoc
  councilVotes: CouncilVoteDoc
  // 周例会 / 月通报 (reports)
  reports: ReportDoc
  reportRuns: ReportRunDoc
}

export type CollectionName = keyof Documents
export type DocOf<K extends CollectionName> = Documents[K]

export const COLLECTION_NAMES: readonly CollectionName[] = [
  'units',
  'people',
  'invites',
  'claims',
  'groups',
  'audit',
  'notices',
  'acks',
  'receipts',
  'reachCounters',
  'relays',
  'uploads',
  'deliveries',
  'deliveryShards',
  'subscriptions',
  'reminders',
  'unitCounters',
  'accounts',
  'transfers',
  'services',
  'vouchers',
  'activities',
  'signups',
  'volunteers',
  'teams',
  'teamMembers',
  'requests',
  'requestEvents',
  'requestFollowers',
  'requestCounters',
  'requestSettings',
  'patrols',
  'patrolDays',
  'activityMessages',
  'pointsSettings',
  'emergencies',
  'emergencyLocks',
  'reserveMembers',
  'callUps',
  'callUpAnswers',
  'wartimeGrids',
  'wartimeBuildingLocks',
  'testingRounds',
  'testingSlots',
  'testingBookings',
  'testingCounters',
  'messageJobs',
  'checkpoints',
  'shifts',
  'shiftSignups',
  'dutyPeople',
  'dutySettings',
  'carePersons',
  'careChecks',
  'careAlerts',
  'isolations',
  'isolationHomes',
  'isolationTasks',
  'isolationDays',
  'unitStats',
  'statMarks',
  'repairCursors',
  // council (三长议事): proposals; meetings and votes: H6 below
  'proposals',
  'proposalSupports',
  'councilSettings',
  // meetings and votes: H6
  'councilMeetings',
  'councilItems',
  'councilVotes',
  // 周例会 / 月通报 (reports)
  'reports',
  'reportRuns',
]
