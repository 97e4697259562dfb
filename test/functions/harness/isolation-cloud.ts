/**
 * The `isolation` function hosted by the local cloud over the demo community (functions-cloud.ts), for the isolation
 * suites: calls as a person, fresh residents, volunteers and leaders seeded on the fly, and the collections read back.
 */
import type { ActionName } from '../../../core/contract'
import type { Envelope } from '../../../core/envelope'
import type { PersonDoc } from '../../../core/model'
import type { Role } from '../../../core/roles'
import { isWithin, type Unit } from '../../../core/units'
import { startFunctionsCloud, type FunctionsCloud } from './functions-cloud'

export interface IsolationCloud extends FunctionsCloud {
  act<T = unknown>(person: PersonDoc, action: ActionName<'isolation'>, payload: unknown): Promise<Envelope<T>>
  ok<T = unknown>(person: PersonDoc, action: ActionName<'isolation'>, payload: unknown): Promise<T>
  /** A fresh resident of the n-th household under `unitId` (a volunteer when asked). */
  newResident(unitId: string, n?: number, volunteer?: boolean): Promise<PersonDoc>
  newLeader(role: Role, unitId: string): Promise<PersonDoc>
  householdsUnder(unitId: string): Unit[]
  collections(names: readonly string[]): Promise<Record<string, unknown[]>>
}

let serial = 0

/** `functions`: which to bundle first (the privacy suite needs privacy too). */
export async function startIsolationCloud(functions: readonly string[] = ['isolation']): Promise<IsolationCloud> {
  const g = await startFunctionsCloud(functions, { timers: false })
  const byId = new Map(g.demo.units.map((u) => [u._id, u]))
  const act = async <T>(person: PersonDoc, action: string, payload: unknown) => {
    if (!person.openid) throw new Error(`${person._id} has no openid`)
    return (await g.cloud.callFunction('isolation', { action, payload }, { openid: person.openid }))
      .result as Envelope<T>
  }
  const householdsUnder = (unitId: string) =>
    g.demo.units.filter((u) => u.level === 'household' && isWithin(u.path, (byId.get(unitId) as Unit).path))
  const seedPerson = async (p: Omit<PersonDoc, 'createdAt'>) => {
    const doc: PersonDoc = { ...p, createdAt: new Date() }
    await g.cloud.seed({ people: [doc] })
    return doc
  }
  return Object.assign(g, {
    act,
    async ok<T>(person: PersonDoc, action: string, payload: unknown) {
      const res = await act<T>(person, action, payload)
      if (!res.ok) throw new Error(`${action} as ${person._id}: ${res.code} ${res.message}`)
      return res.data
    },
    async newResident(unitId: string, n = 0, volunteer = false) {
      const homes = householdsUnder(unitId)
      const home = homes[n % homes.length]
      const k = ++serial
      return seedPerson({
        _id: `iso_person_${k}`,
        openid: `o_iso_${k}`,
        name: `隔离测试居民${k}`,
        phone: `1390003${String(k).padStart(4, '0')}`,
        householdId: home._id,
        homePath: home.path,
        roles: [{ role: 'resident', unitId: home._id }],
        ...(volunteer ? { volunteer: true } : {}),
      })
    },
    async newLeader(role: Role, unitId: string) {
      const k = ++serial
      return seedPerson({
        _id: `iso_leader_${k}`,
        openid: `o_iso_leader_${k}`,
        name: `隔离负责人${k}`,
        phone: `1390004${String(k).padStart(4, '0')}`,
        roles: [{ role, unitId }],
      })
    },
    householdsUnder,
    async collections(names: readonly string[]) {
      const all = await g.dump()
      return Object.fromEntries(names.map((n) => [n, all[n] ?? []]))
    },
  })
}
