/**
 * The `emergency` function (应急状态, issue 12): the one switch — community or street staff declare an emergency over
 * a unit of their scope (name, level, instructions, start now or later), change its instructions and end it; every
 * member of the scope sees it on 首页 (grid.home) until it ends, and ended ones stay readable in the history. The
 * reserve force (应急力量): people register themselves (or staff register a member of their scope) with skills and
 * availability; staff call them up for an emergency, each answers 到岗 / 不能到 once (changeable until assigned), and
 * staff assign an answerer to a place. One active emergency per unit (a per-unit lock in the declaring transaction);
 * answers and assignments move the call-up's counts in the same transaction as the answer, named by core/ids.ts.
 */
import { z } from 'zod'
import type { UnitRef } from './grid'
import { recordId, unitId } from './fields'

export const EMERGENCY_LIMITS = {
  name: 30,
  instructions: 2000,
  /** how far ahead a declared emergency may start, in days */
  startAheadDays: 30,
  skills: 8,
  skillsNote: 100,
  availability: 100,
  message: 300,
  place: 50,
  note: 100,
  pageSize: 20,
  maxPageSize: 50,
  /** the emergencies shown on 首页 at once (a place sits under at most five units) */
  banner: 5,
  /** a member's call-ups shown on their page */
  myCallUps: 20,
  /** 战时网格: a name, the buildings of one, the retired ones a grid's page shows, the notices whose reach a
   * micro-grid's page sums, and the micro-grids retired per batch when an emergency ends */
  microGridName: 20,
  microGridBuildings: 30,
  microGridsRetiredShown: 20,
  microGridNotices: 5,
  microGridRetireBatch: 10,
} as const

/** 一级 (the gravest) … 四级响应. */
export const EMERGENCY_LEVELS = [1, 2, 3, 4] as const
export type EmergencyLevel = (typeof EMERGENCY_LEVELS)[number]
export const EMERGENCY_LEVEL_LABELS: Record<EmergencyLevel, string> = {
  1: '一级响应',
  2: '二级响应',
  3: '三级响应',
  4: '四级响应',
}

/** Who the reserve force is made of. */
export const RESERVE_KINDS = ['cadre', 'partyMember', 'volunteer', 'merchantStaff'] as const
export type ReserveKind = (typeof RESERVE_KINDS)[number]
export const RESERVE_KIND_LABELS: Record<ReserveKind, string> = {
  cadre: '下沉干部',
  partyMember: '双报到党员',
  volunteer: '志愿者',
  merchantStaff: '商户员工',
}

/** The fixed list of skills staff filter and call up by (anything else goes in the free text). */
export const RESERVE_SKILLS = [
  'medical',
  'driving',
  'logistics',
  'order',
  'psychology',
  'electrician',
  'translation',
  'it',
] as const
export type ReserveSkill = (typeof RESERVE_SKILLS)[number]
export const RESERVE_SKILL_LABELS: Record<ReserveSkill, string> = {
  medical: '医护',
  driving: '驾驶',
  logistics: '物资搬运',
  order: '秩序维护',
  psychology: '心理疏导',
  electrician: '水电维修',
  translation: '外语翻译',
  it: '信息录入',
}

/** A member's answer to a call-up. */
export const CALLUP_ANSWERS = ['coming', 'cannot'] as const
export type CallUpAnswer = (typeof CALLUP_ANSWERS)[number]
export const CALLUP_ANSWER_LABELS: Record<CallUpAnswer, string> = { coming: '到岗', cannot: '不能到' }

/** How a grid is split into 战时网格. */
export const MICROGRID_KINDS = ['building', 'lane', 'courtyard'] as const
export type MicroGridKind = (typeof MICROGRID_KINDS)[number]
export const MICROGRID_KIND_LABELS: Record<MicroGridKind, string> = {
  building: '按楼栋',
  lane: '按巷道',
  courtyard: '按院落',
}
/** Who of the reserve force may lead a 战时网格 (商户员工 may not). */
export const MICROGRID_LEADER_KINDS: readonly ReserveKind[] = ['cadre', 'partyMember', 'volunteer']

