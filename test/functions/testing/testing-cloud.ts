/**
 * The `testing` function hosted by the local cloud over the demo community, for the testing suites: calls as a
 * person, the demo's units and people looked up by what they are, and a round of 和平里社区 set up by its staff.
 */
import type { ActionName } from '../../../core/contract'
import type { Envelope } from '../../../core/envelope'
import type { PersonDoc } from '../../../core/model'
import { isWithin, type Unit } from '../../../core/units'
import { startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

export interface TestingCloud extends FunctionsCloud {
  act<T = unknown>(person: PersonDoc, action: ActionName<'testing'>, payload: unknown): Promise<Envelope<T>>
  ok<T = unknown>(person: PersonDoc, action: ActionName<'testing'>, payload: unknown): Promise<T>
  /** The person of the n-th persona of the picker. */
  persona(n: number | string): PersonDoc
  unit(id: string): Unit
  under(unitId: string, level: Unit['level']): Unit[]
  store<T>(collection: string): Promise<T[]>
}

let serial = 0
export const tap = (label = 'tap'): string => `${label}-${Date.now().toString(36)}-${++serial}`

export async function startTestingCloud(): Promise<TestingCloud> {
  const g = await startFunctionsCloud(['testing'])
  const units = new Map(g.demo.units.map((u) => [u._id, u]))
  const act = async <T>(person: PersonDoc, action: string, payload: unknown) => {
    if (!person.openid) throw new Error(`${person._id} has no openid`)
    return (await g.cloud.callFunction('testing', { action, payload }, { openid: person.openid })).result as Envelope<T>
  }
  const byRole = g.persona
  return Object.assign(g, {
    act,
    async ok<T>(person: PersonDoc, action: string, payload: unknown) {
      const res = await act<T>(person, action, payload)
      if (!res.ok) throw new Error(`${action} as ${person._id}: ${res.code} ${res.message}`)
      return res.data
    },
    persona(n: number | string) {
      if (typeof n === 'string') return byRole(n)
      const openid = g.demo.personas[n]?.openid
      const p = g.demo.people.find((x) => x.openid === openid)
      if (!p) throw new Error(`no persona ${n}`)
      return p
    },
    unit(id: string) {
      const u = units.get(id)
      if (!u) throw new Error(`no unit ${id}`)
      return u
    },
    under(unitId: string, level: Unit['level']) {
      const scope = units.get(unitId)
      if (!scope) throw new Error(`no unit ${unitId}`)
      return g.demo.units.filter((u) => u.level === level && !u.retired && isWithin(u.path, scope.path))
    },
    async store<T>(collection: string) {
      return (await g.dump())[collection] as T[]
    },
  })
}
