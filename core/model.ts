/** Documents as stored in the cloud database (`units` is in units.ts). */
import type { Urgency, VisitMethod } from './contract/notices'
import type { AckCounting } from './notices/counting'
import type { CareSlot } from './contract/care'
import type { VolunteerRules } from './points/rules'
import type { RoleGrant } from './roles'
import type { FilePurpose, UploadState } from './uploads'
import type { Level } from './units'

/** People who need care (重点人员 / 特殊人群); shown only to leaders whose scope contains them. */
export const CARE_FLAGS = ['elderlyAlone', 'disabled', 'pregnant', 'isolated', 'chronicIllness'] as const
export type CareFlag = (typeof CARE_FLAGS)[number]
export const CARE_FLAG_LABELS: Record<CareFlag, string> = {
  elderlyAlone: '独居老人',
  disabled: '残疾',
  pregnant: '孕产妇',
  isolated: '居家隔离',
  chronicIllness: '慢病',
}

export interface PersonDoc {
  _id: string
  /** Set once the person has joined through the mini-program; imported residents have none yet. */
  openid?: string
  name: string
  phone: string
  householdId?: string
  /** Path of the household, copied so "residents under X" is one prefix query. */
  homePath?: string
  roles: RoleGrant[]
  /** Registered volunteer (志愿者): may sign up for volunteer activities and earn points. */
  volunteer?: boolean
  /** Merchants (商户联盟): the shop they run, shown where they offer services for points. */
  shopName?: string
  careFlags?: CareFlag[]
  /** Set when the person asked to be deleted: name and phone are gone, the id stays for history. */
  deletedAt?: Date
  createdAt: Date
}

/** An invitation to join a grid or a building: the token behind an invite card or QR code. */
export interface InviteDoc {
  _id: string
  /** 'join': residents claim a household; 'bindGroup': the first open from a group chat binds it. */
  kind: 'join' | 'bindGroup'
  /** A grid or a micro-grid. */
  unitId: string
  createdBy: string
  createdAt: Date
  expiresAt: Date
  /** A join poster (扫码入格): its mini-program code image in cloud storage. One poster per unit is live. */
  posterFileID?: string
  /** Set when a newer poster of the unit replaced this one: the token no longer opens anything. */
  revokedAt?: Date
}

export const CLAIM_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const
export type ClaimStatus = (typeof CLAIM_STATUSES)[number]

/** A resident's claim to belong to a household, pending until the building head or the grid chief decides. */
export interface ClaimDoc {
  _id: string
  openid: string
  /** The person record the claim attached to, once approved. */
  personId?: string
  householdId: string
  /** Path of the household (so leaders list the claims under their scope with one prefix query). */
  householdPath: string
  name: string
  phone: string
  status: ClaimStatus
  /** Why a claim was rejected, shown to the claimant. */
  reason?: string
  decidedBy?: string
  decidedAt?: Date
  createdAt: Date
}

/** A grid's WeChat group chat, bound by its openGId the first time a binding card is opened from it. */
export interface GroupDoc {
  /** The openGId: stable for one group within this mini-program. */
  _id: string
  gridId: string
  gridPath: string
  boundBy: string
  boundAt: Date
}

/** One unmasked read of personal data by a leader, or another act community staff must be able to review. */
export interface AuditDoc {
  _id: string
  /** person id of who did it */
  actorId: string
  actorName: string
  /** e.g. 'grid.households' — the action that showed the data */
  action: string
  /** people whose data was shown in full */
  subjectIds: string[]
  /** claims shown in full whose claimant had no person record (a visitor joining) */
  claimIds?: string[]
  /** the unit the read was about (its path lets community staff read the log of their community) */
  unitId: string
  unitPath: string
  /** what an act did, in Chinese (an adjustment: 奖励 20 分：原因) */
  note?: string
  at: Date
}

/** A notice as published: one document whatever the size of its audience. */
export interface NoticeDoc {
  _id: string
  title: string
  body: string
  /** Cloud file ids. */
  images: string[]
  urgency: Urgency
  ackRequired: boolean
  /** The units it was published to; a resident's feed matches the ids of their home's ancestors. */
  unitIds: string[]
  unitPaths: string[]
  publisherId: string
  /** 和平里社区 · 许玉兰: who published it, as residents see it. */
  origin: string
  publishedAt: Date
  expiresAt: Date
  /** how its 收到 are counted (core/notices/counting.ts); absent: at once ('now'), as before the field */
  counting?: AckCounting
  /** what published it when not a leader's own notice: an emergency, a testing round or a council decision
   * (server/notice-publish.ts); its detail links to the source's page (core/notices/links.ts sourceLink) */
  source?: NoticeSource
}

/** The function's record a notice was published for (its page opens from the notice). */
export type NoticeSource =
  | { kind: 'emergency'; id: string }
  | { kind: 'testing'; id: string }
  /** a council decision's notice: `id` is the proposal decided (议题详情 shows the outcome and the reason) */
  | { kind: 'council'; id: string }

/**
 * A stored file the app keeps track of (`uploads`): an image someone uploaded (reserved, then attached to what it
 * illustrates and checked by security.mediaCheckAsync), or a file a function made with personal data (an export).
 * The sweep timer deletes the file and this record once `expiresAt` has passed (core/uploads.ts RETENTION).
 */
export interface UploadDoc {
  _id: string
  /** person id of the uploader (of the leader an export was made for) */
  ownerId: string
  purpose: FilePurpose
  cloudPath: string
  /** cloud://… once known (attached, or an export) */
  fileID: string | null
  /** bytes and MIME type, as the server measured them when it was attached */
  size: number | null
  type: string | null
  state: UploadState
  /** what the image illustrates; null until attached */
  attachedTo: { kind: import('./uploads').ImagePurpose; id: string; unitId: string; unitPath: string } | null
  /** the trace_id of the last mediaCheckAsync sent, which the wxa_media_check event names */
  traceId: string | null
  checkSentAt: Date | null
  checks: number
  /** label of a risky or review verdict (msgSecCheck v2 numbering) */
  label: number | null
  decidedAt: Date | null
  /** when the sweep deletes it; null while it lives with what it is attached to */
  expiresAt: Date | null
  createdAt: Date
}

/** How a household was reached: 收到; opened a notice that asks for no 收到 (reading is reaching); a leader's visit. */
export type ReachVia = 'ack' | 'read' | 'visit'

/**
 * A household reached by a notice: `${noticeId}_${householdId}`, written once (its first 收到 or a visit), so
 * retries, double taps and two members of one household count once. Append-only.
 */
export interface ReceiptDoc {
  _id: string
  noticeId: string
  householdId: string
  microgridId: string
  gridId: string
  via: ReachVia
  /** person id of the member who pressed 收到 or read it, or of the leader who visited */
  by: string
  /** for a visit: how (core/contract/notices.ts VISIT_METHODS) and a note */
  method?: VisitMethod
  note?: string
  at: Date
}

