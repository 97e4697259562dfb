/**
 * The `points` function's contract: volunteering (./activities.ts: activities, 接龙, attendance, earning, teams, the
 * record) and the wallet (./wallet.ts: the ledger, services, vouchers, 核销, statements), routed by one function.
 */
import { activityPayloads, type ActivitiesApi } from './activities'

export * from './activities'

export const pointsPayloads = { ...activityPayloads }

export type PointsApi = ActivitiesApi
