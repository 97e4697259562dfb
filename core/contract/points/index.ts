/**
 * The `points` function's contract: volunteering (./activities.ts: activities, 接龙, attendance, earning, teams, the
 * record) and the wallet (./wallet.ts: the ledger, services, vouchers, 核销, statements), routed by one function.
 */
import { activityPayloads, type ActivitiesApi } from './activities'
import { walletPayloads, type WalletApi } from './wallet'

export * from './activities'
export * from './wallet'

export const pointsPayloads = { ...activityPayloads, ...walletPayloads }

export type PointsApi = ActivitiesApi & WalletApi