/** One person's 收到 (or first opening) of a notice: `${noticeId}_${personId}`. */
export interface AckDoc {
  _id: string
  noticeId: string
  personId: string
  /** opened the detail */
  readAt: Date
  /** pressed 收到 */
  ackedAt?: Date
  /**
   * A 收到 of a notice that counts in batches (core/notices/counting.ts), not yet counted in the household's receipt
   * and the counters: the `countAcks` timer counts it and removes the mark. With it, the household it was pressed for.
   */
  uncounted?: true
  householdId?: string
}

/** One shard of the households under one unit (building, grid, community or street) reached by one notice:
 * `${noticeId}_${unitId}_${shard}` (core/notices/reach.ts shardOf: from the household id), summed on read. A cache
 * of the receipts, moved at every level in the same transaction as the receipt that counts. */
export interface ReachCounterDoc {
  _id: string
  noticeId: string
  unitId: string
  level: Exclude<Level, 'household'>
  shard: number
  reached: number
  /** The destination of the unit's last move whose shift this shard has had (server/reach-move.ts). */
  movedTo?: string
}

/** The figures of one unit's whole subtree (street, community, grid or micro-grid; `_id` is the unit's id): a cache
 * of the records, moved in the same transaction as the change that moves them (core/grid/counters.ts says by how
 * much) and mended by grid.repairCounters. Missing counters read as zeros. */
export interface UnitCounterDoc {
  _id: string
  /** the unit's path, copied so the repair finds the counters under a unit by prefix */
  path: string
  /** households, retired ones left out */
  households: number
  /** people whose home is under the unit */
  residents: number
  /** residents with a WeChat identity */
  joined: number
  /** households with at least one joined member */
  reachable: number
  /** claims waiting for a decision */
  pendingClaims: number
  /** residents with a care flag */
  care: number
  updatedAt: Date
}

/** A grid chief's relay of a notice from above into the grid's group: `${noticeId}_${gridId}`. The notice itself
 * is not copied, so residents still see one notice; the share card opens it with this grid's note. */
export interface RelayDoc {
  _id: string
  noticeId: string
  gridId: string
  /** one line the grid chief added (may be empty) */
  note: string
  /** person id and name of the grid chief */
  by: string
  byName: string
  at: Date
}

/** One-time subscribe messages a person accepted for a template: `${personId}_${templateId}`. Each accept adds
 * one; each message sent uses one. The WeChat identity and the home are the person's (server/recipients.ts). */
export interface SubscriptionDoc {
  _id: string
  personId: string
  /** an index copy of the person's homePath (subscribers under a unit by prefix): a move rewrites it, leaving or
   * deletion drops the subscription, and every send checks the person's own */
  homePath: string
  templateId: string
  remaining: number
  /** from when it counts: the accept that found none left; notices published before it are not sent to it */
  since?: Date
  /** what its messages were spent on since `since` (`deliver:<noticeId>`, …): a resumed batch never spends a second
   * message of the same person on the same notice */
  spentFor?: string[]
  updatedAt: Date
}

/** The subscribe messages of one notice (`_id` = the notice's id), written by publish as 'pending'. The first
 * `deliver` firing opens it: counts who is due and splits the audience into DELIVERY_SHARDS shards
 * (`deliveryShards`), which later firings send in parallel; the job is 'done' when every shard is. */
export interface DeliveryDoc {
  _id: string
  noticeId: string
  status: 'pending' | 'sending' | 'done'
  /** @deprecated cursor of the single-batch delivery; shards hold the cursors now */
  unitIndex: number
  /** @deprecated see unitIndex */
  after: string
  /** messages sent before the job was split into shards (0 for new jobs); the shards count the rest */
  sent: number
  /** a firing holds the job until then (while it opens it), so two overlapping firings never open it twice */
  lockedUntil: Date
  createdAt: Date
  /** counted when the job is opened: subscribers under the notice's units with a message left, who subscribed
   * before it was published */
  due?: number
  /** how many shards the job was split into (set when opened) */
  shards?: number
  doneAt?: Date
}

/** One shard of a delivery: the subscriptions whose `_id` lies in [lo, hi) under each of the notice's units,
 * sent in batches by whichever firing holds its lease; the cursor (unit, last subscription) is saved after every
 * batch, so a crashed firing's shard resumes from its last batch. `_id` = `${noticeId}:${index}`. */
export interface DeliveryShardDoc {
  _id: string
  noticeId: string
  status: 'pending' | 'done'
  lo: string
  hi: string
  /** index into the notice's unitPaths */
  unitIndex: number
  /** the last subscription `_id` handled under that unit ('' = none yet) */
  after: string
  /** messages WeChat took */
  sent: number
  /** messages spent but refused by WeChat (unsubscribed, blocked) */
  failed: number
  /** subscriptions counted as due that turned out not to be: opened the notice, moved away, spent elsewhere */
  skipped: number
  lockedUntil: Date
  createdAt: Date
  doneAt?: Date
}

/** One reminder of a notice to the unreached under a unit on one Beijing day: core/ids.ts reminderId. */
export interface ReminderDoc {
  _id: string
  noticeId: string
  unitId: string
  /** YYYY-MM-DD in Beijing time */
  day: string
  by: string
  at: Date
  sent: number
}

// ---- points: the ledger, services, vouchers (issue 10; rules in core/points/) ----

/**
 * One account of the points ledger (core/points/ledger.ts): `_id` is core/ids.ts accountId({ kind, id }). The
 * balance and lots are caches of the account's transfer legs, changed only in the transaction that writes them.
 */
export interface AccountDoc {
  _id: string
  kind: import('./points/ledger').AccountKind
  /** the person, merchant (their person id) or community (the pool's unit id) it belongs to */
  ownerId: string
  /** sum of the account's legs; only a pool's may be negative */
  balance: number
  /** a person's points by expiry, earliest first; they sum to the balance */
  lots: import('./points/ledger').Lot[]
  /** earliest lot expiry (the expiry timer finds accounts by it); null when nothing expires */
  nextExpiry: Date | null
  /** legs posted to the account: each posting adds one (an expiry's idempotency id names it) */
  version: number
  /** a person's vouchers per service that count against its per-person limit (active or used) */
  redeemed?: Record<string, number>
  /** a leader's adjustments in the current Beijing month, against their role's limits */
  adjusted?: { month: string; granted: number; deducted: number }
  /** a person's: the pool (community unit id) that last credited them; their expired points go back to it */
  pool?: string
  createdAt: Date
  updatedAt: Date
}

