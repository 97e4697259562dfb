/**
 * When a 收到 is counted. A notice to a grid or a building counts each 收到 at once, in the 收到's own transaction
 * (server/reach-ledger.ts recordAck): its reach page moves as residents answer. A notice to a community or a street
 * is the one relayed into hundreds of group chats, whose residents answer in a flash crowd: there a 收到 is kept as
 * the person's ack marked `uncounted` (one write, nothing shared with anyone else's 收到), and the `countAcks`
 * timer counts them by the same ledger rule within a minute (server/ack-counting.ts), many households a page.
 * Decided once at publishing and stored on the notice, so every 收到 of one notice is counted the same way.
 */
import type { Level } from '../units'

export type AckCounting = 'now' | 'batched'

/** Levels whose notices count 收到 in batches: an audience of more than one grid. */
const BATCHED_LEVELS: readonly Level[] = ['street', 'community']

/** How the 收到 of a notice to these units are counted. */
export const countingFor = (targetLevels: readonly Level[]): AckCounting =>
  targetLevels.some((l) => BATCHED_LEVELS.includes(l)) ? 'batched' : 'now'

/** Acks counted per page by the timer, and the part of a firing it may spend before it leaves the rest for the next. */
export const COUNT_PAGE = 500
export const COUNT_BUDGET_MS = 40_000
