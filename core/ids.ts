/**
 * Deterministic document ids: the idempotency contract. A retried call, a double tap or a racing twin writes the
 * same _id, so the database itself refuses the second write or the transaction conflicts on it. Every place that
 * builds or parses one of these ids uses this module; the document types they name are in core/model.ts.
 * (A claim's id is a hash of the claimant and their claim count: server/data/claims.ts, which owns the hashing.)
 */

/** receipts: a household reached by a notice, once. */
export const receiptId = (noticeId: string, householdId: string): string => `${noticeId}_${householdId}`

/** reachCounters: one shard of the households under one unit (building, grid, community, street) a notice reached. */
export const reachCounterId = (noticeId: string, unitId: string, shard: number): string =>
  `${noticeId}_${unitId}_${shard}`

/** acks: one person's opening and 收到 of a notice. */
export const ackId = (noticeId: string, personId: string): string => `${noticeId}_${personId}`

/** relays: a grid chief's relay of a notice into the grid's group. */
export const relayId = (noticeId: string, gridId: string): string => `${noticeId}_${gridId}`

/** reminders: one reminder of a notice to the unreached under a unit on one Beijing day (YYYY-MM-DD). */
export const reminderId = (noticeId: string, unitId: string, day: string): string => `${noticeId}_${unitId}_${day}`

/** subscriptions: the one-time subscribe messages a person accepted for one template. */
export const subscriptionId = (personId: string, templateId: string): string => `${personId}_${templateId}`

/** groups: a bound group chat is keyed by its openGId, so only the first binding of a group wins. */
export const groupId = (openGId: string): string => openGId

/** audit: the entry of org.bootstrap, which happens once per environment; racing bootstraps conflict on it. */
export const BOOTSTRAP_AUDIT_ID = 'org.bootstrap'

// ---- points (issue 10) ----

/** accounts: one per person, merchant and community pool (core/points/ledger.ts AccountRef). */
export const accountId = (ref: { kind: 'person' | 'merchant' | 'pool'; id: string }): string => `${ref.kind}_${ref.id}`

/**
 * transfers: one movement, named by what caused it, so it is posted exactly once: earn — transferId('earn',
 * signupId); redeem and refund — the voucher id; grant and deduct — adjustmentId; expire — expiryId.
 */
export const transferId = (kind: string, refId: string): string => `${kind}_${refId}`

/** vouchers: a resident's redeem, named by the request id their client sends (a retry redeems once). */
export const voucherId = (personId: string, requestId: string): string => `${personId}_${requestId}`

/** An adjustment (grant or deduct) by a leader, named by the request id their client sends. */
export const adjustmentId = (actorId: string, requestId: string): string => `${actorId}_${requestId}`

/** An expiry of an account's due lots, named by the account's version when it was read: posted once. */
export const expiryId = (accountId: string, version: number): string => `${accountId}_${version}`

/** signups: one per person per activity and role (接龙); a second sign-up for the same role collides on it. */
export const signupId = (activityId: string, personId: string, roleIndex: number): string =>
  `${activityId}_${personId}_${roleIndex}`

/** teamMembers: a person's membership of a team, once. */
export const teamMemberId = (teamId: string, personId: string): string => `${teamId}_${personId}`

/** volunteers: one per person (their totals, no-shows and leaderboard choice). */
export const volunteerId = (personId: string): string => personId

// ---- requests (issue 11) ----

/** requests: a report, named by the reporter and their tap id, so a retried report writes one request. */
export const requestId = (reporterId: string, tapId: string): string => `${reporterId}_${tapId}`

/** requests: a patrol's finding reported as a request, named by the patrol and the finding's place in it. */
export const findingRequestId = (patrolId: string, index: number): string => `${patrolId}_f${index}`

/** requestEvents: the event a move appends; seq is the request's seq + 1, so a retried or racing move collides. */
export const requestEventId = (requestId: string, seq: number): string => `${requestId}_${seq}`

/** requestFollowers: a person attached to a request (reporter or 我也遇到了), once. */
export const requestFollowerId = (requestId: string, personId: string): string => `${requestId}_${personId}`

/** The scope key of a street's department in requestCounters and a request's ownerKey (units use their own id). */
export const departmentScopeKey = (streetId: string, departmentId: string): string => `dept:${streetId}:${departmentId}`

/** requestCounters: one scope (unit id or departmentScopeKey) for one cohort month (Beijing YYYY-MM). */
export const requestCounterId = (scopeKey: string, month: string): string => `${scopeKey}_${month}`

