/**
 * The `emergency` and `grid` functions hosted by the local cloud over the demo (functions-cloud.ts), for the
 * emergency suites: calls as a person, people seeded on the fly, and stored documents read back.
 */
import type { ActionName, Result } from '../../../core/contract'
import type { Envelope } from '../../../core/envelope'
import type { PersonDoc } from '../../../core/model'
import type { Role } from '../../../core/roles'
import { isWithin, type Unit } from '../../../core/units'
import { startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

/** A word the msgSecCheck stand-in refuses. */
export const BLOCKED = '网络赌博'

type A = ActionName<'emergency'>

export interface EmergencyCloud extends FunctionsCloud {
  act<K extends A>(person: PersonDoc, action: K, payload: unknown): Promise<Envelope<Result<'emergency', K>>>
  ok<K extends A>(person: PersonDoc, action: K, payload: unknown): Promise<Result<'emergency', K>>
  home(person: PersonDoc): Promise<Result<'grid', 'home'>>
  stored<T>(collection: string): Promise<T[]>
  unit(id: string): Unit
  /** A fresh person: a resident of a household, or holding one role over a unit. */
  resident(householdId: string): Promise<PersonDoc>
  holding(role: Role, unitId: string): Promise<PersonDoc>
  /** The nth household under a unit. */
  householdUnder(unitId: string, nth?: number): Unit
}

let serial = 0
export const newTap = (label = 'tap'): string => `${label}-${Date.now().toString(36)}-${++serial}`

export async function startEmergencyCloud(): Promise<EmergencyCloud> {
  const g = await startFunctionsCloud(['emergency', 'grid'], { blockedWords: [BLOCKED], timers: false })
  const units = new Map(g.demo.units.map((u) => [u._id, u]))
  const unit = (id: string) => {
    const u = units.get(id)
    if (!u) throw new Error(`no unit ${id}`)
    return u
  }
  const call = async <T>(fn: string, person: PersonDoc, data: unknown) => {
    if (!person.openid) throw new Error(`${person._id} has no openid`)
    return (await g.cloud.callFunction(fn, data, { openid: person.openid })).result as Envelope<T>
  }
  const must = <T>(res: Envelope<T>, what: string): T => {
    if (!res.ok) throw new Error(`${what}: ${res.code} ${res.message}`)
    return res.data
  }
  const add = async (p: Omit<PersonDoc, 'createdAt'>) => {
    const doc: PersonDoc = { ...p, createdAt: new Date() }
    await g.cloud.seed({ people: [doc] })
    return doc
  }
  return Object.assign(g, {
    act: <K extends A>(person: PersonDoc, action: K, payload: unknown) =>
      call<Result<'emergency', K>>('emergency', person, { action, payload }),
    async ok<K extends A>(person: PersonDoc, action: K, payload: unknown) {
      return must(
        await call<Result<'emergency', K>>('emergency', person, { action, payload }),
        `${action} as ${person._id}`,
      )
    },
    async home(person: PersonDoc) {
      return must(await call<Result<'grid', 'home'>>('grid', person, { action: 'home', payload: {} }), 'grid.home')
    },
    async stored<T>(collection: string) {
      return ((await g.dump())[collection] ?? []) as T[]
    },
    unit,
    householdUnder(unitId: string, nth = 0) {
      const scope = unit(unitId)
      const found = g.demo.units.filter((u) => u.level === 'household' && isWithin(u.path, scope.path))[nth]
      if (!found) throw new Error(`no household #${nth} under ${unitId}`)
      return found
    },
    async resident(householdId: string) {
      const home = unit(householdId)
      const n = ++serial
      return add({
        _id: `em_person_${n}`,
        openid: `o_em_${n}`,
        name: `应急测试${n}`,
        phone: `1370000${String(n).padStart(4, '0')}`,
        householdId: home._id,
        homePath: home.path,
        roles: [{ role: 'resident', unitId: home._id }],
      })
    },
    async holding(role: Role, unitId: string) {
      const n = ++serial
      return add({
        _id: `em_person_${n}`,
        openid: `o_em_${n}`,
        name: `应急干部${n}`,
        phone: `1370000${String(n).padStart(4, '0')}`,
        roles: [{ role, unitId }],
      })
    },
  })
}
