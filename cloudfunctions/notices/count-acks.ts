/**
 * The `countAcks` timer (config.json, every minute, 60 s timeout): counts the 收到 of community and street notices
 * that their flash crowd left uncounted (core/notices/counting.ts), by the reach ledger, within a firing's budget
 * (server/ack-counting.ts). What it could not reach waits for the next firing.
 */
import { countAcks as countWaiting } from '../../server/ack-counting'
import type { TimerHandler } from '../../server/router'

export const countAcks: TimerHandler = ({ data }) =>
  countWaiting(data, { log: (message, error) => console.error(message, error) })