/** One movement of points, never edited: `_id` is core/ids.ts transferId(kind, ref.id). */
export interface TransferDoc {
  _id: string
  kind: import('./points/ledger').TransferKind
  /** account ids (core/ids.ts accountId) */
  from: string
  to: string
  /** [from, to]: a person's history is one query on this field */
  accounts: [string, string]
  /** two legs that sum to zero */
  legs: [import('./points/ledger').Leg, import('./points/ledger').Leg]
  amount: number
  reason: string
  ref: { kind: import('./points/ledger').TransferRefKind; id: string }
  actorId: string
  at: Date
  /** when the points earned or granted expire (credits to a person) */
  expiresAt?: Date
  /** the lots a person's debit took, earliest first (a refund gives exactly these back) */
  taken?: import('./points/ledger').Lot[]
}

/** Who provides a service: a merchant (their person id) or a community's own service (its pool). */
export type ServiceProvider = { kind: 'merchant'; id: string } | { kind: 'pool'; id: string }
export type ServiceStatus = 'open' | 'closed'

/** A service or goods offered for points (积分兑换): 理发, 家电维修, 助餐, 爱心超市… */
export interface ServiceDoc {
  _id: string
  title: string
  description: string
  provider: ServiceProvider
  /** the shop's or the community's name, as residents see it */
  providerName: string
  /** the community it belongs to and the grids or community it serves (residents there see it) */
  communityId: string
  unitIds: string[]
  cost: number
  /** what can still be redeemed; never negative */
  stock: number
  /** vouchers issued and not cancelled */
  issued: number
  perPersonLimit: number
  /** residents can redeem until then */
  validUntil: Date
  /** a voucher is good for this many days after redeeming (and never past validUntil) */
  voucherDays: number
  status: ServiceStatus
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

export type VoucherStatus = 'active' | 'used' | 'cancelled'

/** A redeemed service: `_id` is core/ids.ts voucherId(personId, requestId); the code is random and unguessable. */
export interface VoucherDoc {
  _id: string
  code: string
  serviceId: string
  serviceTitle: string
  providerName: string
  /** account id of the provider (core/ids.ts accountId): the merchant's or the pool's */
  providerAccount: string
  communityId: string
  personId: string
  /** kept for the provider's masked view */
  personName: string
  cost: number
  status: VoucherStatus
  createdAt: Date
  expiresAt: Date
  usedAt?: Date
  /** who verified it (the merchant or community staff) */
  usedBy?: string
  cancelledAt?: Date
}

// ——— volunteering (issue 10): activities, 接龙, attendance, teams (core/contract/points/activities.ts) ———

/** A role's points rule (core/points/earning.ts applies it). */
export interface PointsRuleDoc {
  pointsPerHour: number
  nightMultiplier: number
  cap: number
}

/** A role of an activity, with its counters: changed only in the transaction that changes a sign-up of it. */
export interface ActivityRoleDoc {
  name: string
  quota: number
  rule: PointsRuleDoc
  /** confirmed sign-ups (never above quota) */
  filled: number
  /** sign-ups on the waiting list */
  waiting: number
  /** the last sign-up number given: the waiting list's order */
  seq: number
}

/** An activity (志愿活动). Roles carry their counters; `secret` seeds the rotating check-in code and never leaves the server. */
export interface ActivityDoc {
  _id: string
  title: string
  description: string
  place: string
  startAt: Date
  endAt: Date
  signUpOpensAt: Date
  signUpClosesAt: Date
  /** who may sign up: the residents under a grid or community, or a team's members */
  audience: { kind: 'grid' | 'community' | 'team'; id: string; name: string }
  /** the grid or community the activity belongs to (a team activity: the team's unit), and its path */
  unitId: string
  unitPath: string
  /** the community that records it, issues its record and whose pool pays its points */
  communityId: string
  communityName: string
  roles: ActivityRoleDoc[]
  cancelBeforeHours: number
  secret: string
  organiserId: string
  /** 和平里社区 · 许玉兰 */
  origin: string
  status: 'open' | 'confirmed'
  createdAt: Date
  confirmedAt?: Date
  confirmedBy?: string
}

/** The subscribe messages announcing one activity to its audience (`_id` = the activity's id), written 'pending' by
 * points.postActivity and sent by the points `announce` timer in bounded batches under a lease; the cursor
 * (`after`: the last subscription, or team membership, handled) is saved after every batch. */
export interface ActivityMessagesDoc {
  _id: string
  activityId: string
  status: 'pending' | 'done'
  after: string
  /** messages WeChat took */
  sent: number
  /** messages spent but refused by WeChat (unsubscribed, blocked) */
  failed: number
  /** a firing holds the job until then, so overlapping firings never send the same batch */
  lockedUntil: Date
  createdAt: Date
  doneAt?: Date
}

/** One person's sign-up for one role of an activity (core/ids.ts signupId): status, attendance and what it earned. */
export interface SignupDoc {
  _id: string
  activityId: string
  personId: string
  name: string
  roleIndex: number
  status: 'confirmed' | 'waiting' | 'cancelled' | 'noShow'
  /** the role's sign-up number: waiting ones move up in this order */
  seq: number
  signedUpAt: Date
  /** copied from the activity: my coming sign-ups and my record sort by it */
  startAt: Date
  communityId: string
  promotedAt?: Date
  cancelledAt?: Date
  checkInAt?: Date
  checkOutAt?: Date
  /** who checked in/out: the person themself, or the organiser's person id from the list */
  checkedBy?: string
  adjusted?: { minutes: number; reason: string; by: string; byName: string; at: Date }
  /** set once, in the transaction that posts the earn transfer */
  earnedAt?: Date
  minutes?: number
  points?: number
  /** the teams the person belonged to when it was earned (a team's export) */
  teamIds?: string[]
}

/** A person's volunteering totals (caches of their earned sign-ups), no-shows of the last year and leaderboard choice. */
export interface VolunteerDoc {
  _id: string
  name: string
  gridId: string
  communityId: string
  minutes: number
  points: number
  activities: number
  /** opted out of leaderboards */
  hidden: boolean
  noShows: Date[]
  updatedAt: Date
}

/** A volunteer team (志愿服务队) of a grid or community; its totals are caches moved with its members' earnings. */
export interface TeamDoc {
  _id: string
  name: string
  description: string
  unitId: string
  unitPath: string
  communityId: string
  leaders: { id: string; name: string }[]
  members: number
  minutes: number
  points: number
  createdAt: Date
  createdBy: string
}

/** A person's membership of a team (core/ids.ts teamMemberId), with what they earned while a member. */
export interface TeamMemberDoc {
  _id: string
  teamId: string
  personId: string
  name: string
  leader: boolean
  minutes: number
  points: number
  hidden: boolean
  /** false once they left (the document stays: a rejoin keeps what they earned) */
  active: boolean
  joinedAt: Date
}

/** A community's volunteering rules (points.updateRules), _id = the community's id; absent: the defaults
 * (core/points/rules.ts). `version` rises with each change: an edit made on an older read is refused. */
export interface PointsSettingsDoc {
  _id: string
  rules: VolunteerRules
  version: number
  updatedAt: Date
  updatedBy: string
  updatedByName: string
}

// ---- requests (诉求, issue 11; rules in core/requests/, contract in core/contract/requests.ts) ----

/** Where a request is: the reporter's household, a building, or a described spot in a grid. */
export interface RequestPlace {
  kind: import('./contract/requests').PlaceKind
  /** the household, the building (microgrid) or the grid */
  unitId: string
  /** as the timeline and lists show it: 3栋2单元502, 5栋, 第3网格 · 路口东侧路灯 */
  label: string
  location?: { latitude: number; longitude: number; name: string }
}

/**
 * A request (诉求). Every change is one move of core/requests/machine.ts, in one transaction with its event
 * (`seq` counts them) and the counters' delta. Deadlines and overdue flags are stored, so figures and lists need no
 * clock; `nextDueAt` is the earliest unmet deadline, what the timer queries.
 */
export interface RequestDoc {
  _id: string
  category: import('./contract/requests').RequestCategory
  description: string
  photos: string[]
  place: RequestPlace
  gridId: string
  /** the building, when the place is a household or a building (duplicates are looked for there first) */
  buildingId?: string
  communityId: string
  streetId: string
  /** the place's unit path: leaders list what is under them by prefix */
  path: string
  /** made for a council decision that needs work (its item): while it is open it counts in the dashboard's
   * 议事决定待落实 (server/unit-stats.ts moveOpenDecisionsInTx, moved by cloudfunctions/requests/move.ts) */
  source?: { kind: 'council'; itemId: string }
  reporterId: string
  /** who the reporter is, as handlers see it on the timeline (网格长 张三, 居民 王秀英) */
  reporterLabel: string
  anonymous: boolean
  /** marked 紧急 by the reporter */
  urgent: boolean
  /** a handler's ruling on 紧急 (absent until one ruled): the deadlines follow it */
  urgentConfirmed?: boolean
  state: import('./requests/states').RequestState
  group: import('./requests/states').StateGroup
  level: import('./requests/states').RequestLevel
  /** at department level: which department of the street */
  departmentId?: string
  /** when the current level got it (its acceptance deadline runs from here) */
  levelSince: Date
  /** who owns it now, one key for the inbox: the grid's, community's or street's id, or core/ids.ts
   * departmentScopeKey(streetId, departmentId) */
  ownerKey: string
  /** the levels that sent it up, nearest last: a return at a higher level goes back to the last one */
  sentFrom: import('./requests/states').RequestLevel[]
  createdAt: Date
  updatedAt: Date
  /** the Beijing month it was reported (YYYY-MM): its counters' cohort */
  month: string
  /** events so far; the next event is seq + 1 */
  seq: number
  /** first accepted (受理, 报到 or 接单): a request accepted once can no longer be withdrawn */
  acceptedAt?: Date
  /** the handler contacted the resident or arrived (响应); the first time counts */
  respondedAt?: Date
  resolvedAt?: Date
  resolvedLevel?: import('./requests/states').RequestLevel
  /** the first resolution was on time (kept when it is reopened: the on-time rate judges the first promise) */
  resolvedOnTime?: boolean
  closedAt?: Date
  /** why and by whom it was returned (退回), shown to the resident */
  returnReason?: string
  returnedBy?: string
  rating?: import('./requests/states').Rating
  ratingComment?: string
  ratedAt?: Date
  reopenCount: number
  /** ever sent above the grid */
  escalated: boolean
  /** set by the timer when a deadline passed unmet (and by a late move): what the lists mark and the rates count */
  respondOverdue: boolean
  resolveOverdue: boolean
  /** the current level's acceptance (or 报到) deadline passed */
  levelOverdue: boolean
  /** any of the three: the overdue mark of every list */
  overdue: boolean
  /** `path` while the request is open and marked overdue, absent otherwise (core/requests/machine.ts applyEvent):
   * 日调度 reads a unit's overdue ones by its prefix, none of those that ended late */
  overduePath?: string
  respondDueAt: Date | null
  resolveDueAt: Date | null
  levelDueAt: Date | null
  nextDueAt: Date | null
  followerCount: number
  mergedInto?: string
  errandTakerId?: string
  errandTakerName?: string
  /** when the errand's points were posted (core/ids.ts errandEarnId), once */
  errandPaidAt?: Date
  reinspectAt?: Date
  reinspectedAt?: Date
  /** 销项: its re-inspection passed */
  struckOff?: boolean
  /** the last event, for the list's timeline teaser */
  last: { move: import('./requests/states').Move; actorLabel: string; at: Date } | null
}

/** One event of a request's timeline, never edited: core/ids.ts requestEventId(requestId, seq). */
export interface RequestEventDoc {
  _id: string
  requestId: string
  seq: number
  move: import('./requests/states').Move
  from: { state: import('./requests/states').RequestState; level: import('./requests/states').RequestLevel }
  to: { state: import('./requests/states').RequestState; level: import('./requests/states').RequestLevel }
  /** person id; 'system' for the timer */
  actorId: string
  /** the role it was made as: a role, or 'reporter' / 'follower' / 'errandTaker' / 'system' */
  actorRole: string
  /** 网格长 张三 / 城管 / 系统 */
  actorLabel: string
  at: Date
  note?: string
  photos?: string[]
  reason?: string
  departmentId?: string
  rating?: import('./requests/states').Rating
  /** merge: the survivor; scheduleReinspection: when */
  into?: string
  /** merge, on the survivor's timeline: the duplicates merged into it */
  mergedFrom?: string[]
  reinspectAt?: Date
  pass?: boolean
  /** rate: the reporter's comment */
  comment?: string
  /** the actor's name (an errand's taker is shown by it) */
  actorName?: string
  /** the request's deadlines as this move set them (report, escalations, urgency rulings, reopening): replaying the
   * events rebuilds the request without the settings of the day (core/requests/machine.ts applyEvent) */
  due?: { respond: Date | null; resolve: Date | null; level: Date | null }
  /** the deadlines this move found passed and marked overdue (autoEscalate; a move past them) */
  overdue?: ('respond' | 'resolve' | 'level')[]
  /** a person's move: the client's tap id (requests.act), so a retried tap answers with the view and writes nothing */
  tapId?: string
}

/** A person attached to a request: core/ids.ts requestFollowerId(requestId, personId). "My requests" pages these by
 * requestUpdatedAt, a copy every move of the request rewrites (a merge moves them to the survivor). */
export interface RequestFollowerDoc {
  _id: string
  requestId: string
  personId: string
  kind: 'reporter' | 'follower'
  since: Date
  requestUpdatedAt: Date
}

/**
 * The figures of one scope for one cohort month (requests reported that Beijing month): core/ids.ts
 * requestCounterId(scopeKey, month); scopeKey is a unit id (grid, community, street) or departmentScopeKey. A cache
 * of the requests: every transaction that changes a request adds figures(after) − figures(before) here
 * (core/requests/rates.ts). Missing counters read as zeros.
 */
export interface RequestCounterDoc extends Record<import('./contract/requests').RequestFigure, number> {
  _id: string
  scopeKey: string
  month: string
  updatedAt: Date
}

/** A community's (categories, limits) or a street's (departments, holidays, 调休) settings: `_id` is the unit's id
 * (core/ids.ts requestSettingsId). Absent fields take the defaults of core/requests/settings.ts. */
export interface RequestSettingsDoc {
  _id: string
  level: 'community' | 'street'
  disabled?: import('./contract/requests').RequestCategory[]
  limits?: Partial<Record<import('./contract/requests').RequestCategory, import('./contract/requests').CategoryLimit>>
  urgentHours?: number
  autoCloseDays?: number
  reinspectWeeks?: number
  /** what a confirmed errand earns its taker (core/requests/settings.ts, default 10) */
  errandPoints?: number
  departments?: { id: string; name: string; reportInHours: number }[]
  holidays?: string[]
  workdays?: string[]
  updatedAt: Date
  updatedBy: string
}

/** One patrol of a grid (巡查台账): core/ids.ts patrolId(personId, tapId). */
export interface PatrolDoc {
  _id: string
  gridId: string
  communityId: string
  path: string
  personId: string
  personName: string
  /** Beijing YYYY-MM-DD of startedAt */
  day: string
  startedAt: Date
  endedAt: Date
  route: string
  findings: {
    description: string
    photos: string[]
    category: import('./contract/requests').RequestCategory
    spot: string
    requestId?: string
  }[]
  createdAt: Date
}

/** A grid patrolled on a Beijing day: core/ids.ts patrolDayId(gridId, day), written with each patrol of that day, so
 * the community's "patrolled today" view reads one id per grid of a page (never the patrols). */
export interface PatrolDayDoc {
  _id: string
  gridId: string
  communityId: string
  day: string
  patrols: number
  lastPatrolId: string
  lastBy: string
  at: Date
}

// ---- emergency mode (issue 12, E1: the one switch and the reserve force) ----

/** An emergency (应急状态) declared over one unit: its id is core/ids.ts emergencyId(scopeUnitId, n), n counted by the
 * unit's lock, so one active emergency per unit holds under racing declares. Ended ones are kept for the record. */
export interface EmergencyDoc {
  _id: string
  name: string
  level: import('./contract/emergency').EmergencyLevel
  scopeUnitId: string
  scopePath: string
  scopeName: string
  scopeLevel: import('./units').Level
  instructions: string
  startAt: Date
  endedAt: Date | null
  declaredBy: string
  declaredByName: string
  /** the declaring tap (personId_tapId): a retried declare answers this one instead of being refused */
  declaredTap: string
  declaredAt: Date
  endedBy: string | null
  endedByName: string | null
  updatedAt: Date
  /** the notice its instructions went out with (core/ids.ts sourceNoticeId: the declare's, then each change's);
   * absent on emergencies declared before announcements and until the declare's notice is written */
  noticeId?: string
  /** how many times its instructions were changed: the n of the latest change's notice (absent: never) */
  revision?: number
  /** Set when it ends with 战时网格 still in force, cleared once all are retired (the retireMicroGrids timer
   * finishes an end that was cut short). */
  wartimeRetiring?: boolean
}

/** A unit's emergency lock (_id = the unit's id): the one active emergency over it, and how many were ever declared
 * there (which names the next). Read and written only inside the declaring and ending transactions. */
export interface EmergencyLockDoc {
  _id: string
  activeId: string | null
  declared: number
}

/** A person in the reserve force (应急力量), one per person (_id = core/ids.ts reserveMemberId). `path` is where they
 * are counted: their home, or the unit staff registered them under when they have none. */
export interface ReserveMemberDoc {
  _id: string
  personId: string
  name: string
  phone: string
  kind: import('./contract/emergency').ReserveKind
  skills: import('./contract/emergency').ReserveSkill[]
  skillsNote: string
  availability: string
  unitId: string
  path: string
  registeredBy: string
  registeredByName: string
  registeredAt: Date
  updatedAt: Date
}

/** A call-up of the reserve force for an emergency (core/ids.ts callUpId), over a unit of its scope; the counts are
 * moved in the same transaction as each answer and assignment (callUpAnswers). */
export interface CallUpDoc {
  _id: string
  emergencyId: string
  emergencyName: string
  unitId: string
  unitPath: string
  unitName: string
  unitLevel: import('./units').Level
  kinds: import('./contract/emergency').ReserveKind[]
  skills: import('./contract/emergency').ReserveSkill[]
  message: string
  createdBy: string
  createdByName: string
  createdAt: Date
  coming: number
  cannot: number
  assigned: number
}

/** One member's answer to one call-up (core/ids.ts callUpAnswerId), and where staff assigned them. */
export interface CallUpAnswerDoc {
  _id: string
  callUpId: string
  emergencyId: string
  personId: string
  name: string
  phone: string
  kind: import('./contract/emergency').ReserveKind
  answer: import('./contract/emergency').CallUpAnswer
  note: string
  answeredAt: Date
  assignment: {
    place: string
    unitId: string | null
    unitName: string | null
    unitLevel: import('./units').Level | null
    by: string
    byName: string
    at: Date
  } | null
}

// ---- testing rounds (错时采样, issue 12; core/contract/testing.ts) ----

/** A testing round over a community or a grid: core/ids.ts testingRoundId(personId, tapId). */
export interface TestingRoundDoc {
  _id: string
  name: string
  /** Beijing YYYY-MM-DD */
  date: string
  emergencyId: string | null
  scopeUnitId: string
  scopePath: string
  communityId: string
  sites: { name: string; place: string; workerIds: string[]; workerNames: string[] }[]
  /** every site's workers, flat (the index that finds a worker's sites) */
  workerIds: string[]
  /** the buildings planned, in the order planned: the assignment job walks them */
  planned: { buildingId: string; siteIndex: number; slots: number }[]
  /** the HMAC key of the households' codes (core/testing/token.ts); never leaves the server */
  secret: string
  /** where the assignment job stopped: the planned building's index and the last household id it handled there */
  assign: { index: number; after: string; finished: boolean }
  createdBy: string
  createdByName: string
  createdAt: Date
}

/** One slot of a building: core/ids.ts testingSlotId(roundId, buildingId, index). `booked` and `done` change only
 * in the transaction of the booking or done they count. */
export interface TestingSlotDoc {
  _id: string
  roundId: string
  buildingId: string
  buildingName: string
  siteIndex: number
  index: number
  startAt: Date
  endAt: Date
  capacity: number
  booked: number
  done: number
  calledAt: Date | null
  calledBy: string | null
  /** seconds from the call (else the start) to each household done, in the order they were done */
  doneSeconds: number[]
}

/** A household's one booking in a round: core/ids.ts testingBookingId(roundId, householdId). */
export interface TestingBookingDoc {
  _id: string
  roundId: string
  householdId: string
  door: string
  buildingId: string
  /** the household's path (its counters are rolled up it) */
  path: string
  slotId: string
  siteIndex: number
  startAt: Date
  bookedAt: Date
  /** 'assign' for the job, else the person who booked or moved it */
  bookedBy: string
  moves: number
  doneAt: Date | null
  doneBy: string | null
}

/** Booked and done households of a round under one unit, in shards: core/ids.ts testingCounterId. */
export interface TestingCounterDoc {
  _id: string
  roundId: string
  unitId: string
  shard: number
  booked: number
  done: number
}

// ---- checkpoints and duty shifts (卡口值守, issue 12) ----

/** A checkpoint (卡口) at a grid's or community's gate; `secret` makes its rotating check-in codes. */
export interface CheckpointDoc {
  _id: string
  name: string
  place: string
  unitId: string
  unitPath: string
  communityId: string
  emergencyId: string | null
  secret: string
  createdBy: string
  createdByName: string
  createdAt: Date
}

/** One duty shift of a checkpoint: core/ids.ts shiftId(checkpointId, startAt). `filled` and `free` move only in the
 * transaction that seats or unseats someone (with the person's dutyPeople document). */
export interface ShiftDoc {
  _id: string
  checkpointId: string
  unitPath: string
  communityId: string
  startAt: Date
  endAt: Date
  capacity: number
  filled: number
  /** capacity − filled: what the uncovered-shift query reads */
  free: number
  handover: { note: string; by: string; byName: string; at: Date } | null
  confirmedAt: Date | null
  createdAt: Date
}

/** A person's seat on a shift: core/ids.ts shiftSignupId(shiftId, personId); cancelled and taken again in place. */
export interface ShiftSignupDoc {
  _id: string
  shiftId: string
  checkpointId: string
  unitPath: string
  communityId: string
  personId: string
  name: string
  startAt: Date
  endAt: Date
  status: 'active' | 'cancelled' | 'earned' | 'absent'
  /** the leader who put them there, or null when they signed up themselves */
  assignedBy: string | null
  checkInAt?: Date
  checkOutAt?: Date
  minutes?: number
  points?: number
  earnedAt?: Date
  createdAt: Date
  updatedAt: Date
}

/** A person's duty document (_id = personId): the shifts they hold, read and rewritten by every seat change so that
 * two overlapping seats can never both be taken (core/duty/seats.ts). */
export interface DutyPersonDoc {
  _id: string
  holds: { shiftId: string; startAt: Date; endAt: Date }[]
  updatedAt: Date
}

/** A community's duty settings (_id = communityId). */
export interface DutySettingsDoc {
  _id: string
  pointsPerHour: number
  updatedBy: string
  updatedAt: Date
}

// ---- home-isolated households (居家隔离户, issue 12 item 7) ----

/** What a scheduled service of an isolated household is: 物资配送 (supplies) or 垃圾清运 (garbage). */
export const ISOLATION_KINDS = ['supplies', 'garbage'] as const
export type IsolationKind = (typeof ISOLATION_KINDS)[number]

/** A household marked home-isolated for a period: core/ids.ts isolationId(householdId, startDay). `endAt` is the
 * planned end (Beijing midnight after the last day), moved to the moment of ending when ended early. */
export interface IsolationDoc {
  _id: string
  householdId: string
  householdPath: string
  /** the door label (3栋2单元301) */
  householdName: string
  gridId: string
  gridPath: string
  communityId: string
  startDay: string
  days: number
  startAt: Date
  endAt: Date
  plannedEndAt: Date
  reason: string
  supplies: { times: string[]; note: string }
  garbage: { times: string[] }
  status: 'active' | 'ended'
  /** how many tasks the schedule made */
  tasks: number
  endedAt: Date | null
  endedBy: string | null
  endedByName: string | null
  createdBy: string
  createdByName: string
  createdAt: Date
}

/** A household's pointer to its current isolation (_id = householdId): marking one reads and writes it in one
 * transaction, so two isolations of one household never overlap however the calls race. */
export interface IsolationHomeDoc {
  _id: string
  currentId: string
  endAt: Date
  updatedAt: Date
}

export type IsolationTaskState = 'open' | 'claimed' | 'done' | 'cancelled'

/** One scheduled task of an isolated household: core/ids.ts isolationTaskId(isolationId, kind, day, slot). State,
 * holder and completion change only in transactions, with the grid's day counter (isolationDays). */
export interface IsolationTaskDoc {
  _id: string
  isolationId: string
  householdId: string
  householdPath: string
  householdName: string
  gridId: string
  gridPath: string
  communityId: string
  kind: IsolationKind
  /** Beijing YYYY-MM-DD and HH:MM */
  day: string
  slot: string
  dueAt: Date
  /** what to bring (supplies) */
  note: string
  state: IsolationTaskState
  holderId: string | null
  holderName: string | null
  claimedAt: Date | null
  doneAt: Date | null
  doneNote: string | null
  photos: string[]
  /** minutes credited to the holder's volunteer totals when done (once) */
  minutes: number
  receivedAt: Date | null
  createdAt: Date
  updatedAt: Date
}

/** A grid's figures of one Beijing day (core/ids.ts isolationDayId): tasks due (not cancelled), claimed and done,
 * moved in the transaction of every task change; core/isolation/tasks.ts recountDay defines them. */
export interface IsolationDayDoc {
  _id: string
  gridId: string
  gridPath: string
  day: string
  due: number
  claimed: number
  done: number
  updatedAt: Date
}

// ---- care persons (关爱对象 / 重点人员, 四包一; issue 12 item 6) ----

/** One seat of a care team: a joined person (their name copied for lists; the phone is read when shown). */
export interface CareHelper {
  personId: string
  name: string
}

/**
 * A care person (_id = personId, core/ids.ts carePersonId): their flags (kept equal to PersonDoc.careFlags, which
 * unitCounters.care counts), the note, the team of four, and the day markers the daily check and the missed-check
 * timer keep. `active` is false once every flag was cleared; the document and its history stay.
 */
export interface CarePersonDoc {
  _id: string
  personId: string
  name: string
  householdId: string
  homePath: string
  communityId: string
  flags: CareFlag[]
  note: string
  active: boolean
  /** When the person last became a care person: the missed-check timer asks nothing of a day before it. */
  activeSince: Date
  team: Record<CareSlot, CareHelper | null>
  /** The personIds of the team (index helperIds_1: 我包联的). */
  helperIds: string[]
  /** The latest Beijing day (YYYY-MM-DD) anyone checked; '' before the first check. */
  lastCheckDay: string
  /** How many daily checks were recorded (one per helper per day; a second the same day updates the first). */
  checks: number
  /** The latest day an alert was raised for; '' before the first. */
  lastAlertDay: string
  /** That alert's day while no check followed it (未探访); '' otherwise. */
  openAlertDay: string
  /** How many alerts were raised (one per day at most). */
  alerts: number
  /** Marks and unmarks, oldest first (the last CARE_HISTORY kept). */
  history: { flags: CareFlag[]; note: string; byId: string; byName: string; at: Date }[]
  updatedAt: Date
  createdAt: Date
}

/** One helper's daily check of a care person on one Beijing day (core/ids.ts careCheckId). */
export interface CareCheckDoc {
  _id: string
  carePersonId: string
  helperId: string
  helperName: string
  /** The helper's seat when they checked (null: no longer on the team) */
  slot: CareSlot | null
  day: string
  seen: boolean
  temperature: number | null
  needs: string
  homePath: string
  at: Date
  updatedAt: Date
}

/** The alert of a day nobody checked on a care person after the cutoff (core/ids.ts careAlertId). */
export interface CareAlertDoc {
  _id: string
  carePersonId: string
  name: string
  day: string
  homePath: string
  /** who was on the team when it was raised */
  helperIds: string[]
  raisedAt: Date
}

// ---- 战时网格 (emergency mode: micro-grids drawn over a grid's buildings) ----

/**
 * A 战时网格 (_id = core/ids.ts wartimeGridId): an overlay over some buildings of one grid for one emergency — no unit
 * of the tree, so households, counters and history stay where they are. Its leader, a reserve member, holds
 * `buildingHead` over each of its buildings (RoleGrant.wartimeGridId = this id) while it is in force; retiring it
 * (by hand, or when the emergency ends) takes those grants away and keeps the document for the record.
 */
export interface WartimeGridDoc {
  _id: string
  emergencyId: string
  emergencyName: string
  gridId: string
  gridPath: string
  gridName: string
  name: string
  kind: import('./contract/emergency').MicroGridKind
  buildingIds: string[]
  buildingNames: string[]
  /** the leader's person id, top-level so "the ones I lead" is one indexed query */
  leaderId: string
  leader: { personId: string; name: string; reserveMemberId: string; kind: import('./contract/emergency').ReserveKind }
  createdAt: Date
  createdBy: string
  createdByName: string
  /** personId_tapId of the creating tap: a retried create answers this one */
  createdTap: string
  retiredAt: Date | null
  retiredBy: string | null
  retiredByName: string | null
  updatedAt: Date
}

/** A building's 战时网格 lock (_id = core/ids.ts wartimeBuildingLockId): the one 战时网格 in force it is in. Written
 * only inside the create, retire and end transactions, so two splits taking the same building cannot both win. */
export interface WartimeBuildingLockDoc {
  _id: string
  buildingId: string
  activeId: string | null
}

/**
 * The subscribe messages of one source (core/ids.ts messageJobId): a call-up's members (`callUp`), a testing round's
 * households told their own slot (`testingSlots`). Sent by the source function's timer through server/message-jobs.ts,
 * one batch at a time under the job's lease, the cursor (`after`, the source's own id order) saved after each batch;
 * a message is spent with the purpose of the source, so nobody gets two whatever the firings do.
 */
export interface MessageJobDoc {
  _id: string
  /** careMissed: a care person's missed daily check (its careAlerts id), to their helpers and grid chiefs */
  /** dispatch: a Beijing day's 日调度 (sourceId the day), to every leader who accepted its template */
  kind: 'callUp' | 'testingSlots' | 'careMissed' | 'dispatch'
  /** the call-up's, the round's or the care alert's id */
  sourceId: string
  status: 'pending' | 'done'
  after: string
  /** messages WeChat took */
  sent: number
  /** messages spent but refused by WeChat (unsubscribed, blocked) */
  failed: number
  /** a firing holds the job until then, so overlapping firings never send the same batch */
  lockedUntil: Date
  createdAt: Date
  doneAt?: Date
}

// ---- dashboard period figures (数据看板, issue 13 item 3) ----

/** One unit's figures of one period (core/dashboard/stats.ts): `_id` = core/ids.ts unitStatsId(unitId, period).
 * `decisionsOpen` lives on the standing period `open` (council decisions not yet done, moved by the council). */
export interface UnitStatsDoc extends Partial<Record<import('./dashboard/stats').StatFigure, number>> {
  _id: string
  unitId: string
  /** `m2026-12`, `w2026-W49`, or `open` (standing figures) */
  period: string
  decisionsOpen?: number
  /** a shard of the households reached (core/ids.ts unitStatsShardId): only `reached` and `urgentReached` */
  shard?: number
  updatedAt: Date
}

/** Where a resumable repair walk stopped (`_id` = its name: `unitStats`, cloudfunctions/dashboard/repair.ts): the
 * periods it walks, which of them, the level and the last unit id done there. */
export interface RepairCursorDoc {
  _id: string
  periods: string[]
  /** index into `periods` */
  at: number
  level: 'grid' | 'community' | 'street'
  after: string
  startedAt: Date
  updatedAt: Date
}

/** A person or household counted once in a period's distinct figure: `_id` = core/ids.ts statMarkId. */
export interface StatMarkDoc {
  _id: string
  period: string
  figure: import('./dashboard/stats').DistinctFigure
  key: string
  /** the units it was counted in */
  unitIds: string[]
  at: Date
}

// ---- council (三长议事, issue 13): proposals (议题); meetings and votes: H6 (core/contract/council.ts) ----

/** open: gathering support; agenda: 待议 (on the council's agenda); decided: voted on at a meeting; declined: a head
 * declined it with a public reason (不予上会). */
export const PROPOSAL_STATUSES = ['open', 'agenda', 'decided', 'declined'] as const
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number]
export type ProposalOutcome = 'passed' | 'rejected'