/** requestSettings: one per community or street, named by the unit. */
export const requestSettingsId = (unitId: string): string => unitId

/** patrols: one patrol, named by the patroller and their tap id (a retried log writes once). */
export const patrolId = (personId: string, tapId: string): string => `${personId}_${tapId}`

/** patrolDays: a grid patrolled on a Beijing day (YYYY-MM-DD). */
export const patrolDayId = (gridId: string, day: string): string => `${gridId}_${day}`

/** transfers: the points an errand's taker earns when the reporter rates it done, posted once per request. */
export const errandEarnId = (requestId: string): string => transferId('earn', `errand_${requestId}`)

// ---- emergency mode (issue 12, E1) ----

/** emergencyLocks: one per unit an emergency was ever declared over. */
export const emergencyLockId = (unitId: string): string => unitId

/** emergencies: the n-th emergency declared over a unit (n from its lock), so racing declares collide on one id. */
export const emergencyId = (scopeUnitId: string, n: number): string => `${scopeUnitId}_e${n}`

/** reserveMembers: one per person. */
export const reserveMemberId = (personId: string): string => personId

/** callUps: a call-up, named by the emergency, the caller and their tap id (a retried call-up writes once). */
export const callUpId = (emergencyId: string, actorId: string, tapId: string): string =>
  `${emergencyId}_${actorId}_${tapId}`

/** callUpAnswers: one answer per person per call-up. */
export const callUpAnswerId = (callUpId: string, personId: string): string => `${callUpId}_${personId}`

/** wartimeGrids: a 战时网格, named by the emergency, who drew it and their tap (a retried create writes once). */
export const wartimeGridId = (emergencyId: string, actorId: string, tapId: string): string =>
  `${emergencyId}_w_${actorId}_${tapId}`

/** wartimeBuildingLocks: one per building ever put in a 战时网格 (it is in at most one in force). */
export const wartimeBuildingLockId = (buildingId: string): string => `wb_${buildingId}`

// ---- testing rounds (issue 12) ----

/** testingRounds: a round, named by its creator and their tap id (a retried create writes one). */
export const testingRoundId = (personId: string, tapId: string): string => `tr_${personId}_${tapId}`

/** testingSlots: the index-th slot of a building in a round (a repeated plan writes the same slots). */
export const testingSlotId = (roundId: string, buildingId: string, index: number): string =>
  `${roundId}_${buildingId}_${index}`

/** testingBookings: one booking per household per round; a second booking collides on it and becomes a move. */
export const testingBookingId = (roundId: string, householdId: string): string => `${roundId}_${householdId}`

/** testingCounters: one shard (core/notices/reach.ts shardOf the household) of a unit's figures in a round. */
export const testingCounterId = (roundId: string, unitId: string, shard: number): string =>
  `${roundId}_${unitId}_${shard}`

// ---- announcements of emergency mode (issue 12: notices and subscribe messages) ----

/** notices: the notice a source publishes (an emergency's declare or its n-th instructions, a testing round's
 * announcement): a retried or racing publish of the same source writes one notice and one delivery job. */
export const sourceNoticeId = (kind: 'emergency' | 'testing', sourceId: string, what: string): string =>
  `n_${kind}_${sourceId}_${what}`

/** messageJobs: the subscribe messages of one source (a call-up's members, a round's households' slots), once. */
export const messageJobId = (kind: string, sourceId: string): string => `${kind}_${sourceId}`

// ---- checkpoints and duty shifts (issue 12) ----

/** checkpoints: named by its creator and the create's tap id (a retried or double-tapped create writes one). */
export const checkpointId = (personId: string, tapId: string): string => `cp_${personId}_${tapId}`

/** shifts: one per checkpoint and start minute (a template applied twice writes nothing new). */
export const shiftId = (checkpointId: string, startAt: Date): string =>
  `${checkpointId}_${Math.floor(startAt.getTime() / 60_000).toString(36)}`

/** shiftSignups: one seat per person per shift; a racing twin of a sign-up collides on it. */
export const shiftSignupId = (shiftId: string, personId: string): string => `${shiftId}_${personId}`

/** The earn transfer of a confirmed shift sign-up: paid once, whatever retries. */
export const dutyEarnId = (signupId: string): string => transferId('earn', `duty_${signupId}`)

/** dutyPeople: a person's duty document. */
export const dutyPersonId = (personId: string): string => personId

/** dutySettings: a community's. */
export const dutySettingsId = (communityId: string): string => communityId

