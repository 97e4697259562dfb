/**
 * The `points` function's contract: volunteering (./activities.ts: activities, 接龙, attendance, earning, teams, the
 * record), the wallet (./wallet.ts: the ledger, services, vouchers, 核销, statements) and each community's rules
 * (./rules.ts), routed by one function.
 */
import { activityPayloads, type ActivitiesApi } from './activities'
import { rulesPayloads, type RulesApi } from './rules'
import { walletPayloads, type WalletApi } from './wallet'

export * from './activities'
export * from './rules'
export * from './wallet'

export const pointsPayloads = { ...activityPayloads, ...walletPayloads, ...rulesPayloads }

export type PointsApi = ActivitiesApi & WalletApi & RulesApi