/** One step of a proposal's status history. */
export interface ProposalStep {
  status: ProposalStatus
  at: Date
  /** personId of who moved it; '' for the threshold or the council */
  byId: string
  /** 居民 王秀英, 网格长 李建国, 达到支持人数, 议事会 */
  byName: string
  note: string
}

/**
 * A matter raised for a grid's council (议题): `_id` = core/ids.ts proposalId(proposer, tapId). `supports` counts its
 * active proposalSupports, moved in the transaction of each support or withdrawal; the support that makes it reach
 * the grid's threshold moves it to 待议 in that same transaction. `stage` is what the list's tabs key on.
 */
export interface ProposalDoc {
  _id: string
  gridId: string
  gridPath: string
  communityId: string
  title: string
  text: string
  photos: string[]
  /** a request (诉求) of the proposer or of the grid it was raised from */
  requestId: string | null
  proposerId: string
  /** 居民 王秀英 / 网格长 李建国; 已注销居民 after a deletion */
  proposerName: string
  status: ProposalStatus
  stage: import('./contract/council').ProposalStage
  /** when `stage` last changed: the list's order */
  stageAt: Date
  supports: number
  /** how it reached the agenda */
  agendaBy: 'threshold' | 'head' | null
  declineReason: string
  history: ProposalStep[]
  // meetings and votes: H6 — the open meeting whose agenda holds it, and the decision written onto it
  meetingId: string | null
  decision: {
    outcome: ProposalOutcome
    reason: string
    at: Date
    meetingId: string | null
    noticeId: string | null
    taskId: string | null
  } | null
  createdAt: Date
  updatedAt: Date
}

