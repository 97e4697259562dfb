/**
 * The demo's month of requests (诉求, issue 11), so every persona finds something to do: requests of 和平里社区
 * (and a few of 春晖社区) reported over the last thirty days, in every state and at every level — fresh ones
 * waiting at the grid, escalated ones at the community and the street, one whistled to 城管 waiting for its 报到 and
 * one 城管 is handling past its deadline, one waiting for 环卫 that missed its 报到, done ones waiting for a rating
 * (the resident persona's, an errand among them), rated ones, a reopened one, returned, merged, withdrawn and
 * auto-closed ones, 回头看 pending and passed, one of 第1网格 the timer sent up past its 办结 time, a fresh one at
 * 第2网格 for its chief — and patrols of the grids, two of them today.
 *
 * Nothing is written by hand: each request is opened by core/requests/machine.ts openRequest and moved by its
 * decide(), as the function does, and between its moves the timer's moves (autoEscalate, autoClose) are made
 * when their deadlines pass, as the sweep would have made them; so the stored request is the fold of its events
 * (rates.ts replay) and the counters are figures() summed per scope and cohort month, the recount that defines them.
 * Dates hang off seedDay() (Beijing midnight), so the demo is the same all day.
 */
import { findingRequestId, patrolDayId, patrolId, requestCounterId, requestFollowerId, requestId } from '../../core/ids'
import type {
  PatrolDayDoc,
  PatrolDoc,
  PersonDoc,
  RequestCounterDoc,
  RequestDoc,
  RequestEventDoc,
  RequestFollowerDoc,
} from '../../core/model'
import type { ScopedGrant } from '../../core/permissions'
import type { Persona } from '../../core/persona'
import { beijingMonth } from '../../core/points/months'
import type { RequestCategory } from '../../core/contract/requests'
import { nextDueAt } from '../../core/requests/deadlines'
import { decide, openRequest, SYSTEM_ACTOR, type Actor, type MoveRequest } from '../../core/requests/machine'
import { findingTapId, patrolDayOf } from '../../core/requests/patrol'
import { add, figures, scopeKeys, zeroFigures } from '../../core/requests/rates'
import { DEFAULT_SETTINGS, type RequestSettings } from '../../core/requests/settings'
import type { Rating, UserMove } from '../../core/requests/states'
import { ROLE_LABELS, type Role } from '../../core/roles'
import { ancestorAt, type Unit } from '../../core/units'
import { seedDay } from './points-wallet'
import { createRandom, type Random } from './random'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
/** The sweep fires every minute: a deadline passed is acted on within the minute after it. */
const SWEEP_LAG = MIN

export interface RequestsSeed {
  requests: RequestDoc[]
  requestEvents: RequestEventDoc[]
  requestFollowers: RequestFollowerDoc[]
  requestCounters: RequestCounterDoc[]
  patrols: PatrolDoc[]
  patrolDays: PatrolDayDoc[]
}

/** Who makes a step: the reporter, an owner of the request's grid, the community, the street, 城管, the taker. */
type Who = 'reporter' | 'chief' | 'party' | 'head' | 'staff' | 'street' | 'chengguan' | 'taker'

interface Step {
  /** hours after the report */
  at: number
  move: UserMove
  by: Who
  note?: string
  reason?: string
  departmentId?: string
  rating?: Rating
  comment?: string
  pass?: boolean
  /** merge: the key of the surviving story */
  into?: string
  /** scheduleReinspection: days after the step */
  reinspectIn?: number
}

interface Story {
  key: string
  gridId: string
  /** the reporter; default a signed-up resident of the grid who is no persona */
  reporter?: PersonDoc
  /** reported as this role (a patrol's finding: the grid chief), default a resident */
  reporterRole?: Role
  category: RequestCategory
  text: string
  place: 'household' | 'building' | 'spot'
  spot?: string
  /** reported this many days before today's Beijing midnight, at this Beijing hour */
  daysAgo: number
  hour: number
  urgent?: boolean
  anonymous?: boolean
  /** residents who pressed 我也遇到了 */
  followers?: PersonDoc[]
  /** the taker of an errand */
  taker?: PersonDoc
  /** a patrol's finding: the request id is the finding's (core/ids.ts findingRequestId) */
  id?: string
  steps: Step[]
}

const respond = (at: number, by: Who = 'chief', note = '已电话联系反映人，约好上门查看'): Step => ({
  at,
  move: 'respond',
  by,
  note,
})
const complete = (at: number, by: Who, note: string): Step => ({ at, move: 'complete', by, note })
const rate = (at: number, rating: Rating, comment?: string): Step => ({
  at,
  move: 'rate',
  by: 'reporter',
  rating,
  ...(comment ? { comment } : {}),
})
const escalate = (at: number, by: Who, note: string): Step => ({ at, move: 'escalate', by, note })
const accept = (at: number, by: Who, note?: string): Step => ({ at, move: 'accept', by, ...(note ? { note } : {}) })

