/**
 * What an errand (跑腿代购) earns its taker: a fixed number of points, paid once from the community's pool when the
 * reporter rates it 满意 or 基本满意 (core/requests/machine.ts sets errandPaidAt; cloudfunctions/requests/move.ts posts
 * the transfer errandEarnId in the same transaction). Not yet a community setting.
 */
export const ERRAND_POINTS = 10

/** Why the taker's history shows the points: 跑腿代购：<the request's title>. */
export const errandReason = (title: string): string => `跑腿代购：${title}`