/** One person's support of a proposal (`_id` = core/ids.ts proposalSupportId): `active` while it counts. */
export interface ProposalSupportDoc {
  _id: string
  proposalId: string
  gridId: string
  personId: string
  active: boolean
  at: Date
  withdrawnAt: Date | null
  updatedAt: Date
}

/** A grid's council settings (`_id` = gridId, core/ids.ts councilSettingsId); absent fields take the defaults. */
export interface CouncilSettingsDoc {
  _id: string
  gridId: string
  /** the supports that put a proposal on the agenda (COUNCIL_LIMITS.defaultThreshold) */
  supportThreshold?: number
  // meetings and votes: H6 (e.g. the quorum)
  updatedBy: string
  updatedAt: Date
}

// ---- council (三长议事, issue 13): meetings and votes (H6, core/contract/council.ts, core/council/vote.ts) ----

/** A member of a meeting: one of the grid's three heads when it was scheduled, or someone invited. */
export interface MeetingMember {
  personId: string
  name: string
  /** 网格长 / 党小组长 / 楼栋长 / 社区工作者 / 居民 … */
  label: string
  kind: 'head' | 'invited'
}

/**
 * A council meeting (议事会) of a grid: `_id` = core/ids.ts meetingId(scheduler, tapId). Members are the grid's heads
 * and the invited: the heads part is refreshed when it opens (the grid's heads then), fixed from there on (the
 * quorum's base). scheduled → open (votes taken) → closed (minutes kept; undecided items freed).
 */