// ---- home-isolated households (issue 12 item 7) ----

/** isolations: one per household and first day (a retried mark writes nothing new). */
export const isolationId = (householdId: string, startDay: string): string =>
  `iso_${householdId}_${startDay.replace(/-/g, '')}`

/** isolationHomes: a household's pointer to its current isolation. */
export const isolationHomeId = (householdId: string): string => householdId

/** isolationTasks: one per isolation, kind, Beijing day and time of day (regenerating never doubles). */
export const isolationTaskId = (isolationId: string, kind: 'supplies' | 'garbage', day: string, slot: string): string =>
  `${isolationId}_${kind === 'supplies' ? 's' : 'g'}${day.replace(/-/g, '')}${slot.replace(':', '')}`

/** isolationDays: a grid's task figures of one Beijing day. */
export const isolationDayId = (gridId: string, day: string): string => `${gridId}_${day.replace(/-/g, '')}`

// ---- care persons (issue 12 item 6) ----

/** carePersons: one per person. */
export const carePersonId = (personId: string): string => personId

/** careChecks: one helper's daily check of one care person on one Beijing day (a second check that day updates it). */
export const careCheckId = (carePersonId: string, helperId: string, day: string): string =>
  `${carePersonId}_${helperId}_${day}`

/** careAlerts: the one alert of a care person's missed day. */
export const careAlertId = (carePersonId: string, day: string): string => `${carePersonId}_${day}`

/** audit: the entry of a mark (or team change) of a care person, written in its transaction (a retry re-stamps it). */
export const careActId = (carePersonId: string, kind: 'mark' | 'team', at: Date): string =>
  `care_${kind}_${carePersonId}_${at.getTime().toString(36)}`

// ---- dashboard period figures (issue 13 item 3) ----

/** unitStats: one unit's figures of one period (`m2026-12`, `w2026-W49`, `open`). */
export const unitStatsId = (unitId: string, period: string): string => `${unitId}_${period}`

/** statMarks: a household or person counted once in a period's distinct figure (reached, activeVolunteers). */
export const statMarkId = (period: string, figure: string, key: string): string => `${period}_${figure}_${key}`

// ---- council (三长议事, issue 13): proposals; meetings and votes: H6 ----

/** proposals: one per proposer and tap (a double tap or retried propose files once). */
export const proposalId = (proposerId: string, tapId: string): string => `prop_${proposerId}_${tapId}`

/** proposalSupports: one per person and proposal (a second support or a racing twin collides). */
export const proposalSupportId = (proposalId: string, personId: string): string => `${proposalId}__${personId}`

/** councilSettings: a grid's. */
export const councilSettingsId = (gridId: string): string => gridId

// ---- council (三长议事, issue 13): meetings and votes (H6) ----

/** councilMeetings: one per scheduler and tap (a double tap or retried schedule writes one meeting). */
export const meetingId = (schedulerId: string, tapId: string): string => `mtg_${schedulerId}_${tapId}`

/** councilItems: a meeting's n-th agenda item (the agenda is fixed when the meeting is scheduled). */
export const meetingItemId = (meetingId: string, index: number): string => `${meetingId}_i${index}`

/** councilVotes: one per member and agenda item — a change of mind rewrites it, a racing twin collides. */
export const councilVoteId = (itemId: string, personId: string): string => `${itemId}_${personId}`

/** notices: a passed decision's notice to the grid, once whatever the retries. */
export const decisionNoticeId = (itemId: string): string => `n_council_${itemId}_decision`

/** requests: the work a passed decision needs, as one request of the grid, once. */
export const decisionRequestId = (itemId: string): string => `${itemId}_task`

/** unitStats: one shard (core/notices/reach.ts shardOf the household) of a unit's households reached in a period —
 * a 收到 burst across a street collides only 1 in 16, as reachCounters do. */
export const unitStatsShardId = (unitId: string, period: string, shard: number): string =>
  `${unitId}_${period}_s${shard}`

// ---- 周例会 / 月通报 (reports, issue 13 item 5) ----

/** reports: one per unit and period (`w2026-W49`, `m2026-12`): generating again rewrites it. */
export const reportId = (unitId: string, period: string): string => `rpt_${unitId}_${period}`

/** notices: a report published to its unit, once whatever the taps. */
export const reportNoticeId = (reportId: string): string => `n_report_${reportId}`

/** reportRuns: the timer's walk of one period. */
export const reportRunId = (period: string): string => `run_${period}`
