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

// ---- checkpoints and duty shifts (issue 12) ----

/** checkpoints: named by its creator and the moment (ms) it was made; a client-free id that never repeats. */
export const checkpointId = (personId: string, at: Date): string => `cp_${personId}_${at.getTime().toString(36)}`

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