export interface MeetingDoc {
  _id: string
  gridId: string
  gridPath: string
  communityId: string
  title: string
  mode: import('./contract/council').MeetingMode
  startAt: Date
  place: string
  status: import('./contract/council').MeetingStatus
  members: MeetingMember[]
  quorum: import('./council/vote').QuorumRule
  /** the proposals on its agenda, in order (one councilItems document each) */
  proposalIds: string[]
  minutes: string
  createdBy: string
  createdAt: Date
  openedAt: Date | null
  closedAt: Date | null
  updatedAt: Date
}

/**
 * One agenda item (`_id` = core/ids.ts meetingItemId(meetingId, proposalId)): its tally moves only in the transaction
 * of a vote on it (councilVotes), so it always equals a recount of its votes; `present` is the presence list the
 * chief recorded for an in-person vote (the quorum counts it with the voters).
 */
export interface MeetingItemDoc {
  _id: string
  meetingId: string
  gridId: string
  gridPath: string
  proposalId: string
  title: string
  order: number
  status: 'open' | 'decided' | 'dropped'
  tally: import('./council/vote').Tally
  /** who has a vote on it (moved with the tally): the turnout is these with `present` */
  voterIds: string[]
  present: string[]
  outcome: import('./council/vote').DecisionOutcome | null
  reason: string
  decidedAt: Date | null
  decidedBy: string
  /** a passed decision's notice to the grid (core/ids.ts sourceNoticeId('council', itemId, 'decision')) */
  noticeId: string | null
  /** the work a passed decision needs: a request (诉求) of the grid, its owner and deadline */
  task: { requestId: string; ownerId: string; ownerName: string; dueAt: Date } | null
  updatedAt: Date
}