export function seedRequests(
  input: { units: readonly Unit[]; people: readonly PersonDoc[]; personas: readonly Persona[] },
  anchor: Date = seedDay(),
): RequestsSeed {
  const { units, people, personas } = input
  const settings: RequestSettings = DEFAULT_SETTINGS
  const rnd = createRandom(0x5eed11)
  const byId = new Map(units.map((u) => [u._id, u]))
  const byOpenid = new Map(people.filter((p) => p.openid).map((p) => [p.openid as string, p]))
  const personaOf = (role: string, nth = 0): PersonDoc => {
    const p = byOpenid.get(personas.filter((x) => x.role === role)[nth]?.openid ?? '')
    if (!p) throw new Error(`the requests seed needs persona ${role}#${nth}`)
    return p
  }
  const holder = (role: Role, unitId: string, departmentId?: string): PersonDoc => {
    const p = people.find((x) =>
      x.roles.some((g) => g.role === role && g.unitId === unitId && (!departmentId || g.departmentId === departmentId)),
    )
    if (!p) throw new Error(`the requests seed needs a ${role} of ${unitId}`)
    return p
  }
  const unit = (id: string): Unit => {
    const u = byId.get(id)
    if (!u) throw new Error(`the requests seed needs unit ${id}`)
    return u
  }

  const resident = personaOf('resident', 0)
  const neighbour = personaOf('resident', 1)
  const housemate = personaOf('resident', 2)
  const streetStaff = personaOf('streetStaff')
  const chengguan = personaOf('department')
  const communityId = ancestorAt(resident.homePath as string, 'community') as string
  const grids = units.filter((u) => u.level === 'grid' && !u.retired).sort((a, b) => (a._id < b._id ? -1 : 1))
  const ownGrids = grids.filter((g) => g.parentId === communityId)
  const otherGrids = grids.filter((g) => g.parentId !== communityId)
  const [g1, g2, g3, g4] = ownGrids.map((g) => g._id)
  const staff = personaOf('communityStaff')
  const personaIds = new Set(personas.flatMap((p) => (byOpenid.get(p.openid) ? [byOpenid.get(p.openid)!._id] : [])))

  /** Signed-up residents of a grid who are no persona and hold no other role: the demo's ordinary reporters. */
  const residentsOf = (gridId: string): PersonDoc[] =>
    people.filter(
      (p) =>
        p.openid &&
        p.roles.length === 1 &&
        p.roles[0].role === 'resident' &&
        !personaIds.has(p._id) &&
        p.homePath &&
        ancestorAt(p.homePath, 'grid') === gridId,
    )
  const pool = new Map(grids.map((g) => [g._id, residentsOf(g._id)]))
  const used = new Set<string>()
  /** A different ordinary resident of the grid each time (until the grid runs out). */
  const someone = (gridId: string, r: Random = rnd): PersonDoc => {
    const all = pool.get(gridId) ?? []
    const free = all.filter((p) => !used.has(p._id))
    const p = r.pick(free.length ? free : all)
    if (!p) throw new Error(`grid ${gridId} has no signed-up resident`)
    used.add(p._id)
    return p
  }
  const volunteerOf = (gridId: string): PersonDoc => {
    const v = (pool.get(gridId) ?? []).find((p) => p.volunteer)
    if (!v) throw new Error(`grid ${gridId} has no volunteer`)
    return v
  }

  const grantsOf = (p: PersonDoc): ScopedGrant[] =>
    p.roles.flatMap((g) => {
      const u = byId.get(g.unitId)
      return u && !u.retired ? [{ ...g, path: u.path }] : []
    })

  const out: RequestsSeed = {
    requests: [],
    requestEvents: [],
    requestFollowers: [],
    requestCounters: [],
    patrols: [],
    patrolDays: [],
  }
  const docs = new Map<string, RequestDoc>()
  const followerRows = new Map<string, RequestFollowerDoc>()
  const at = (s: Story, hours: number): Date => new Date(+anchor - s.daysAgo * DAY + (s.hour + hours) * HOUR)

  /** The sweep's moves due before `until`, as the timer makes them (one level per deadline passed). */
  function sweep(r: RequestDoc, until: Date): RequestDoc {
    for (let guard = 0; guard < 20; guard++) {
      const due = nextDueAt(r)
      const closeAt = r.state === 'done' && r.resolvedAt ? new Date(+r.resolvedAt + settings.autoCloseDays * DAY) : null
      const next = [due, closeAt].filter((d): d is Date => d !== null).sort((a, b) => +a - +b)[0]
      if (!next || +next + SWEEP_LAG > +until) return r
      const move = next === closeAt ? 'autoClose' : 'autoEscalate'
      r = apply(r, { move }, SYSTEM_ACTOR, new Date(+next + SWEEP_LAG))
    }
    throw new Error(`the sweep of ${r._id} does not settle`)
  }

  function apply(r: RequestDoc, req: MoveRequest, actor: Actor, when: Date, survivor?: RequestDoc): RequestDoc {
    const d = decide(r, req, actor, when, settings, { survivor })
    if (!d.ok)
      throw new Error(`seed request ${r._id}: ${req.move} refused (${d.code}${d.detail ? ` ${d.detail}` : ''})`)
    out.requestEvents.push(d.event)
    return d.next
  }

  function tell(s: Story, r: RequestDoc): void {
    const reporter = s.reporter as PersonDoc
    const rows: RequestFollowerDoc[] = [
      {
        _id: requestFollowerId(r._id, reporter._id),
        requestId: r._id,
        personId: reporter._id,
        kind: 'reporter',
        since: r.createdAt,
        requestUpdatedAt: r.updatedAt,
      },
    ]
    for (const [i, f] of (s.followers ?? []).entries()) {
      rows.push({
        _id: requestFollowerId(r._id, f._id),
        requestId: r._id,
        personId: f._id,
        kind: 'follower',
        since: new Date(+r.createdAt + (i + 1) * 2 * HOUR),
        requestUpdatedAt: r.updatedAt,
      })
    }
    for (const row of rows) followerRows.set(row._id, row)
  }

  function play(s: Story): RequestDoc {
    const reporter = s.reporter ?? someone(s.gridId)
    s.reporter = reporter
    const grid = unit(s.gridId)
    const home = reporter.householdId ? unit(reporter.householdId) : null
    const building = home?.parentId ? unit(home.parentId) : null
    const reportedAt = at(s, 0)
    if (+reportedAt > +anchor) throw new Error(`seed story ${s.key} is reported after the seed's day`)
    const place =
      s.place === 'household' && home
        ? { unit: home, place: { kind: 'household' as const, unitId: home._id, label: home.name } }
        : s.place === 'building' && building
          ? { unit: building, place: { kind: 'building' as const, unitId: building._id, label: building.name } }
          : {
              unit: grid,
              place: { kind: 'spot' as const, unitId: grid._id, label: `${grid.name} · ${s.spot ?? '网格内'}` },
            }
    const id = s.id ?? requestId(reporter._id, `seed-request-${s.key}`)
    const role = s.reporterRole ?? 'resident'
    const opened = openRequest(
      {
        id,
        category: s.category,
        description: s.text,
        photos: [],
        place: place.place,
        path: place.unit.path,
        gridId: grid._id,
        ...(s.place !== 'spot' && building ? { buildingId: building._id } : {}),
        communityId: ancestorAt(grid.path, 'community') as string,
        streetId: ancestorAt(grid.path, 'street') as string,
        anonymous: s.anonymous ?? false,
        urgent: s.urgent ?? false,
        month: beijingMonth(reportedAt),
      },
      { personId: reporter._id, name: reporter.name, label: `${ROLE_LABELS[role]} ${reporter.name}` },
      reportedAt,
      settings,
    )
    if (!opened.ok) throw new Error(`seed story ${s.key}: report refused (${opened.code})`)
    out.requestEvents.push(opened.event)
    let r = opened.request
    const who = (w: Who): PersonDoc => {
      switch (w) {
        case 'reporter':
          return reporter
        case 'chief':
          return holder('gridChief', grid._id)
        case 'party':
          return holder('partyLeader', grid._id)
        case 'head':
          return holder('buildingHead', building?._id ?? '')
        case 'staff':
          return ancestorAt(grid.path, 'community') === communityId
            ? staff
            : holder('communityStaff', ancestorAt(grid.path, 'community') as string)
        case 'street':
          return streetStaff
        case 'chengguan':
          return chengguan
        case 'taker':
          if (!s.taker) throw new Error(`seed story ${s.key} has no taker`)
          return s.taker
      }
    }
    for (const step of s.steps) {
      const when = at(s, step.at)
      if (+when > +anchor) throw new Error(`seed story ${s.key}: ${step.move} falls after the seed's day`)
      r = sweep(r, when)
      const p = who(step.by)
      const actor: Actor = {
        personId: p._id,
        name: p.name,
        roles: grantsOf(p),
        isReporter: p._id === reporter._id,
        isFollower: (s.followers ?? []).some((f) => f._id === p._id),
        isErrandTaker: r.errandTakerId === p._id,
        ...(p.volunteer ? { volunteer: true } : {}),
      }
      const into = step.into ? docs.get(step.into) : undefined
      if (step.into && !into) throw new Error(`seed story ${s.key} merges into ${step.into}, not yet played`)
      r = apply(
        r,
        {
          move: step.move,
          ...(step.note ? { note: step.note } : {}),
          ...(step.reason ? { reason: step.reason } : {}),
          ...(step.departmentId ? { departmentId: step.departmentId } : {}),
          ...(step.rating ? { rating: step.rating } : {}),
          ...(step.comment ? { comment: step.comment } : {}),
          ...(step.pass !== undefined ? { pass: step.pass } : {}),
          ...(into ? { into: into._id } : {}),
          ...(step.reinspectIn ? { reinspectAt: new Date(+when + step.reinspectIn * DAY).toISOString() } : {}),
        },
        actor,
        when,
        into,
      )
      if (step.move === 'merge' && into) mergeFollowers(r, into)
    }
    r = sweep(r, anchor)
    r.followerCount = 1 + (s.followers?.length ?? 0)
    docs.set(s.key, r)
    tell(s, r)
    return r
  }

  /** A merge: the duplicate's reporter and followers follow the survivor (its count with them); theirs stay. */
  function mergeFollowers(dup: RequestDoc, survivor: RequestDoc): void {
    const moving = [...followerRows.values()].filter((f) => f.requestId === dup._id)
    // the duplicate's own rows are written by tell() after its story; its reporter is the one who moves
    const reporterId = dup.reporterId
    for (const personId of new Set([reporterId, ...moving.map((m) => m.personId)])) {
      const id = requestFollowerId(survivor._id, personId)
      if (followerRows.has(id)) continue
      followerRows.set(id, {
        _id: id,
        requestId: survivor._id,
        personId,
        kind: 'follower',
        since: dup.updatedAt,
        requestUpdatedAt: survivor.updatedAt,
      })
      survivor.followerCount += 1
    }
  }

  // ---- the stories: every state and level, each persona with something to do ----
  const stories: Story[] = [
    // the resident persona's own: one done and waiting for their rating, one at the community, one rated, one
    // returned with its reason, and an errand a volunteer did that waits for their word (the volunteer then earns)
    {
      key: 'r-stair-light',
      gridId: g1,
      reporter: resident,
      category: 'repair',
      text: '我们单元三楼到五楼的楼道灯坏了好几天，晚上上下楼看不清，老人走路不安全。',
      place: 'building',
      daysAgo: 3,
      hour: 19,
      followers: [neighbour],
      steps: [
        respond(1, 'head', '已到现场查看，是声控开关坏了'),
        complete(18, 'chief', '已联系物业电工更换三个声控开关，楼道灯恢复正常'),
      ],
    },
    {
      key: 'r-bikes',
      gridId: g1,
      reporter: resident,
      category: 'hazard',
      text: '小区东门共享单车乱停，把消防通道堵了一半，救护车进不来。',
      place: 'spot',
      spot: '东门消防通道',
      daysAgo: 2,
      hour: 8,
      followers: [housemate],
      steps: [
        respond(2, 'chief', '已到现场，单车数量多，需要社区协调运营公司'),
        escalate(3, 'chief', '需社区出面联系单车运营公司'),
        accept(5, 'staff', '社区已受理，正在联系运营公司'),
      ],
    },
    {
      key: 'r-bins',
      gridId: g1,
      reporter: resident,
      category: 'sanitation',
      text: '楼下垃圾桶满了两天没人清运，气味很大。',
      place: 'building',
      daysAgo: 21,
      hour: 9,
      steps: [
        respond(1, 'chief', '已联系保洁'),
        complete(5, 'chief', '保洁已清运，并调整为每天两次'),
        rate(20, 'satisfied', '处理得很快，谢谢'),
      ],
    },
    {
      key: 'r-renovation',
      gridId: g1,
      reporter: resident,
      category: 'dispute',
      text: '楼上装修每天电钻声很吵，能不能管一管。',
      place: 'household',
      daysAgo: 12,
      hour: 20,
      steps: [
        {
          at: 14,
          move: 'return',
          by: 'chief',
          reason: '已上门核实：装修在工作日 8:00—18:00 内施工，符合规定，已提醒邻居尽量错开午休时间',
        },
      ],
    },
    {
      key: 'r-errand',
      gridId: g1,
      reporter: resident,
      category: 'errand',
      text: '家里老人腿脚不便，想请志愿者帮忙去药店代买一周的降压药。',
      place: 'household',
      daysAgo: 1,
      hour: 9,
      taker: volunteerOf(g1),
      steps: [
        { at: 0.5, move: 'takeErrand', by: 'taker', note: '我下午去买' },
        complete(1.5, 'taker', '药已送到家里，小票放在药盒里'),
      ],
    },
    // the grid chief persona's own grid (第1网格): fresh ones to accept, one being handled, a duplicate merged
    {
      key: 'g1-fresh-leak',
      gridId: g1,
      category: 'help',
      text: '家里老人一个人住，厨房水管接口漏水，关了总阀也还在滴，想请人帮忙看看。',
      place: 'household',
      daysAgo: 0,
      hour: -2,
      steps: [],
    },
    {
      key: 'g1-fresh-dog',
      gridId: g1,
      category: 'other',
      text: '小区里有人遛狗不牵绳，孩子被吓哭了好几次。',
      place: 'spot',
      spot: '中心花园',
      daysAgo: 0,
      hour: -4,
      anonymous: true,
      steps: [],
    },
    {
      key: 'g1-drain',
      gridId: g1,
      category: 'sanitation',
      text: '2栋后面的雨水井盖堵了，一下雨就积水。',
      place: 'spot',
      spot: '2栋后侧雨水井',
      daysAgo: 1,
      hour: 10,
      steps: [respond(3, 'party', '已到场查看，约了疏通车明天来')],
    },
    {
      key: 'g1-drain-dup',
      gridId: g1,
      category: 'sanitation',
      text: '楼后面下水道堵了，积了很多水。',
      place: 'spot',
      spot: '2栋后面',
      daysAgo: 1,
      hour: 12,
      steps: [{ at: 1, move: 'merge', by: 'chief', into: 'g1-drain', note: '与同一处积水的诉求合并处理' }],
    },
    {
      key: 'g1-withdrawn',
      gridId: g1,
      category: 'help',
      text: '钥匙锁在家里了，想找人帮忙开锁。',
      place: 'household',
      daysAgo: 6,
      hour: 18,
      steps: [{ at: 0.5, move: 'withdraw', by: 'reporter', note: '家人回来了，不用了' }],
    },
    {
      key: 'g1-autoclosed',
      gridId: g1,
      category: 'repair',
      text: '单元门的门禁刷卡没反应。',
      place: 'building',
      daysAgo: 16,
      hour: 10,
      // done and never rated: the timer closes it a week later (已办结，未经确认)
      steps: [respond(1, 'head', '已联系门禁维修'), complete(20, 'chief', '门禁读卡器已更换')],
    },
    {
      key: 'g1-reinspect',
      gridId: g1,
      category: 'hazard',
      text: '小区围墙有一段开裂往外倾斜，怕会倒。',
      place: 'spot',
      spot: '北侧围墙',
      daysAgo: 27,
      hour: 9,
      steps: [
        respond(1, 'chief', '已拉警戒线'),
        escalate(2, 'chief', '需社区协调加固'),
        accept(4, 'staff'),
        complete(72, 'staff', '已请施工队加固围墙并清理危险部分'),
        rate(80, 'basic', '加固了，但施工垃圾清得慢'),
        { at: 81, move: 'scheduleReinspection', by: 'staff', reinspectIn: 28, note: '雨季前再看一次' },
      ],
    },
    {
      key: 'g1-struck-off',
      gridId: g1,
      category: 'sanitation',
      text: '绿化带里堆了很多建筑垃圾。',
      place: 'spot',
      spot: '西门绿化带',
      daysAgo: 29,
      hour: 14,
      steps: [
        respond(2, 'chief'),
        complete(30, 'chief', '已联系清运，绿化带已清理'),
        rate(40, 'satisfied'),
        { at: 41, move: 'scheduleReinspection', by: 'chief', reinspectIn: 14 },
        { at: 41 + 14 * 24, move: 'reinspect', by: 'chief', pass: true, note: '回头看：未再堆放' },
      ],
    },
    {
      key: 'g1-urgent',
      gridId: g1,
      category: 'hazard',
      text: '楼道里闻到很重的燃气味！',
      place: 'building',
      daysAgo: 9,
      hour: 20,
      urgent: true,
      steps: [
        { at: 0.2, move: 'confirmUrgent', by: 'chief', pass: true, note: '按紧急处理' },
        respond(0.4, 'chief', '已到场开窗通风，通知燃气公司'),
        complete(1.5, 'chief', '燃气公司已更换老化的软管，检测正常'),
        rate(3, 'satisfied', '来得很快'),
      ],
    },
    // the other grid chief persona's grid (第2网格): a reopened one, one whistled to 城管 from a patrol (below)
    {
      key: 'g2-reopened',
      gridId: g2,
      category: 'repair',
      text: '楼顶防水层坏了，下雨天顶楼家里渗水。',
      place: 'household',
      daysAgo: 25,
      hour: 10,
      steps: [
        respond(1, 'chief', '已上门查看渗水位置'),
        escalate(3, 'chief', '需要维修基金，报社区'),
        accept(5, 'staff'),
        complete(20, 'staff', '已请物业做了局部防水'),
        rate(60, 'unsatisfied', '下雨还是渗，没修好'),
        complete(80, 'staff', '重新做了整面屋顶的防水层，雨后复查不渗了'),
        rate(130, 'satisfied', '这次修好了'),
      ],
    },
    {
      key: 'g2-community-late',
      gridId: g2,
      category: 'other',
      text: '小区里的健身器材有一个螺丝松了，晃得厉害。',
      place: 'spot',
      spot: '健身角',
      daysAgo: 2,
      hour: 14,
      // nobody accepted it at the grid in time: the timer sent it up, and the community has it now
      steps: [],
    },
    // the street's: one waiting for the street to decide, one whistled to 城管 being handled past its deadline,
    // one 城管 did and the resident rated, one whistled to 环卫 that missed its 报到
    {
      key: 's-road',
      gridId: g3,
      category: 'hazard',
      text: '小区外面的人行道塌了一个坑，晚上有人差点崴脚。',
      place: 'spot',
      spot: '南门外人行道',
      daysAgo: 1,
      hour: 8,
      followers: [],
      steps: [
        respond(1, 'chief', '已放警示锥'),
        escalate(2, 'chief', '市政道路，网格处理不了'),
        accept(4, 'staff'),
        escalate(6, 'staff', '属市政道路，请街道协调'),
      ],
    },
    {
      key: 's-chengguan-late',
      gridId: g3,
      category: 'sanitation',
      text: '路边有人长期乱倒建筑垃圾，越堆越多。',
      place: 'spot',
      spot: '沿河路口',
      daysAgo: 9,
      hour: 9,
      steps: [
        respond(2, 'chief', '已到现场拍照'),
        escalate(3, 'chief', '需执法'),
        accept(5, 'staff'),
        escalate(6, 'staff', '需城管执法'),
        { at: 8, move: 'dispatch', by: 'street', departmentId: 'chengguan', note: '请城管查处乱倒并清运' },
        { at: 20, move: 'checkIn', by: 'chengguan', note: '城管中队已报到' },
      ],
    },
    {
      key: 's-chengguan-done',
      gridId: g4,
      category: 'other',
      text: '沿街商铺夜里在门口烧烤，油烟和噪音很大。',
      place: 'spot',
      spot: '和平路沿街商铺',
      daysAgo: 14,
      hour: 21,
      followers: [],
      steps: [
        respond(1, 'chief', '已现场劝导，但商户不听'),
        escalate(2, 'chief', '需执法'),
        accept(12, 'staff'),
        escalate(13, 'staff', '需城管执法'),
        { at: 14, move: 'dispatch', by: 'street', departmentId: 'chengguan' },
        { at: 16, move: 'checkIn', by: 'chengguan' },
        complete(40, 'chengguan', '已依法责令整改，商户已撤除露天烧烤'),
        rate(60, 'satisfied', '现在晚上安静多了'),
      ],
    },
    {
      key: 's-huanwei-late',
      gridId: g4,
      category: 'sanitation',
      text: '马路边的公共垃圾箱坏了，垃圾散了一地。',
      place: 'spot',
      spot: '和平路公交站',
      daysAgo: 4,
      hour: 9,
      steps: [
        respond(1, 'chief'),
        escalate(2, 'chief', '公共设施，报社区'),
        accept(3, 'staff'),
        escalate(4, 'staff', '请街道协调环卫'),
        { at: 6, move: 'dispatch', by: 'street', departmentId: 'huanwei', note: '请环卫更换垃圾箱' },
      ],
    },
    {
      key: 's-street-processing',
      gridId: g2,
      category: 'enterprise',
      text: '我们小店想办理门头招牌备案，不知道去哪里办。',
      place: 'spot',
      spot: '临街店铺',
      daysAgo: 5,
      hour: 10,
      steps: [
        respond(1, 'chief', '已电话联系'),
        escalate(2, 'chief', '涉及审批，报社区'),
        accept(3, 'staff'),
        escalate(4, 'staff', '需街道营商服务窗口指导'),
        accept(5, 'street', '街道营商办已受理'),
      ],
    },
  ]

  // a month of ordinary ones: most rated, some closed unrated, a few returned, across both communities
  const filler = createRandom(0x5eed12)
  const TEMPLATES: readonly (readonly [RequestCategory, string, Story['place'], string?])[] = [
    ['repair', '单元门关不上，闭门器坏了。', 'building'],
    ['repair', '家里的电表箱门掉了。', 'household'],
    ['repair', '楼道扶手松动，老人扶着不放心。', 'building'],
    ['sanitation', '楼道里有人堆放杂物，很久没清。', 'building'],
    ['sanitation', '小区花坛里老鼠很多。', 'spot', '花坛'],
    ['hazard', '电动车在楼道里充电，有安全隐患。', 'building'],
    ['hazard', '路灯不亮，晚上回家很黑。', 'spot', '主路路灯'],
    ['dispute', '邻居家空调外机滴水到我家窗台。', 'household'],
    ['help', '独居老人家里的水龙头坏了，想找人帮忙看看。', 'household'],
    ['other', '希望小区里多装几张休息长椅。', 'spot', '中心花园'],
  ]
  const OUTCOMES = [
    'satisfied',
    'satisfied',
    'satisfied',
    'basic',
    'basic',
    'unrated',
    'returned',
    'community',
  ] as const
  for (let i = 0; i < 26; i++) {
    const gridId = i < 20 ? filler.pick(ownGrids)._id : filler.pick(otherGrids)._id
    const [category, text, place, spot] = filler.pick(TEMPLATES)
    const outcome = filler.pick(OUTCOMES)
    const daysAgo = filler.int(10, 30)
    const hour = filler.int(8, 19)
    const quick = category === 'repair' ? 1 : filler.int(1, 6)
    const by: Who = filler.chance(0.5) ? 'chief' : 'party'
    const steps: Step[] =
      outcome === 'returned'
        ? [{ at: quick, move: 'return', by, reason: '经核实不属于网格职责范围，已告知反映人向物业反映' }]
        : outcome === 'community'
          ? [
              respond(quick, by),
              escalate(quick + 1, by, '需要社区协调'),
              accept(quick + 2, 'staff'),
              complete(quick + (category === 'repair' ? 10 : 30), 'staff', '社区已协调处理完毕'),
              rate(quick + 40, 'satisfied'),
            ]
          : [
              respond(quick, by),
              complete(quick + filler.int(3, 20), by, '已处理完毕，并回访了反映人'),
              ...(outcome === 'unrated' ? [] : [rate(quick + 30, outcome)]),
            ]
    stories.push({ key: `f${i}`, gridId, category, text, place, ...(spot ? { spot } : {}), daysAgo, hour, steps })
  }

  // ---- patrols: the grids' 巡查台账 of the last two weeks, 第1 and 第2 网格 already patrolled this morning ----
  const PATROL_ROUTES = ['小区主路—各单元门口—地下车库', '东门—中心花园—北侧围墙', '沿街商铺—南门—消防通道']
  const patrolStories: Story[] = []
  const patrol = (
    gridId: string,
    daysAgo: number,
    hour: number,
    by: 'gridChief' | 'partyLeader',
    n: number,
    findings: {
      text: string
      category: RequestCategory
      spot: string
      story?: Omit<Story, 'key' | 'gridId' | 'category' | 'text' | 'place' | 'daysAgo' | 'hour'>
    }[],
  ): void => {
    const p = holder(by, gridId)
    const grid = unit(gridId)
    const tapId = `seed-patrol-${gridId}-${n}`
    const pid = patrolId(p._id, tapId)
    const startedAt = new Date(+anchor - daysAgo * DAY + hour * HOUR)
    const endedAt = new Date(+startedAt + 50 * MIN)
    if (+endedAt > +anchor + 8 * HOUR) throw new Error('a seeded patrol ends after 08:00 today')
    const doc: PatrolDoc = {
      _id: pid,
      gridId,
      communityId: ancestorAt(grid.path, 'community') as string,
      path: grid.path,
      personId: p._id,
      personName: p.name,
      day: patrolDayOf(startedAt),
      startedAt,
      endedAt,
      route: PATROL_ROUTES[n % PATROL_ROUTES.length],
      findings: findings.map((f, i) => {
        const reqId = f.story ? findingRequestId(pid, i) : undefined
        if (f.story) {
          // the request a finding became: reported by the patroller at the patrol's end, under the finding's id
          if (requestId(p._id, findingTapId(tapId, i)) !== reqId) throw new Error('finding ids disagree')
          patrolStories.push({
            key: `patrol-${pid}-${i}`,
            id: reqId,
            gridId,
            reporter: p,
            reporterRole: by,
            category: f.category,
            text: f.text,
            place: 'spot',
            spot: f.spot,
            daysAgo,
            hour: hour + 50 / 60,
            ...f.story,
          })
        }
        return {
          description: f.text,
          photos: [],
          category: f.category,
          spot: f.spot,
          ...(reqId ? { requestId: reqId } : {}),
        }
      }),
      createdAt: endedAt,
    }
    out.patrols.push(doc)
  }
  // today, early (a morning round): 第1网格 by its chief, 第2网格 by its chief; 第3、第4网格 not yet
  patrol(g1, 0, 6.5, 'gridChief', 1, [{ text: '3栋门口电动车乱停', category: 'other', spot: '3栋门口' }])
  patrol(g2, 0, 6.75, 'gridChief', 1, [])
  for (const [gridId, days] of [
    [g1, [1, 2, 4, 6, 8, 11]],
    [g2, [1, 3, 5, 9, 12]],
    [g3, [2, 6, 10]],
    [g4, [7, 13]],
  ] as const) {
    for (const [n, d] of days.entries()) {
      const by = n % 3 === 2 ? 'partyLeader' : 'gridChief'
      const findings =
        gridId === g2 && d === 1
          ? [
              {
                text: '沿街一家餐馆把油污直接倒进雨水井',
                category: 'sanitation' as const,
                spot: '和平路雨水井',
                story: {
                  steps: [
                    respond(0.1, 'chief', '巡查时当场发现'),
                    escalate(0.2, 'chief', '需执法'),
                    accept(2, 'staff'),
                    escalate(3, 'staff', '请街道协调城管'),
                    {
                      at: 3.5,
                      move: 'dispatch' as const,
                      by: 'street' as const,
                      departmentId: 'chengguan',
                      note: '请城管查处餐馆乱倒油污',
                    },
                  ],
                },
              },
            ]
          : gridId === g1 && d === 2
            ? [
                {
                  text: '地下车库入口的消防栓箱门被撬开，水带不见了',
                  category: 'hazard' as const,
                  spot: '地下车库入口',
                  story: {
                    steps: [
                      respond(0.1, 'chief', '巡查时发现'),
                      escalate(0.3, 'chief', '需社区补配消防器材'),
                      accept(2, 'staff', '社区已受理，正在采购'),
                    ],
                  },
                },
                { text: '单元门口有小广告', category: 'sanitation' as const, spot: '2栋1单元' },
              ]
            : n % 2 === 0
              ? []
              : [{ text: '楼道里有纸箱堆放，已当场提醒住户清理', category: 'sanitation' as const, spot: '1栋2单元' }]
      // the whistled finding late in the day, so 城管 can still 报到 today
      patrol(gridId, d, gridId === g2 && d === 1 ? 19 : 9 + (n % 3), by, n + 2, findings)
    }
  }

  // played last, so no reporter drawn for the stories above changed: the first grid's overdue one (its 办结 time ran
  // out at the grid, the timer sent it up, the community took it on), and the other grid chief persona's 待我办理
  // (第2网格): a fresh one waiting at the grid, due tonight
  const lastStories: Story[] = [
    {
      key: 'g1-late-garage',
      gridId: g1,
      category: 'sanitation',
      text: '地下车库入口堆了很多废旧家具，占了半条车道，晚上进出很危险。',
      place: 'spot',
      spot: '地下车库入口',
      daysAgo: 9,
      hour: 10,
      steps: [
        respond(2, 'chief', '已到现场查看，需要联系清运'),
        accept(7 * 24 + 4, 'staff', '社区已受理，正在联系清运公司'),
      ],
    },
    {
      key: 'g2-fresh-tap',
      gridId: g2,
      category: 'help',
      text: '单元门口的公共水龙头关不紧，一整夜都在滴水，地面结了一层青苔很滑。',
      place: 'building',
      daysAgo: 0,
      hour: -1,
      steps: [],
    },
  ]

  // play: the survivors of merges before their duplicates (the order above), then the patrols' findings
  for (const s of [...stories, ...patrolStories, ...lastStories]) play(s)

  // the day markers: one per grid and day patrolled (the community's "patrolled today" view reads them by id)
  const markers = new Map<string, PatrolDayDoc>()
  for (const p of [...out.patrols].sort((a, b) => +a.startedAt - +b.startedAt)) {
    const id = patrolDayId(p.gridId, p.day)
    const held = markers.get(id)
    markers.set(id, {
      _id: id,
      gridId: p.gridId,
      communityId: p.communityId,
      day: p.day,
      patrols: (held?.patrols ?? 0) + 1,
      lastPatrolId: p._id,
      lastBy: p.personName,
      at: p.createdAt,
    })
  }
  out.patrolDays = [...markers.values()]

  out.requests = [...docs.values()]
  // every follower row carries its request's last change ("my requests" pages by it)
  const updated = new Map(out.requests.map((r) => [r._id, r.updatedAt]))
  out.requestFollowers = [...followerRows.values()].map((f) => ({
    ...f,
    requestUpdatedAt: updated.get(f.requestId) as Date,
  }))
  out.requestCounters = countersOf(out.requests, anchor)
  return out
}

/** The counters the requests imply: figures() summed per scope and cohort month (what every move keeps them at). */
export function countersOf(requests: readonly RequestDoc[], at: Date): RequestCounterDoc[] {
  const sums = new Map<string, RequestCounterDoc>()
  for (const r of requests) {
    for (const scopeKey of scopeKeys(r)) {
      const id = requestCounterId(scopeKey, r.month)
      const held = sums.get(id)
      const {
        _id: _ignored,
        scopeKey: _s,
        month: _m,
        updatedAt: _u,
        ...was
      } = held ?? {
        _id: id,
        scopeKey,
        month: r.month,
        updatedAt: at,
        ...zeroFigures(),
      }
      sums.set(id, { _id: id, scopeKey, month: r.month, updatedAt: at, ...add(was, figures(r)) })
    }
  }
  return [...sums.values()]
}
