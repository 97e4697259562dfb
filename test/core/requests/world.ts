/**
 * A small world for the request rules: one street with a community, a grid of two buildings and a second grid and
 * community outside, the people who hold each role there, and requests walked into every state through the machine.
 */
import type { RequestCategory } from '../../../core/contract/requests'
import type { RequestDoc, RequestEventDoc } from '../../../core/model'
import type { ScopedGrant } from '../../../core/permissions'
import { decide, openRequest, SYSTEM_ACTOR, type Actor, type MoveRequest } from '../../../core/requests/machine'
import { DEFAULT_SETTINGS } from '../../../core/requests/settings'

export const settings = DEFAULT_SETTINGS

export const P = {
  street: '/s/',
  community: '/s/c/',
  grid: '/s/c/g/',
  building: '/s/c/g/b/',
  household: '/s/c/g/b/h/',
  building2: '/s/c/g/b2/',
  household2: '/s/c/g/b2/h2/',
  otherCommunity: '/s/c2/',
  otherGrid: '/s/c/g2/',
  otherHousehold: '/s/c/g2/b3/h3/',
} as const

const grant = (role: ScopedGrant['role'], path: string, departmentId?: string): ScopedGrant => ({
  role,
  unitId: path.split('/').filter(Boolean).pop() as string,
  path,
  ...(departmentId ? { departmentId } : {}),
})

const person = (personId: string, name: string, roles: ScopedGrant[], extra: Partial<Actor> = {}): Actor => ({
  personId,
  name,
  roles,
  isFollower: false,
  ...extra,
})

/** Everyone who might try a move. The reporter, follower and taker (a volunteer who takes the errands of the
 * scenarios) are residents of the grid. */
export const ACTORS = {
  reporter: person('p_reporter', '王秀英', [grant('resident', P.household)], {}),
  follower: person('p_follower', '李大爷', [grant('resident', P.household2)], { isFollower: true }),
  taker: person('p_taker', '赵志愿', [grant('resident', P.household2)], { volunteer: true }),
  /** a volunteer of the grid who takes no errand here */
  resident: person('p_resident', '孙邻居', [grant('resident', P.household2)], { volunteer: true }),
  /** a resident of the grid who is no volunteer */
  neighbour: person('p_neighbour', '周邻居', [grant('resident', P.household2)]),
  outsider: person('p_outsider', '钱外人', [grant('resident', P.otherHousehold)], { volunteer: true }),
  gridChief: person('p_chief', '张网格', [grant('gridChief', P.grid)]),
  partyLeader: person('p_party', '刘党员', [grant('partyLeader', P.grid)]),
  buildingHead: person('p_head', '陈楼长', [grant('buildingHead', P.building)]),
  otherBuildingHead: person('p_head2', '吴楼长', [grant('buildingHead', P.building2)]),
  otherGridChief: person('p_chief2', '郑网格', [grant('gridChief', P.otherGrid)]),
  communityStaff: person('p_staff', '许社区', [grant('communityStaff', P.community)]),
  otherCommunityStaff: person('p_staff2', '何社区', [grant('communityStaff', P.otherCommunity)]),
  streetStaff: person('p_street', '马街道', [grant('streetStaff', P.street)]),
  chengguan: person('p_cg', '城管队员', [grant('department', P.street, 'chengguan')]),
  huanwei: person('p_hw', '环卫队员', [grant('department', P.street, 'huanwei')]),
  merchant: person('p_shop', '商户', [grant('merchant', P.community)]),
  system: SYSTEM_ACTOR,
} satisfies Record<string, Actor>
export type ActorName = keyof typeof ACTORS
export const ACTOR_NAMES = Object.keys(ACTORS) as ActorName[]

export const T0 = new Date('2026-12-07T01:00:00Z') // Monday 09:00 in Beijing
export const minutes = (n: number) => new Date(+T0 + n * 60_000)

let serial = 0
/** A new request reported by the reporter at T0 (household place, in building b). */
export const reported = (...args: Parameters<typeof reportedWith>): RequestDoc => reportedWith(...args).request