const id = recordId
/** The client's id for one tap: a retried declare or call-up writes once. */
const tapId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号格式不对')
const cursor = z.string().regex(/^\d{1,6}$/, '翻页位置不对，请刷新后重试')
const pageSize = z.number().int().min(1).max(EMERGENCY_LIMITS.maxPageSize).default(EMERGENCY_LIMITS.pageSize)
const text = (max: number) => z.string().trim().max(max)
const required = (max: number, what: string) => z.string().trim().min(1, `请填写${what}`).max(max)
const level = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)])
const kind = z.enum(RESERVE_KINDS)
const skill = z.enum(RESERVE_SKILLS)
const unique = <T>(a: readonly T[]) => new Set(a).size === a.length

export const emergencyPayloads = {
  /** Staff declare an emergency over a unit of their scope; `startAt` absent: now. */
  declare: z
    .object({
      unitId,
      tapId,
      name: required(EMERGENCY_LIMITS.name, '名称'),
      level,
      instructions: required(EMERGENCY_LIMITS.instructions, '应急须知'),
      startAt: z.string().datetime({ offset: true }).optional(),
    })
    .strict(),
  /** Staff over its scope change the pinned instructions of an emergency not yet ended. */
  updateInstructions: z.object({ id, instructions: required(EMERGENCY_LIMITS.instructions, '应急须知') }).strict(),
  /** Staff over its scope end it: kept for the record, gone from 首页. */
  end: z.object({ id }).strict(),
  /** The emergencies in force (or declared to start later) over the caller's home and the units they lead. */
  current: z.object({}).strict(),
  /** One emergency with its instructions, ended or not: members of its scope and leaders over it. */
  detail: z.object({ id }).strict(),
  /** A leader's history: the emergencies declared over their unit or under it, newest first. */
  list: z.object({ unitId, cursor: cursor.optional(), pageSize }).strict(),

  /** Register oneself in the reserve force (or, `personId`, staff register a member of their scope); again: update. */
  register: z
    .object({
      personId: id.optional(),
      kind,
      skills: z.array(skill).max(EMERGENCY_LIMITS.skills).refine(unique, '技能重复了').default([]),
      skillsNote: text(EMERGENCY_LIMITS.skillsNote).default(''),
      availability: required(EMERGENCY_LIMITS.availability, '可参与的时间'),
    })
    .strict(),
  /** The caller's own entry in the reserve force and the call-ups that reach them, with their answers. */
  mine: z.object({}).strict(),
  /** Staff: the reserve force registered under a unit of their scope, filtered by kind and skill. */
  reserve: z
    .object({ unitId, kind: kind.optional(), skill: skill.optional(), cursor: cursor.optional(), pageSize })
    .strict(),
  /** Staff call up the members of the kinds (and with any of the skills, none: all) under a unit of the emergency. */
  callUp: z
    .object({
      emergencyId: id,
      unitId,
      tapId,
      kinds: z.array(kind).min(1, '请选择召集哪类人员').max(RESERVE_KINDS.length).refine(unique, '人员类别重复了'),
      skills: z.array(skill).max(RESERVE_SKILLS.length).refine(unique, '技能重复了').default([]),
      message: required(EMERGENCY_LIMITS.message, '召集说明'),
    })
    .strict(),
  /** Staff: the call-ups of an emergency made at or under a unit of their scope, newest first, with their counts. */
  callUps: z.object({ emergencyId: id, unitId, cursor: cursor.optional(), pageSize }).strict(),
  /** Staff: one call-up with a page of its answers (filtered by answer). */
  callUpDetail: z
    .object({ callUpId: id, answer: z.enum(CALLUP_ANSWERS).optional(), cursor: cursor.optional(), pageSize })
    .strict(),
  /** A member called up answers 到岗 or 不能到; again: changes it, until they are assigned. */
  answer: z
    .object({ callUpId: id, answer: z.enum(CALLUP_ANSWERS), note: text(EMERGENCY_LIMITS.note).default('') })
    .strict(),
  /** Staff assign a member who answered 到岗 to a place or task (again: moves them). */
  assign: z
    .object({
      callUpId: id,
      personId: id,
      place: required(EMERGENCY_LIMITS.place, '岗位或地点'),
      unitId: unitId.optional(),
    })
    .strict(),

  // ---- 战时网格 (micro-grids over a grid's buildings, for the emergency in force over the grid) ----
  /** A grid's 战时网格 (in force, and the latest retired), its buildings with which one each is in. */
  microGrids: z.object({ gridId: unitId }).strict(),
  /** One 战时网格: its buildings, its leader with their phone, the reach of the emergency's notices over it. */
  microGrid: z.object({ id }).strict(),
  /** The grid chief (or staff over the grid) draws one over some of its buildings, led by a reserve member. */
  createMicroGrid: z
    .object({
      gridId: unitId,
      tapId,
      name: required(EMERGENCY_LIMITS.microGridName, '战时网格名称'),
      kind: z.enum(MICROGRID_KINDS),
      buildingIds: z
        .array(unitId)
        .min(1, '请选择楼栋')
        .max(EMERGENCY_LIMITS.microGridBuildings, `一个战时网格最多 ${EMERGENCY_LIMITS.microGridBuildings} 栋楼`)
        .refine(unique, '楼栋重复了'),
      leaderId: id,
    })
    .strict(),
  renameMicroGrid: z
    .object({ id, name: required(EMERGENCY_LIMITS.microGridName, '战时网格名称'), kind: z.enum(MICROGRID_KINDS) })
    .strict(),
  /** Another reserve member leads it: the old leader's powers over its buildings go, the new one's come. */
  changeMicroGridLeader: z.object({ id, leaderId: id }).strict(),
  /** Stood down: its leader's powers go, the record stays. */
  retireMicroGrid: z.object({ id }).strict(),
  /** The 战时网格 I lead now. */
  myMicroGrids: z.object({}).strict(),
  /** Who may lead one of a grid's 战时网格: the reserve force of the emergency's scope around the grid, by kind. */
  microGridCandidates: z
    .object({
      gridId: unitId,
      kind: z.enum(['cadre', 'partyMember', 'volunteer']).optional(),
      cursor: cursor.optional(),
      pageSize,
    })
    .strict(),
}

