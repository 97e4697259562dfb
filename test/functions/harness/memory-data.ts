/**
 * The data layer over plain arrays, for the router's tests: they make the database fail on purpose and count how
 * often the layer is asked for. Only `units` and `people` are read there (the caller, its units, the grid handlers'
 * reads, and `unitCounters` over what countersFor makes of the arrays); every other repository, every write and transactions throw, so a test that starts to need them says so.
 */
import { countersFor } from '../../../core/grid/counters'
import type { PersonDoc, UnitCounterDoc } from '../../../core/model'
import { isWithin, type Unit } from '../../../core/units'
import type { Data } from '../../../server/data'
import type { Emergencies } from '../../../server/data/emergencies'
import type { People } from '../../../server/data/people'
import type { UnitCounters } from '../../../server/data/unit-counters'
import type { Units } from '../../../server/data/units'

const unused = (name: string): never => {
  throw new Error(`data.${name} is not used by this test`)
}

/** A repository of the methods given; any other method throws, naming itself. */
const only = <T extends object>(repository: string, methods: Partial<T> = {}): T =>
  new Proxy(methods as T, {
    get: (target, method) =>
      method in target ? target[method as keyof T] : () => unused(`${repository}.${String(method)}`),
  })

export function memoryData(units: readonly Unit[], people: readonly PersonDoc[]): Data {
  const byId = new Map(units.map((u) => [u._id, u]))
  const live = (u: Unit) => !u.retired
  const households = (path: string) => units.filter((u) => u.level === 'household' && isWithin(u.path, path))
  const residents = (path: string) => people.filter((p) => p.homePath !== undefined && isWithin(p.homePath, path))

  const unitReads = only<Units>('units', {
    get: async (id) => byId.get(id) ?? null,
    byIds: async (ids) => [...new Set(ids)].flatMap((id) => byId.get(id) ?? []),
    childrenOf: async (parentId) => units.filter((u) => u.parentId === parentId && u.level !== 'household' && live(u)),
    under: async (path, withHouseholds) =>
      units.filter((u) => isWithin(u.path, path) && (withHouseholds || u.level !== 'household')),
    householdsUnder: async (path) => households(path).filter(live),
    householdsOf: async (microgridId) => units.filter((u) => u.level === 'household' && u.parentId === microgridId),
    buildingsUnder: async (path) => units.filter((u) => u.level === 'microgrid' && isWithin(u.path, path) && live(u)),
    countHouseholdsUnder: async (path) => households(path).length,
  })
  const personReads = only<People>('people', {
    byOpenid: async (openid) => people.find((p) => p.openid === openid) ?? null,
    byIds: async (ids) => people.filter((p) => ids.includes(p._id)),
    inHousehold: async (householdId) => people.filter((p) => p.householdId === householdId),
    inHouseholds: async (ids) => people.filter((p) => p.householdId && ids.includes(p.householdId) && !p.deletedAt),
    residentsUnder: async (path) => residents(path),
    homesUnder: async (path) => residents(path).map((p) => p.homePath as string),
    countResidentsUnder: async (path) => residents(path).length,
    holdingRolesOver: async (ids) => people.filter((p) => p.roles.some((g) => ids.includes(g.unitId))),
  })

  const counters = new Map<string, UnitCounterDoc>(
    [...countersFor(units, people, [])].map(([id, c]) => [id, { _id: id, ...c, updatedAt: new Date(0) }]),
  )
  const counterReads = only<UnitCounters>('unitCounters', {
    byIds: async (ids) => [...new Set(ids)].flatMap((id) => counters.get(id) ?? []),
  })

  return {
    units: unitReads,
    people: personReads,
    invites: only('invites'),
    claims: only('claims'),
    groups: only('groups'),
    audit: only('audit'),
    notices: only('notices'),
    acks: only('acks'),
    receipts: only('receipts'),
    reachCounters: only('reachCounters'),
    relays: only('relays'),
    uploads: only('uploads'),
    deliveries: only('deliveries'),
    subscriptions: only('subscriptions'),
    reminders: only('reminders'),
    unitCounters: counterReads,
    accounts: only('accounts'),
    transfers: only('transfers'),
    services: only('services'),
    vouchers: only('vouchers'),
    activities: only('activities'),
    signups: only('signups'),
    volunteers: only('volunteers'),
    teams: only('teams'),
    requests: only('requests'),
    requestEvents: only('requestEvents'),
    requestFollowers: only('requestFollowers'),
    requestCounters: only('requestCounters'),
    requestSettings: only('requestSettings'),
    patrols: only('patrols'),
    patrolDays: only('patrolDays'),
    pointsSettings: only('pointsSettings'),
    teamMembers: only('teamMembers'),
    activityMessages: only('activityMessages'),
    testingRounds: only('testingRounds'),
    testingSlots: only('testingSlots'),
    // 我的's links (grid.me / grid.home): nothing held in emergency mode, care or isolation here
    testingBookings: only<Data['testingBookings']>('testingBookings', { ofHousehold: async () => [] }),
    testingCounters: only('testingCounters'),
    messageJobs: only('messageJobs'),
    checkpoints: only('checkpoints'),
    shifts: only('shifts'),
    shiftSignups: only('shiftSignups'),
    dutyPeople: only<Data['dutyPeople']>('dutyPeople', { get: async () => null }),
    dutySettings: only('dutySettings'),
    carePersons: only<Data['carePersons']>('carePersons', { ofHelper: async () => [] }),
    careChecks: only('careChecks'),
    careAlerts: only('careAlerts'),
    // 首页 asks for the emergencies over the caller's place (grid.home): none here
    emergencies: only<Emergencies>('emergencies', { openOver: async () => [] }),
    emergencyLocks: only('emergencyLocks'),
    reserveMembers: only<Data['reserveMembers']>('reserveMembers', { get: async () => null }),
    callUps: only('callUps'),
    callUpAnswers: only('callUpAnswers'),
    wartimeGrids: only('wartimeGrids'),
    wartimeBuildingLocks: only('wartimeBuildingLocks'),
    isolations: only<Data['isolations']>('isolations', { ofHousehold: async () => [] }),
    isolationHomes: only('isolationHomes'),
    isolationTasks: only('isolationTasks'),
    isolationDays: only('isolationDays'),
    unitStats: only('unitStats'),
    statMarks: only('statMarks'),
    repairCursors: only('repairCursors'),
    // council (三长议事): proposals; meetings and votes: H6 below
    proposals: only('proposals'),
    proposalSupports: only('proposalSupports'),
    councilSettings: only('councilSettings'),
    // meetings and votes: H6
    councilMeetings: only('councilMeetings'),
    councilItems: only('councilItems'),
    councilVotes: only('councilVotes'),
    // 周例会 / 月通报 (reports)
    reports: only('reports'),
    reportRuns: only('reportRuns'),
    transaction: async () => unused('transaction'),
  }
}
