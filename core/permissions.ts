/**
 * Which role may call which action, over which scope. Every function checks this table on the server
 * before its handler runs; the client only uses it to hide buttons. A test calls every action as every role.
 */
import type { ActionKey } from './contract'
import { LEADER_ROLES, ROLES, type Role, type RoleGrant } from './roles'
import { isWithin } from './units'

/** Who may call an action, and over what. */
export type Grantees =
  /** Anyone with a WeChat identity, joined or not (who am I, open an invite, claim a room). */
  | { who: 'anyone' }
  /** Anyone with a person record (their own data). */
  | { who: 'registered' }
  /** These roles, held over the action's target unit or one of its ancestors. */
  | { who: readonly Role[]; target: 'unit' }
  /** These roles, held anywhere (nothing scoped is touched). */
  | { who: readonly Role[]; target: 'none' }

export type Permission = Grantees & {
  /** The handler reads the group chat the app was opened from (ctx.group): the client sends it with these calls. */
  readsGroup?: true
}

/** Who keeps the tree and the rosters. */
export const STAFF_ROLES: readonly Role[] = ['communityStaff', 'streetStaff']
/** Who decides on a claim to a household: 楼栋长 or 网格长 (or the community). */
export const CLAIM_DECIDERS: readonly Role[] = ['buildingHead', 'gridChief', 'communityStaff']
/** Who may invite residents: the three heads and the community. */
export const INVITERS: readonly Role[] = ['buildingHead', 'partyLeader', 'gridChief', 'communityStaff']
/** Who publishes notices and reminds the unreached: 楼栋长, 网格长, the community and the street. */
export const PUBLISHERS: readonly Role[] = ['buildingHead', 'gridChief', 'communityStaff', 'streetStaff']
/** Who binds and unbinds a grid's group chat. */
export const GROUP_KEEPERS: readonly Role[] = ['gridChief', 'communityStaff']
/** Who posts volunteer activities and keeps their attendance (a team's leader too, for the team: the handler checks). */
export const ORGANISERS: readonly Role[] = ['partyLeader', 'gridChief', 'communityStaff']

/** Who may grant or deduct a resident's points (within their role's monthly limits, core/points/adjustments.ts). */
export const ADJUSTERS: readonly Role[] = ['partyLeader', 'gridChief', 'communityStaff', 'streetStaff']
/** Who offers services for points and verifies their vouchers: merchants (as their shop), community staff (as the
 * community). */
export const PROVIDERS: readonly Role[] = ['merchant', 'communityStaff']

/** Who reads a requests inbox and the three rates: the leaders, and a street's departments (department grants are
 * held over the street; the handler checks the departmentId asked for is the caller's). */
export const REQUEST_HANDLERS: readonly Role[] = [...LEADER_ROLES, 'department']
/** Who reads the three rates: the handlers but a building head, whose building keeps no rates (they are counted
 * per grid, community, street and department). */
export const RATE_READERS: readonly Role[] = REQUEST_HANDLERS.filter((r) => r !== 'buildingHead')
/** Who logs a grid's patrol (巡查台账): the grid chief and the grid's party leader, or the community over it. */
export const PATROLLERS: readonly Role[] = ['gridChief', 'partyLeader', 'communityStaff']
/** Who sets up a testing round (错时采样) and runs its assignment: the grid's chief and party leader over their grid,
 * community and street staff over theirs. */
export const TESTING_KEEPERS: readonly Role[] = ['partyLeader', 'gridChief', 'communityStaff', 'streetStaff']

/** Who sets up checkpoints and their shifts, assigns people, shows the check-in code and confirms hours (卡口值守):
 * the grid's chief and party leader over their grid, community and street staff over theirs. */
export const DUTY_KEEPERS: readonly Role[] = ['partyLeader', 'gridChief', 'communityStaff', 'streetStaff']

/** Who marks care persons and names their care team (关爱对象, 四包一): community and street staff over them. */
export const CARE_KEEPERS: readonly Role[] = STAFF_ROLES
/** Who reads the care persons of a unit (关爱对象 list) and sees care flags by role: grid chiefs over their grid,
 * community and street staff over theirs (core/care/visibility.ts; not building heads, not party leaders). */