export interface EmergencyView {
  id: string
  name: string
  level: EmergencyLevel
  scope: UnitRef
  instructions: string
  startAt: string
  endedAt: string | null
  /** started and not ended */
  active: boolean
  declaredByName: string
  endedByName: string | null
  updatedAt: string
  /** The notice its instructions went out with (the declare's, or the latest change's), with its reach over the
   * scope from the notice's counters (null where not read: the history, an end); null before it was published. */
  notice: EmergencyNotice | null
}

/** An emergency's notice: open it (通知详情), and how many of the scope's households it reached (通知触达). */
export interface EmergencyNotice {
  id: string
  reach: { reached: number; households: number } | null
}

export interface EmergencyDetail extends EmergencyView {
  /** The caller may change its instructions or end it (staff over its scope). */
  mayManage: boolean
}

export interface ReserveView {
  personId: string
  name: string
  /** In full to staff over them and to themselves. */
  phone: string
  kind: ReserveKind
  skills: ReserveSkill[]
  skillsNote: string
  availability: string
  place: UnitRef
  registeredByName: string
  updatedAt: string
}

export interface CallUpView {
  id: string
  emergencyId: string
  emergencyName: string
  unit: UnitRef
  kinds: ReserveKind[]
  skills: ReserveSkill[]
  message: string
  createdByName: string
  createdAt: string
  coming: number
  cannot: number
  assigned: number
}

export interface Assignment {
  place: string
  unit: UnitRef | null
  byName: string
  at: string
}

export interface AnswerView {
  personId: string
  name: string
  phone: string
  kind: ReserveKind
  answer: CallUpAnswer
  note: string
  answeredAt: string
  assignment: Assignment | null
}

export interface MyCallUp extends CallUpView {
  myAnswer: CallUpAnswer | null
  myNote: string
  assignment: Assignment | null
  /** the emergency ended: shown for the record, no longer answered */
  ended: boolean
}

export interface MicroGridLeader {
  personId: string
  /** 已注销居民 once they asked to be deleted */
  name: string
  kind: ReserveKind | null
}

