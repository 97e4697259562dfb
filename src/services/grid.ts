/** The grid domain as pages see it: who I am, and the counts of a unit I lead. */
import type { ActionKey, HouseholdFilter, HouseholdsResult, MeResult, OverviewResult } from '../../core/contract'
import { mayEverCall } from '../../core/permissions'
import { sessionEpoch } from './session'
import { call } from './transport'

export type {
  HeadView,
  HouseholdFilter,
  HouseholdRow,
  HouseholdsResult,
  MeResult,
  MemberView,
  OverviewResult,
  RoleView,
  UnitRef,
} from '../../core/contract'

/** The last grid.me of this session (in flight or answered); a new session (services/session) voids it. */
let me: { epoch: number; answer: Promise<MeResult>; settled: boolean } | null = null

/** Who I am, asked afresh; a call made while one is in flight for this session shares it. */
export function getMe(): Promise<MeResult> {
  const epoch = sessionEpoch()
  if (me && me.epoch === epoch && !me.settled) return me.answer
  const entry = { epoch, answer: call('grid', 'me', {}), settled: false }
  me = entry
  entry.answer.then(
    () => (entry.settled = true),
    // a failed answer is not remembered: the next knownMe asks again
    () => {
      if (me === entry) me = null
    },
  )
  return entry.answer
}

/** Who I am as last asked in this session, asking only when nothing is known yet. */
export const knownMe = (): Promise<MeResult> => (me && me.epoch === sessionEpoch() ? me.answer : getMe())

/** Whether my roles could ever pass `action` (core/permissions): screens skip calls that would be refused. */
export async function mayCall(action: ActionKey): Promise<boolean> {
  const { person, roles } = await knownMe()
  return mayEverCall(
    action,
    roles.map((r) => r.role),
    person !== null,
  )
}

export const getOverview = (unitId: string): Promise<OverviewResult> => call('grid', 'overview', { unitId })

/** 网格管理: a page of the households under a grid or micro-grid, members' phones in full (the read is audited). */
export const getHouseholds = (
  unitId: string,
  filter: HouseholdFilter,
  page: number,
  pageSize = 20,
): Promise<HouseholdsResult> => call('grid', 'households', { unitId, filter, page, pageSize })