export const CARE_LEADERS: readonly Role[] = ['gridChief', 'communityStaff', 'streetStaff']

/** Who marks a household home-isolated and ends it (居家隔离户): grid chiefs over their grid, community and street
 * staff over theirs. */
export const ISOLATION_KEEPERS: readonly Role[] = ['gridChief', 'communityStaff', 'streetStaff']
/** Who reads a grid's isolation figures and overdue tasks: the keepers and the grid's party leader. */
export const ISOLATION_LEADERS: readonly Role[] = ['partyLeader', ...ISOLATION_KEEPERS]

/** Who draws, renames, re-leads and retires a grid's 战时网格 and reads its leader candidates: the grid's chief over
 * their grid, community and street staff over theirs. */
export const MICROGRID_KEEPERS: readonly Role[] = ['gridChief', 'communityStaff', 'streetStaff']

/** Who keeps a grid's council (三长议事): its grid chief, and community staff over the grid (the threshold of
 * proposals; meetings and votes: H6). */
export const COUNCIL_CHIEFS: readonly Role[] = ['gridChief', 'communityStaff']

/** Who reads a unit's dashboard (数据看板): a grid chief their grid, community and street staff theirs (the handler
 * takes only streets, communities and grids). */
export const DASHBOARD_READERS: readonly Role[] = ['gridChief', 'communityStaff', 'streetStaff']

/** Who generates, reads, exports and publishes 周例会 / 月通报: community staff their community's, street staff their
 * street's and its communities' (the handler takes only communities and streets; grid chiefs get the published
 * notice). */
export const REPORT_KEEPERS: readonly Role[] = STAFF_ROLES