/** One member's vote on one item (`_id` = core/ids.ts councilVoteId(itemId, personId)): changed in place. */
export interface CouncilVoteDoc {
  _id: string
  meetingId: string
  itemId: string
  proposalId: string
  gridId: string
  personId: string
  /** the voter's name; 已注销居民 after their deletion (the vote still counts) */
  name: string
  choice: import('./council/vote').VoteChoice
  /** cast online by the member, or recorded in person by the chief (recordedBy) */
  via: 'online' | 'inPerson'
  recordedBy: string
  at: Date
}

// ---- 周例会 / 月通报 (reports, issue 13 item 5) ----

/** One community's or street's report of one period: `_id` = core/ids.ts reportId(unitId, period). Generating
 * again rewrites the figures, boards and decisions, and keeps the id, `createdAt` and the notice it was published as. */
export interface ReportDoc {
  _id: string
  unitId: string
  unitPath: string
  unitName: string
  level: 'community' | 'street'
  kind: import('./dashboard/stats').PeriodKind
  /** `w2026-W49` / `m2026-12` */
  period: string
  previousPeriod: string
  /** where the period starts and ends (exclusive): the list's order */
  startsAt: Date
  endsAt: Date
  figures: import('./contract/dashboard').DashboardFigures
  previous: import('./contract/dashboard').DashboardFigures
  grids: number
  boards: import('./reports/ranking').Board[]
  decisions: { count: number; newest: import('./contract/reports').ReportDecision[] }
  /** 'timer', or the person id of who generated it */
  generatedBy: string
  /** their name (已注销居民 after their deletion) */
  generatedByName: string
  generatedAt: Date
  createdAt: Date
  /** the notice it was published as (core/ids.ts reportNoticeId), once: who published it, by id and name (已注销居民
   * after their deletion) */
  notice: { id: string; publishedAt: Date; by: string; byName: string } | null
}

/** The weeklyReports / monthlyReports timer's walk of one period (`_id` = core/ids.ts reportRunId). */
export interface ReportRunDoc {
  _id: string
  period: string
  /** the level being walked and the last unit id done at it (communities first, then streets) */
  level: 'community' | 'street'
  after: string
  generated: number
  done: boolean
  startedAt: Date
  updatedAt: Date
}
