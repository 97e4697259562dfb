/**
 * The `isolation` function as pages see it (居家隔离户, issue 12): marking a household home-isolated and ending it,
 * where to pick a household, the isolations in force, a grid's figures and overdue tasks; a volunteer's tasks,
 * taking, giving back and finishing one; the household's own schedule and 已收到. Who may do what is decided on the
 * cloud.
 */
import type { IsolationApi } from '../../core/contract'
import { call } from './transport'

export type { GridIsolationFigures, IsolationCard, IsolationTaskRow } from '../../core/contract'
export { ISOLATION_BOUNDS, ISOLATION_KIND_LABELS, ISOLATION_LIMITS, ISOLATION_TASK_MINUTES } from '../../core/contract'

type R<A extends keyof IsolationApi> = IsolationApi[A]['result']
export type MarkIsolation = IsolationApi['mark']['payload']

// ---- keepers and leaders ----

export const markIsolation = (payload: MarkIsolation): Promise<R<'mark'>> => call('isolation', 'mark', payload)

export const endIsolation = (isolationId: string): Promise<R<'end'>> => call('isolation', 'end', { isolationId })

/** A grid's buildings, or a building's households (to pick the one to mark). */
export const getIsolationHomes = (unitId: string): Promise<R<'homes'>> => call('isolation', 'homes', { unitId })

/** The isolations in force under a unit (or every one, `all`), newest first; the next page with `nextCursor`. */
export const getIsolations = (unitId: string, cursor?: string, all = false): Promise<R<'households'>> =>
  call('isolation', 'households', { unitId, all, ...(cursor ? { cursor } : {}) })

export const getIsolationFigures = (unitId: string): Promise<R<'figures'>> => call('isolation', 'figures', { unitId })

export const getOverdueTasks = (unitId: string, cursor?: string): Promise<R<'overdue'>> =>
  call('isolation', 'overdue', { unitId, ...(cursor ? { cursor } : {}) })

// ---- volunteers ----

/** The open tasks of a grid (mine by default), soonest first; on the first page also the tasks I hold. */
export const getIsolationTasks = (gridId?: string, cursor?: string): Promise<R<'tasks'>> =>
  call('isolation', 'tasks', { ...(gridId ? { gridId } : {}), ...(cursor ? { cursor } : {}) })

export const claimTask = (taskId: string): Promise<R<'claim'>> => call('isolation', 'claim', { taskId })

export const releaseTask = (taskId: string): Promise<R<'release'>> => call('isolation', 'release', { taskId })

export const finishTask = (taskId: string, note: string, photos: string[] = []): Promise<R<'done'>> =>
  call('isolation', 'done', { taskId, note, photos })

// ---- the household ----

/** My household's isolation and its tasks of one Beijing day (today by default). */
export const getMyIsolation = (day?: string): Promise<R<'mine'>> => call('isolation', 'mine', day ? { day } : {})

export const markReceived = (taskId: string): Promise<R<'received'>> => call('isolation', 'received', { taskId })