export interface MicroGridView {
  id: string
  name: string
  kind: MicroGridKind
  emergencyId: string
  emergencyName: string
  grid: UnitRef
  buildings: UnitRef[]
  leader: MicroGridLeader
  /** households of its buildings (their counters) */
  households: number
  createdByName: string
  createdAt: string
  retiredAt: string | null
  retiredByName: string | null
}

export interface MicroGridBuilding extends UnitRef {
  households: number
  /** the 战时网格 in force it is in, or null */
  microGridId: string | null
  microGridName: string | null
}

export interface MicroGridNoticeReach {
  noticeId: string
  title: string
  publishedAt: string
  /** households of its buildings that got it (收到 or 上门告知) */
  reached: number
}

export interface MicroGridDetail extends MicroGridView {
  /** the leader's phone: they are called from this page */
  leaderPhone: string
  buildingCounts: { id: string; name: string; households: number }[]
  notices: MicroGridNoticeReach[]
  /** the caller may rename, change the leader or retire it */
  mayManage: boolean
  /** the caller leads it */
  mine: boolean
}

export interface MicroGridCandidate {
  personId: string
  name: string
  kind: ReserveKind
  placeName: string
}

export interface EmergencyPage<T> {
  rows: T[]
  nextCursor: string | null
}

export interface EmergencyApi {
  declare: { payload: z.input<typeof emergencyPayloads.declare>; result: { id: string } }
  updateInstructions: { payload: z.input<typeof emergencyPayloads.updateInstructions>; result: EmergencyView }
  end: { payload: z.input<typeof emergencyPayloads.end>; result: EmergencyView }
  current: { payload: z.input<typeof emergencyPayloads.current>; result: { rows: EmergencyView[] } }
  detail: { payload: z.input<typeof emergencyPayloads.detail>; result: EmergencyDetail }
  list: { payload: z.input<typeof emergencyPayloads.list>; result: EmergencyPage<EmergencyView> }
  register: { payload: z.input<typeof emergencyPayloads.register>; result: ReserveView }
  mine: {
    payload: z.input<typeof emergencyPayloads.mine>
    result: { member: ReserveView | null; callUps: MyCallUp[] }
  }
  reserve: {
    payload: z.input<typeof emergencyPayloads.reserve>
    result: EmergencyPage<ReserveView> & { total: number }
  }
  callUp: { payload: z.input<typeof emergencyPayloads.callUp>; result: { id: string; reached: number } }
  callUps: { payload: z.input<typeof emergencyPayloads.callUps>; result: EmergencyPage<CallUpView> }
  callUpDetail: {
    payload: z.input<typeof emergencyPayloads.callUpDetail>
    result: { callUp: CallUpView; answers: EmergencyPage<AnswerView> }
  }
  answer: { payload: z.input<typeof emergencyPayloads.answer>; result: MyCallUp }
  assign: { payload: z.input<typeof emergencyPayloads.assign>; result: AnswerView }
  microGrids: {
    payload: z.input<typeof emergencyPayloads.microGrids>
    result: {
      grid: UnitRef
      /** the emergency in force over the grid (null: none, nothing may be drawn) */
      emergency: { id: string; name: string } | null
      mayManage: boolean
      buildings: MicroGridBuilding[]
      rows: MicroGridView[]
      retired: MicroGridView[]
    }
  }
  microGrid: { payload: z.input<typeof emergencyPayloads.microGrid>; result: MicroGridDetail }
  createMicroGrid: { payload: z.input<typeof emergencyPayloads.createMicroGrid>; result: MicroGridView }
  renameMicroGrid: { payload: z.input<typeof emergencyPayloads.renameMicroGrid>; result: MicroGridView }
  changeMicroGridLeader: { payload: z.input<typeof emergencyPayloads.changeMicroGridLeader>; result: MicroGridView }
  retireMicroGrid: { payload: z.input<typeof emergencyPayloads.retireMicroGrid>; result: MicroGridView }
  myMicroGrids: { payload: z.input<typeof emergencyPayloads.myMicroGrids>; result: { rows: MicroGridView[] } }
  microGridCandidates: {
    payload: z.input<typeof emergencyPayloads.microGridCandidates>
    result: EmergencyPage<MicroGridCandidate>
  }
}