/** A new request and its first event (反映). */
export function reportedWith(
  category: RequestCategory = 'repair',
  urgent = true,
  at: Date = T0,
  place: 'household' | 'spot' = 'household',
): { request: RequestDoc; event: RequestEventDoc } {
  const opened = openRequest(
    {
      id: `r${++serial}`,
      category,
      description: '楼道灯坏了',
      photos: [],
      place:
        place === 'household'
          ? { kind: 'household', unitId: 'h', label: '1栋1单元101' }
          : { kind: 'spot', unitId: 'g', label: '第1网格 · 路口' },
      path: place === 'household' ? P.household : P.grid,
      gridId: 'g',
      ...(place === 'household' ? { buildingId: 'b' } : {}),
      communityId: 'c',
      streetId: 's',
      anonymous: false,
      urgent,
      month: '2026-12',
    },
    { personId: ACTORS.reporter.personId, name: ACTORS.reporter.name, label: '居民 王秀英' },
    at,
    settings,
  )
  if (!opened.ok) throw new Error(opened.code)
  return { request: opened.request, event: opened.event }
}

/** Applies moves in order (each must be accepted), a minute apart. */
export function walk(r: RequestDoc, steps: [ActorName, MoveRequest][], from: Date = T0): RequestDoc {
  let at = +from
  for (const [who, move] of steps) {
    at += 60_000
    const d = decide(r, move, ACTORS[who], new Date(at), settings)
    if (!d.ok) throw new Error(`${who} ${move.move} on ${r.state}@${r.level}: ${d.code}`)
    r = d.next
  }
  return r
}

const NOTE = { note: '已处理' }
/** A request in each state and level the moves care about, reached through the machine. */
export function scenarios(): Record<string, RequestDoc> {
  const atGrid = () => reported()
  const accepted = () => walk(atGrid(), [['gridChief', { move: 'accept' }]])
  const atCommunity = () => walk(atGrid(), [['gridChief', { move: 'escalate' }]])
  const atStreet = () => walk(atCommunity(), [['communityStaff', { move: 'escalate' }]])
  const atDepartment = () => walk(atStreet(), [['streetStaff', { move: 'dispatch', departmentId: 'chengguan' }]])
  const doneAtGrid = () => walk(accepted(), [['gridChief', { move: 'complete', ...NOTE }]])
  const rated = () => walk(doneAtGrid(), [['reporter', { move: 'rate', rating: 'satisfied' }]])
  const errand = () => reported('errand', false)
  return {
    submittedGrid: atGrid(),
    processingGrid: accepted(),
    submittedCommunity: atCommunity(),
    processingCommunity: walk(atCommunity(), [['communityStaff', { move: 'accept' }]]),
    submittedStreet: atStreet(),
    processingStreet: walk(atStreet(), [['streetStaff', { move: 'accept' }]]),
    submittedDepartment: atDepartment(),
    processingDepartment: walk(atDepartment(), [['chengguan', { move: 'checkIn' }]]),
    doneGrid: doneAtGrid(),
    doneDepartment: walk(atDepartment(), [
      ['chengguan', { move: 'checkIn' }],
      ['chengguan', { move: 'complete', ...NOTE }],
    ]),
    rated: rated(),
    autoClosed: (() => {
      const r = doneAtGrid()
      const d = decide(r, { move: 'autoClose' }, SYSTEM_ACTOR, new Date(+T0 + 8 * 86_400_000), settings)
      if (!d.ok) throw new Error(d.code)
      return d.next
    })(),
    reinspectionPending: walk(rated(), [['gridChief', { move: 'scheduleReinspection' }]]),
    returned: walk(atGrid(), [['gridChief', { move: 'return', reason: '不属于本网格' }]]),
    withdrawn: walk(atGrid(), [['reporter', { move: 'withdraw' }]]),
    merged: (() => {
      const survivor = reported()
      const r = atGrid()
      const d = decide(r, { move: 'merge', into: survivor._id }, ACTORS.gridChief, minutes(1), settings, {
        survivor,
      })
      if (!d.ok) throw new Error(d.code)
      return d.next
    })(),
    errandSubmitted: errand(),
    errandTaken: walk(errand(), [['taker', { move: 'takeErrand' }]]),
  }
}
