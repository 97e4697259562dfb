/**
 * The `emergency` function as pages see it (应急状态, issue 12): declare, change the pinned instructions and end an
 * emergency, the one reaching me, its page, the history; the reserve force (应急力量): register, my entry and
 * call-ups, answer; staff's reserve list, call-ups, who answered what, and assignment. The server checks every scope.
 */
import type { EmergencyApi } from '../../core/contract'
import { call } from './transport'

export type {
  AnswerView,
  CallUpAnswer,
  CallUpView,
  EmergencyDetail,
  EmergencyLevel,
  EmergencyView,
  MicroGridCandidate,
  MicroGridDetail,
  MicroGridKind,
  MicroGridView,
  MyCallUp,
  ReserveKind,
  ReserveSkill,
  ReserveView,
} from '../../core/contract'
export {
  CALLUP_ANSWER_LABELS,
  EMERGENCY_LEVEL_LABELS,
  EMERGENCY_LEVELS,
  EMERGENCY_LIMITS,
  MICROGRID_KIND_LABELS,
  MICROGRID_KINDS,
  RESERVE_KIND_LABELS,
  RESERVE_KINDS,
  RESERVE_SKILL_LABELS,
  RESERVE_SKILLS,
} from '../../core/contract'

type R<A extends keyof EmergencyApi> = EmergencyApi[A]['result']
type P<A extends keyof EmergencyApi> = EmergencyApi[A]['payload']

/** A fresh id for one tap (a declare, a call-up): a retry of the same tap sends it again, so the cloud writes once. */
export function newEmergencyTap(): string {
  return `e${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12).padEnd(10, '0')}`
}

const paged = (cursor?: string) => (cursor ? { cursor } : {})

// ---- the switch ----

export const declareEmergency = (input: P<'declare'>): Promise<R<'declare'>> => call('emergency', 'declare', input)
export const updateInstructions = (id: string, instructions: string): Promise<R<'updateInstructions'>> =>
  call('emergency', 'updateInstructions', { id, instructions })
export const endEmergency = (id: string): Promise<R<'end'>> => call('emergency', 'end', { id })
export const getEmergency = (id: string): Promise<R<'detail'>> => call('emergency', 'detail', { id })
/** The emergencies not ended over my home or the units I lead (those starting later too). */
export const getCurrentEmergencies = (): Promise<R<'current'>> => call('emergency', 'current', {})
/** The history at and under a unit, newest first. */
export const getEmergencyHistory = (unitId: string, cursor?: string): Promise<R<'list'>> =>
  call('emergency', 'list', { unitId, ...paged(cursor) })

// ---- the reserve force ----

export const registerReserve = (input: P<'register'>): Promise<R<'register'>> => call('emergency', 'register', input)
export const getMyReserve = (): Promise<R<'mine'>> => call('emergency', 'mine', {})
export const answerCallUp = (callUpId: string, answer: P<'answer'>['answer'], note = ''): Promise<R<'answer'>> =>
  call('emergency', 'answer', { callUpId, answer, note })

export const getReserve = (
  unitId: string,
  filter: { kind?: P<'reserve'>['kind']; skill?: P<'reserve'>['skill'] },
  cursor?: string,
): Promise<R<'reserve'>> => call('emergency', 'reserve', { unitId, ...filter, ...paged(cursor) })
export const callUpReserve = (input: P<'callUp'>): Promise<R<'callUp'>> => call('emergency', 'callUp', input)
export const getCallUps = (emergencyId: string, unitId: string, cursor?: string): Promise<R<'callUps'>> =>
  call('emergency', 'callUps', { emergencyId, unitId, ...paged(cursor) })
export const getCallUp = (
  callUpId: string,
  answer?: P<'callUpDetail'>['answer'],
  cursor?: string,
): Promise<R<'callUpDetail'>> =>
  call('emergency', 'callUpDetail', { callUpId, ...(answer ? { answer } : {}), ...paged(cursor) })
export const assignAnswerer = (input: P<'assign'>): Promise<R<'assign'>> => call('emergency', 'assign', input)

// ---- 战时网格 (micro-grids of a grid for the emergency in force over it) ----

export const getMicroGrids = (gridId: string): Promise<R<'microGrids'>> => call('emergency', 'microGrids', { gridId })
export const getMicroGrid = (id: string): Promise<R<'microGrid'>> => call('emergency', 'microGrid', { id })
export const createMicroGrid = (input: P<'createMicroGrid'>): Promise<R<'createMicroGrid'>> =>
  call('emergency', 'createMicroGrid', input)
export const renameMicroGrid = (id: string, name: string, kind: P<'renameMicroGrid'>['kind']) =>
  call('emergency', 'renameMicroGrid', { id, name, kind })
export const changeMicroGridLeader = (id: string, leaderId: string): Promise<R<'changeMicroGridLeader'>> =>
  call('emergency', 'changeMicroGridLeader', { id, leaderId })
export const retireMicroGrid = (id: string): Promise<R<'retireMicroGrid'>> =>
  call('emergency', 'retireMicroGrid', { id })
export const getMyMicroGrids = (): Promise<R<'myMicroGrids'>> => call('emergency', 'myMicroGrids', {})
export const getMicroGridCandidates = (gridId: string, cursor?: string): Promise<R<'microGridCandidates'>> =>
  call('emergency', 'microGridCandidates', { gridId, ...paged(cursor) })
