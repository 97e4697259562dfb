/**
 * What the emergency-mode browser suites share about the demo (emulator/seed): a grid chief's grid and its buildings,
 * the reserve force who may lead a 战时网格, and the care function's missedChecks timer fired through the local cloud
 * after a day's 20:00 (Beijing), as the platform's trigger would (never on a clock).
 */
import { cutoffOf } from '../../core/care/days'
import type { PersonDoc, ReserveMemberDoc } from '../../core/model'
import type { Unit } from '../../core/units'
import { personaPerson, type DemoCloud } from './demo-cloud'

/** The grid a grid chief leads. */
export const gridOf = (p: PersonDoc): string => p.roles.find((r) => r.role === 'gridChief')?.unitId as string

/** A grid's buildings (楼栋, the micro-grids of the demo). */
export const buildingsOf = (d: DemoCloud, gridId: string): Unit[] =>
  d.demo.units.filter((u): u is Unit => u.parentId === gridId && u.level === 'microgrid')

/** The demo's reserve force (应急力量). */
export const reserveMembers = (d: DemoCloud): ReserveMemberDoc[] =>
  (d.demo.requests as unknown as { reserveMembers: ReserveMemberDoc[] }).reserveMembers

/** Reserve members who may lead a 战时网格: not merchant staff, not the resident persona (kept as a plain resident). */
export function reserveLeaders(d: DemoCloud, count = 3): PersonDoc[] {
  const resident = personaPerson(d.demo, 'resident', 0)
  return reserveMembers(d)
    .filter((m) => m.kind !== 'merchantStaff' && m.personId !== resident._id)
    .map((m) => d.demo.people.find((p) => p._id === m.personId) as PersonDoc)
    .filter((p) => p.openid)
    .slice(0, count)
}

/** Fires the notices function's countAcks timer: a community's notice counts its 收到 within a minute
 * (core/notices/counting.ts); fails unless it counted everything waiting. */
export async function fireCountAcks(d: DemoCloud): Promise<void> {
  const fired = await d.cloud.callFunction('notices', { Type: 'Timer', TriggerName: 'countAcks' }, { openid: '' })
  expect(fired.result).toMatchObject({ ok: true, data: { left: false } })
}

/** Fires care's missedChecks timer a minute after `day`'s 20:00 (Beijing); fails unless it ran for that day. */
export async function fireMissedChecks(d: DemoCloud, day: string): Promise<void> {
  const fired = await d.cloud.callFunction(
    'care',
    { Type: 'Timer', TriggerName: 'missedChecks', Time: new Date(+cutoffOf(day) + 60_000).toISOString() },
    { openid: '' },
  )
  expect(fired.result).toMatchObject({ ok: true, data: { day } })
}
