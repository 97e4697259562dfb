/** What the district benchmark's sections share (bench/district.ts, bench/district-testing.ts): a call through the
 * local cloud that never throws, `n` timed calls with the documents they examined, and the persona lookup. */
import { performance } from 'node:perf_hooks'
import type { PersonDoc } from '../core/model'
import type { LocalCloud } from '../emulator'

export interface Envelope {
  ok: boolean
  code?: string
  data?: Record<string, unknown>
}

export interface Row {
  p50: number
  p99: number
  examined: number
  note?: string
}
export type Outcome = Row | { missing: string }

export async function call(cloud: LocalCloud, fn: string, openid: string, data: unknown): Promise<Envelope> {
  try {
    return (await cloud.callFunction(fn, data, { openid })).result as Envelope
  } catch (e) {
    // a function that throws (another change half-way through) is a row of its own, never the end of the run
    return {
      ok: false,
      code: `function failed (${String((e as Error).message)
        .split('errMsg: ')
        .pop()
        ?.slice(0, 60)})`,
    }
  }
}

export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

/** `n` calls one after another; examined is per call. A refusal of the first call ends the row with its code. */
export async function measure(cloud: LocalCloud, n: number, op: (i: number) => Promise<Envelope>): Promise<Outcome> {
  const warm = await op(-1)
  if (!warm.ok) return { missing: warm.code === 'UNKNOWN_ACTION' ? 'not available' : `refused: ${warm.code}` }
  cloud.queryStats({ reset: true })
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    const res = await op(i)
    times.push(performance.now() - t)
    if (!res.ok) return { missing: `refused: ${res.code}` }
  }
  const examined = cloud.queryStats().examined / n
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p99: percentile(times, 99), examined }
}

export function holder(people: readonly PersonDoc[], role: string, unitId: string): PersonDoc {
  const p = people.find((x) => x.openid && x.roles.some((r) => r.role === role && r.unitId === unitId))
  if (!p) throw new Error(`nobody is ${role} of ${unitId}`)
  return p
}
