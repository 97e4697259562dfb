/**
 * What an errand (跑腿代购) earns its taker: the community's `errandPoints` (core/requests/settings.ts, default
 * ERRAND_POINTS, at most ERRAND_POINTS_MAX), paid once from the community's pool when the reporter rates it 满意 or
 * 基本满意 (core/requests/machine.ts sets errandPaidAt; cloudfunctions/requests/move.ts posts the transfer errandEarnId
 * in the same transaction, for the amount in force at that rating).
 */
import { REQUEST_LIMITS } from '../contract/requests'

export const ERRAND_POINTS = 10

/** The most one errand may earn (the contract's limit, which the settings page states). */
export const ERRAND_POINTS_MAX = REQUEST_LIMITS.errandPoints

/** Why the taker's history shows the points: 跑腿代购：<the request's title>. */
export const errandReason = (title: string): string => `跑腿代购：${title}`
