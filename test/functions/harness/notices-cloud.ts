/**
 * The `notices` function hosted by the local cloud over the demo community (test/functions/harness/functions-cloud.ts), with
 * the msgSecCheck stand-in refusing BLOCKED, timers fired by hand (`fireDeliver`, `fireCountAcks`), and the people the notices
 * tests need picked from the demo by what they are, not by name.
 */
import type { ActionName } from '../../../core/contract'
import type { Envelope } from '../../../core/envelope'
import type { PersonDoc } from '../../../core/model'
import type { Role } from '../../../core/roles'
import type { Unit } from '../../../core/units'
import { buildFunctions } from '../../../scripts/build-functions'
import { startFunctionsCloud, type FunctionsCloud } from './functions-cloud'

export const BLOCKED = '网络赌博'

export interface NoticesCloud extends FunctionsCloud {
  act<T = unknown>(person: PersonDoc, action: ActionName<'notices'>, payload: unknown): Promise<Envelope<T>>
  /** Like act, expecting success: returns the data or throws with the failure. */
  ok<T = unknown>(person: PersonDoc, action: ActionName<'notices'>, payload: unknown): Promise<T>
  /** Fires the `deliver` timer trigger as the platform does (no user). */
  fireDeliver(): Promise<Envelope<{ sent: number; finished: number }>>
  /** Fires the `countAcks` timer (the 收到 a community's or street's notice left uncounted; core/notices/counting.ts). */
  fireCountAcks(): Promise<Envelope<{ acks: number; households: number; left: boolean }>>
  /** How many documents each collection holds. */
  counts(): Promise<Record<string, number>>
  holder(role: Role, unitId: string): PersonDoc
  unit(id: string): Unit
}

export const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString()

export async function startNoticesCloud(): Promise<NoticesCloud> {
  await buildFunctions(['notices'])
  const g = await startFunctionsCloud(['grid'], { blockedWords: [BLOCKED], timers: false })
  const units = new Map(g.demo.units.map((u) => [u._id, u]))
  const act = async <T>(person: PersonDoc, action: string, payload: unknown) => {
    if (!person.openid) throw new Error(`${person._id} has no openid`)
    return (await g.cloud.callFunction('notices', { action, payload }, { openid: person.openid })).result as Envelope<T>
  }
  return Object.assign(g, {
    act,
    async ok<T>(person: PersonDoc, action: string, payload: unknown) {
      const res = await act<T>(person, action, payload)
      if (!res.ok) throw new Error(`${action} as ${person._id}: ${res.code} ${res.message}`)
      return res.data
    },
    async fireDeliver() {
      const event = { Type: 'Timer', TriggerName: 'deliver', Time: new Date().toISOString(), Message: '' }
      return (await g.cloud.callFunction('notices', event, { openid: '' })).result as Envelope<{
        sent: number
        finished: number
      }>
    },
    async fireCountAcks() {
      const event = { Type: 'Timer', TriggerName: 'countAcks', Time: new Date().toISOString(), Message: '' }
      return (await g.cloud.callFunction('notices', event, { openid: '' })).result as Envelope<{
        acks: number
        households: number
        left: boolean
      }>
    },
    async counts() {
      const dump = await g.dump()
      return Object.fromEntries(Object.entries(dump).map(([name, docs]) => [name, docs.length]))
    },
    holder(role: Role, unitId: string) {
      const p = g.demo.people.find((x) => x.roles.some((r) => r.role === role && r.unitId === unitId))
      if (!p) throw new Error(`nobody is ${role} of ${unitId}`)
      return p
    },
    unit(id: string) {
      const u = units.get(id)
      if (!u) throw new Error(`no unit ${id}`)
      return u
    },
  })
}