export const PERMISSIONS: Record<ActionKey, Permission> = {
  'grid.me': { who: 'anyone', readsGroup: true },
  'grid.home': { who: 'anyone', readsGroup: true },
  'grid.overview': { who: LEADER_ROLES, target: 'unit' },
  'grid.households': { who: LEADER_ROLES, target: 'unit' },
  'grid.neighbours': { who: ['resident'], target: 'none' },

  'org.tree': { who: LEADER_ROLES, target: 'unit' },
  'org.createUnit': { who: STAFF_ROLES, target: 'unit' },
  'org.renameUnit': { who: STAFF_ROLES, target: 'unit' },
  'org.moveUnit': { who: STAFF_ROLES, target: 'unit' },
  'org.retireUnit': { who: STAFF_ROLES, target: 'unit' },
  'org.rosterTemplate': { who: STAFF_ROLES, target: 'none' },
  'org.exportRoster': { who: STAFF_ROLES, target: 'unit' },
  'org.importRoster': { who: STAFF_ROLES, target: 'unit' },
  // a fresh environment's first staff: the secret in the function's environment is the authority, once
  'org.bootstrap': { who: 'anyone' },

  'join.createInvite': { who: INVITERS, target: 'unit' },
  'join.poster': { who: INVITERS, target: 'unit' },
  'join.createBindCard': { who: GROUP_KEEPERS, target: 'unit' },
  'join.openInvite': { who: 'anyone', readsGroup: true },
  'join.claimHousehold': { who: 'anyone', readsGroup: true },
  'join.myClaims': { who: 'anyone' },
  'join.pendingClaims': { who: CLAIM_DECIDERS, target: 'unit' },
  'join.decideClaim': { who: CLAIM_DECIDERS, target: 'unit' },
  'join.leaveHousehold': { who: ['resident'], target: 'none' },
  // the binding card's token is the authority: whoever first opens it from the group binds that group
  'join.bindGroup': { who: 'anyone', readsGroup: true },
  'join.unbindGroup': { who: GROUP_KEEPERS, target: 'unit' },
  'join.gridGroups': { who: LEADER_ROLES, target: 'unit' },

  'privacy.exportMyData': { who: 'registered' },
  'privacy.requestDeletion': { who: 'registered' },
  'privacy.auditLog': { who: STAFF_ROLES, target: 'unit' },

  // the target of publish is its first unit; the handler checks that every unit is in the caller's scope
  'notices.publish': { who: PUBLISHERS, target: 'unit' },
  'notices.feed': { who: ['resident'], target: 'none' },
  'notices.unreadCount': { who: ['resident'], target: 'none' },
  // residents of the notice's scope and leaders over it; the handler checks which
  'notices.detail': { who: 'registered' },
  'notices.ack': { who: ['resident'], target: 'none' },
  'notices.relay': { who: ['gridChief'], target: 'unit' },
  'notices.relayInbox': { who: ['gridChief'], target: 'none' },
  'notices.published': { who: PUBLISHERS, target: 'none' },
  'notices.reach': { who: LEADER_ROLES, target: 'unit' },
  'notices.unreached': { who: LEADER_ROLES, target: 'unit' },
  'notices.visit': { who: LEADER_ROLES, target: 'unit' },
  'notices.remind': { who: PUBLISHERS, target: 'unit' },
  // any registered person; the handler asks a home for the templates sent by home (core/notices/templates.ts)
  'notices.subscribe': { who: 'registered' },

  // a request's photos are uploaded by every role (core/uploads.ts UPLOADERS); server/uploads.ts checks each purpose's
  'files.reserve': { who: ROLES, target: 'none' },
  'files.uploaded': { who: ROLES, target: 'none' },

  'points.home': { who: 'registered' },
  'points.activities': { who: 'registered' },
  // residents of the audience, its organisers and leaders over it; the handler checks which
  'points.activity': { who: 'registered' },
  // ORGANISERS over the audience unit, or the leader of the audience team: the handler checks (a team leader holds no role)
  'points.postActivity': { who: 'registered' },
  'points.signUp': { who: ['resident'], target: 'none' },
  // one's own sign-up; the handler checks
  'points.cancelSignUp': { who: 'registered' },
  // the activity's organisers (its poster, ORGANISERS over its unit, its team's leaders); the handler checks
  'points.checkCode': { who: 'registered' },
  'points.checkIn': { who: ['resident'], target: 'none' },
  'points.checkOut': { who: ['resident'], target: 'none' },
  'points.attendance': { who: 'registered' },
  'points.markAttendance': { who: 'registered' },
  'points.adjustAttendance': { who: 'registered' },
  'points.confirmAttendance': { who: 'registered' },
  'points.teams': { who: 'registered' },
  'points.team': { who: 'registered' },
  'points.createTeam': { who: ['gridChief', 'communityStaff'], target: 'unit' },
  'points.joinTeam': { who: ['resident'], target: 'none' },
  'points.leaveTeam': { who: 'registered' },
  'points.leaderboard': { who: ['resident'], target: 'none' },
  'points.setLeaderboardVisibility': { who: ['resident'], target: 'none' },
  'points.record': { who: 'registered' },
  // the target is the activity's or team's unit, or the community of the period
  'points.exportHours': { who: STAFF_ROLES, target: 'unit' },
  // the wallet: one's own balance, vouchers and the services open to one
  'points.wallet': { who: 'registered' },
  // the target is the resident's household: a leader over it, within the role's monthly limits (handler)
  'points.adjustPoints': { who: ADJUSTERS, target: 'unit' },
  'points.services': { who: 'registered' },
  'points.service': { who: 'registered' },
  // the target is the community it is offered in
  'points.postService': { who: PROVIDERS, target: 'unit' },
  // the target is the service's community; only its provider may change it (handler)
  'points.updateService': { who: PROVIDERS, target: 'unit' },
  'points.redeem': { who: ['resident'], target: 'none' },
  'points.vouchers': { who: 'registered' },
  // one's own voucher; the handler checks
  'points.voucher': { who: 'registered' },
  'points.cancelVoucher': { who: 'registered' },
  // the provider's own vouchers only (the merchant's shop, the staff's community): the handler looks them up so
  'points.verifyVoucher': { who: PROVIDERS, target: 'none' },
  'points.statement': { who: PROVIDERS, target: 'none' },
  // a community's volunteering rules: its leaders read them (over the community or a unit under it), staff change them
  'points.rules': { who: ADJUSTERS, target: 'unit' },
  'points.updateRules': { who: STAFF_ROLES, target: 'unit' },

  // requests (诉求). Residents are scoped by their household, not by the grid a request sits in, so most actions are
  // 'registered' and the handler checks through core: reading (settings, similar, detail) needs a home in the
  // grid or a leader over it; report needs the place to be one's own household, building or grid (or in one's
  // scope); act is decided by core/requests/machine.ts alone (owners of the current level, the reporter, a follower,
  // the errand's taker), so no table row could say who may make a move.
  'requests.settings': { who: 'registered' },
  // the target is the community (categories, limits) or the street (departments, holidays); the handler checks which
  'requests.updateSettings': { who: STAFF_ROLES, target: 'unit' },
  'requests.similar': { who: 'registered' },
  'requests.report': { who: 'registered' },
  'requests.follow': { who: ['resident'], target: 'none' },
  'requests.mine': { who: 'registered' },
  'requests.detail': { who: 'registered' },
  'requests.act': { who: 'registered' },
  // the target is the leader's unit (a department: its street, and the handler checks its departmentId)
  'requests.inbox': { who: REQUEST_HANDLERS, target: 'unit' },
  'requests.rates': { who: RATE_READERS, target: 'unit' },
  // the target is the grid patrolled
  'requests.logPatrol': { who: PATROLLERS, target: 'unit' },
  // the target is a grid (its log) or a community (its grids patrolled on the day)
  'requests.patrols': { who: LEADER_ROLES, target: 'unit' },
  // one's own acceptance of the request message (a department's or the street's staff need not live in the area)
  'requests.subscribe': { who: 'registered' },

  // testing rounds (错时采样). The target is the round's scope (a community or grid), or the unit a leader reads
  // within it; a site's worker is anyone staff named for it, so their actions are 'registered' and the handler
  // checks the caller is a worker of that site.
  'testing.createRound': { who: TESTING_KEEPERS, target: 'unit' },
  'testing.planSlots': { who: TESTING_KEEPERS, target: 'unit' },
  'testing.assign': { who: TESTING_KEEPERS, target: 'unit' },
  'testing.rounds': { who: LEADER_ROLES, target: 'unit' },
  'testing.round': { who: LEADER_ROLES, target: 'unit' },
  'testing.coverage': { who: LEADER_ROLES, target: 'unit' },
  'testing.notDone': { who: LEADER_ROLES, target: 'unit' },
  'testing.mySlot': { who: ['resident'], target: 'none' },
  'testing.book': { who: ['resident'], target: 'none' },
  'testing.mySites': { who: 'registered' },
  'testing.site': { who: 'registered' },
  'testing.call': { who: 'registered' },
  'testing.markDone': { who: 'registered' },
  // emergency mode (issue 12, E1). The switch: staff over the scope unit (for updateInstructions and end, the
  // emergency's own scope); current and detail: members of the scope and leaders over it (the handler checks)
  'emergency.declare': { who: STAFF_ROLES, target: 'unit' },
  'emergency.updateInstructions': { who: STAFF_ROLES, target: 'unit' },
  'emergency.end': { who: STAFF_ROLES, target: 'unit' },
  'emergency.current': { who: 'registered' },
  'emergency.detail': { who: 'registered' },
  'emergency.list': { who: LEADER_ROLES, target: 'unit' },
  // the reserve force: anyone with a person record registers themself (staff over a person register them: the
  // handler checks); staff list and call up their scope's; answer: one called up by the call-up (the handler checks)
  'emergency.register': { who: 'registered' },
  'emergency.mine': { who: 'registered' },
  'emergency.reserve': { who: STAFF_ROLES, target: 'unit' },
  // the target is the unit called up, which the handler checks lies in the emergency's scope
  'emergency.callUp': { who: STAFF_ROLES, target: 'unit' },
  'emergency.callUps': { who: STAFF_ROLES, target: 'unit' },
  // the target is the call-up's unit
  'emergency.callUpDetail': { who: STAFF_ROLES, target: 'unit' },
  'emergency.answer': { who: 'registered' },
  'emergency.assign': { who: STAFF_ROLES, target: 'unit' },
  // 战时网格: the target is the grid (for a micro-grid's own actions, its grid); one micro-grid: leaders over its grid
  // and its temporary leader, mine: the ones I lead (the handler checks)
  'emergency.microGrids': { who: [...MICROGRID_KEEPERS, 'partyLeader'], target: 'unit' },
  'emergency.microGrid': { who: 'registered' },
  'emergency.createMicroGrid': { who: MICROGRID_KEEPERS, target: 'unit' },
  'emergency.renameMicroGrid': { who: MICROGRID_KEEPERS, target: 'unit' },
  'emergency.changeMicroGridLeader': { who: MICROGRID_KEEPERS, target: 'unit' },
  'emergency.retireMicroGrid': { who: MICROGRID_KEEPERS, target: 'unit' },
  'emergency.myMicroGrids': { who: 'registered' },
  'emergency.microGridCandidates': { who: MICROGRID_KEEPERS, target: 'unit' },
  // checkpoints and duty shifts (卡口值守, issue 12, E2). The target of a keeper's action is the checkpoint's unit
  // (looked up from the checkpoint or shift). Residents are scoped by their home: checkpoints, roster, signUp, shift,
  // checkIn/checkOut and handover are 'registered' and the handler checks the caller lives in the checkpoint's
  // community, holds the seat, or leads over it.
  'duty.createCheckpoint': { who: DUTY_KEEPERS, target: 'unit' },
  'duty.checkpoints': { who: 'registered' },
  'duty.addShifts': { who: DUTY_KEEPERS, target: 'unit' },
  'duty.roster': { who: 'registered' },
  'duty.signUp': { who: 'registered' },
  'duty.assign': { who: DUTY_KEEPERS, target: 'unit' },
  // 安排值守's picker: the target is the shift's checkpoint's unit (phones in full only where the caller leads)
  'duty.findPeople': { who: DUTY_KEEPERS, target: 'unit' },
  // one's own seat, or a keeper over the checkpoint: the handler checks
  'duty.cancel': { who: 'registered' },
  'duty.myShifts': { who: 'registered' },
  'duty.shift': { who: 'registered' },
  'duty.checkCode': { who: DUTY_KEEPERS, target: 'unit' },
  'duty.checkIn': { who: 'registered' },
  'duty.checkOut': { who: 'registered' },
  'duty.handover': { who: 'registered' },
  'duty.warnings': { who: DUTY_KEEPERS, target: 'unit' },
  'duty.confirmShift': { who: DUTY_KEEPERS, target: 'unit' },
  'duty.updateSettings': { who: STAFF_ROLES, target: 'unit' },
  // care persons (关爱对象, 四包一, issue 12 item 6). mark and team: the target is the person's household; detail,
  // check and mine are 'registered' because a helper holds no role: the handler checks the caller is on the care
  // team, a grid chief over the person's grid or staff over them (core/care/visibility.ts)
  'care.mark': { who: CARE_KEEPERS, target: 'unit' },
  'care.team': { who: CARE_KEEPERS, target: 'unit' },
  'care.findPeople': { who: CARE_KEEPERS, target: 'unit' },
  'care.list': { who: CARE_LEADERS, target: 'unit' },
  'care.detail': { who: 'registered' },
  'care.check': { who: 'registered' },
  'care.mine': { who: 'registered' },
  'dashboard.overview': { who: DASHBOARD_READERS, target: 'unit' },
  // 日调度 (H1): the same readers over the same units (the handler takes only streets, communities and grids)
  'dashboard.dispatch': { who: DASHBOARD_READERS, target: 'unit' },
  // home-isolated households (居家隔离户, issue 12 item 7). mark: the target is the household; end: the isolation's
  // household; households, figures and overdue: the unit read. A volunteer holds no role for it, so tasks, claim,
  // release and done are 'registered' and the handler checks the caller serves the task's grid (a volunteer living
  // in its community, or a building head, party leader or grid chief of it, core/isolation/serve.ts); mine and
  // received: a resident of the household
  'isolation.mark': { who: ISOLATION_KEEPERS, target: 'unit' },
  'isolation.end': { who: ISOLATION_KEEPERS, target: 'unit' },
  'isolation.homes': { who: ISOLATION_KEEPERS, target: 'unit' },
  'isolation.households': { who: ISOLATION_KEEPERS, target: 'unit' },
  'isolation.figures': { who: ISOLATION_LEADERS, target: 'unit' },
  'isolation.overdue': { who: ISOLATION_LEADERS, target: 'unit' },
  'isolation.tasks': { who: 'registered' },
  'isolation.claim': { who: 'registered' },
  'isolation.release': { who: 'registered' },
  'isolation.done': { who: 'registered' },
  'isolation.mine': { who: ['resident'], target: 'none' },
  'isolation.received': { who: ['resident'], target: 'none' },
  // council (三长议事, issue 13): proposals (议题). A member of a grid is a resident living there or a head of it (a
  // building head's grant is over a building of it), so these are 'registered' and the handler checks membership and
  // headship (core/council/members.ts); updateSettings: the target is the grid
  'council.similar': { who: 'registered' },
  'council.propose': { who: 'registered' },
  'council.support': { who: 'registered' },
  'council.withdrawSupport': { who: 'registered' },
  'council.toAgenda': { who: 'registered' },
  'council.decline': { who: 'registered' },
  'council.proposals': { who: 'registered' },
  'council.proposal': { who: 'registered' },
  'council.updateSettings': { who: COUNCIL_CHIEFS, target: 'unit' },
  // council: meetings and votes: H6 (append below this line)
  // the chair's actions (schedule, candidates, open, record, close, minutes): the target is the meeting's grid, and
  // the handler checks the grid chief's grant is over that grid itself; meetings and meeting: the grid's members,
  // staff over it and the meeting's invited (the handler checks); vote: a member of the meeting (the handler checks)
  'council.scheduleMeeting': { who: COUNCIL_CHIEFS, target: 'unit' },
  'council.meetingCandidates': { who: COUNCIL_CHIEFS, target: 'unit' },
  'council.meetings': { who: 'registered' },
  'council.meeting': { who: 'registered' },
  'council.openMeeting': { who: COUNCIL_CHIEFS, target: 'unit' },
  'council.vote': { who: 'registered' },
  'council.recordVotes': { who: COUNCIL_CHIEFS, target: 'unit' },
  'council.closeItem': { who: COUNCIL_CHIEFS, target: 'unit' },
  'council.saveMinutes': { who: COUNCIL_CHIEFS, target: 'unit' },
  'council.closeMeeting': { who: COUNCIL_CHIEFS, target: 'unit' },
  // 周例会 / 月通报 (issue 13 item 5): the target is the unit (generate, list) or the report's unit (get, export,
  // publish; a report that does not exist is NOT_FOUND)
  'reports.generate': { who: REPORT_KEEPERS, target: 'unit' },
  'reports.list': { who: REPORT_KEEPERS, target: 'unit' },
  'reports.get': { who: REPORT_KEEPERS, target: 'unit' },
  'reports.export': { who: REPORT_KEEPERS, target: 'unit' },
  'reports.publish': { who: REPORT_KEEPERS, target: 'unit' },
}

