/** The grid domain as pages see it: who I am, and the counts of a unit I lead. */
import type { MeResult, OverviewResult } from '../../core/contract'
import { call } from './transport'

export type { HeadView, MeResult, OverviewResult, RoleView, UnitRef } from '../../core/contract'

export const getMe = (): Promise<MeResult> => call('grid', 'me', {})

export const getOverview = (unitId: string): Promise<OverviewResult> => call('grid', 'overview', { unitId })
