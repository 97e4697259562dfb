/** The grid domain as pages see it: who I am, and the counts of a unit I lead. */
import type { HouseholdFilter, HouseholdsResult, MeResult, OverviewResult } from '../../core/contract'
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

export const getMe = (): Promise<MeResult> => call('grid', 'me', {})

export const getOverview = (unitId: string): Promise<OverviewResult> => call('grid', 'overview', { unitId })

/** 网格管理: a page of the households under a grid or micro-grid, members' phones in full (the read is audited). */
export const getHouseholds = (
  unitId: string,
  filter: HouseholdFilter,
  page: number,
  pageSize = 20,
): Promise<HouseholdsResult> => call('grid', 'households', { unitId, filter, page, pageSize })