/** A grant together with the path of the unit it is held over. */
export interface ScopedGrant extends RoleGrant {
  path: string
}

/** Whether the caller's grants satisfy a role-based permission (for 'unit', over the unit at `targetPath`). */
export function allows(permission: Permission, grants: readonly ScopedGrant[], targetPath?: string): boolean {
  if (permission.who === 'anyone' || permission.who === 'registered') return true
  const roles = permission.who
  if (permission.target === 'none') return grants.some((g) => roles.includes(g.role))
  return grants.some((g) => roles.includes(g.role) && targetPath !== undefined && isWithin(targetPath, g.path))
}

/**
 * Whether someone holding `roles` could ever be let through `action`, wherever the target: what the client asks
 * before making a call, so that no screen makes one the caller's roles can never pass (a merchant asking for the
 * unread count of a feed only residents have). `registered`: the caller has a person record.
 */
export function mayEverCall(action: ActionKey, roles: readonly Role[], registered: boolean): boolean {
  const permission = PERMISSIONS[action]
  if (permission.who === 'anyone') return true
  if (!registered) return false
  if (permission.who === 'registered') return true
  const who = permission.who
  return roles.some((r) => who.includes(r))
}

/** The actions whose handlers read the group chat the app was opened from, read off the table. */
export const GROUP_READERS: ReadonlySet<ActionKey> = new Set(
  (Object.keys(PERMISSIONS) as ActionKey[]).filter((action) => PERMISSIONS[action].readsGroup),
)

/** Whether one role may call `action` somewhere (its scope is checked by the server): which leader views to show. */
export const roleMay = (action: ActionKey, role: Role): boolean => mayEverCall(action, [role], true)
