/**
 * The `duty` function hosted by the local cloud over the demo community (functions-cloud.ts), for the duty suites:
 * calls as a person, fresh residents and leaders seeded on the fly, shifts seeded at chosen times (a test cannot wait
 * eight hours for a shift to end), and the demo's units picked by what they are.
 */
import type { ActionName } from '../../../core/contract'
import type { Envelope } from '../../../core/envelope'
import type { PersonDoc, ShiftDoc, ShiftSignupDoc } from '../../../core/model'
import type { Role } from '../../../core/roles'
import { ancestorAt, isWithin, type Unit } from '../../../core/units'
import { startFunctionsCloud, type FunctionsCloud } from './functions-cloud'

export interface DutyCloud extends FunctionsCloud {
  act<T = unknown>(person: PersonDoc, action: ActionName<'duty'>, payload: unknown): Promise<Envelope<T>>
  /** Like act, expecting success: the data, or a failure naming the code. */
  ok<T = unknown>(person: PersonDoc, action: ActionName<'duty'>, payload: unknown): Promise<T>
  /** A fresh resident of a household under `unitId` (the n-th one found), with their own openid. */
  newResident(unitId: string, n?: number): Promise<PersonDoc>
  /** A fresh person holding `role` over `unitId` only. */
  newLeader(role: Role, unitId: string): Promise<PersonDoc>
  /** Seeds a shift of a checkpoint at chosen times (and its seats), as addShifts and signUp would write them. */
  seedShift(shift: ShiftDoc, seats?: ShiftSignupDoc[]): Promise<void>
  unit(id: string): Unit
  /** The households under a unit, in the demo's order. */
  householdsUnder(unitId: string): Unit[]
  collections(names: readonly string[]): Promise<Record<string, unknown[]>>
}

let serial = 0

/** `also`: more functions to host beside duty (the privacy suite deletes a person with duty records). */
export async function startDutyCloud(also: readonly string[] = []): Promise<DutyCloud> {
  const g = await startFunctionsCloud(['duty', ...also], { timers: false })
  const units = new Map(g.demo.units.map((u) => [u._id, u]))
  const unit = (id: string) => {
    const u = units.get(id)
    if (!u) throw new Error(`no unit ${id}`)
    return u
  }
  const act = async <T>(person: PersonDoc, action: string, payload: unknown) => {
    if (!person.openid) throw new Error(`${person._id} has no openid`)
    return (await g.cloud.callFunction('duty', { action, payload }, { openid: person.openid })).result as Envelope<T>
  }
  const householdsUnder = (unitId: string) =>
    g.demo.units.filter((u) => u.level === 'household' && isWithin(u.path, unit(unitId).path))
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
    async newResident(unitId: string, n = 0) {
      const homes = householdsUnder(unitId)
      const home = homes[n % homes.length]
      const k = ++serial
      return seedPerson({
        _id: `duty_person_${k}`,
        openid: `o_duty_${k}`,
        name: `值守居民${k}`,
        phone: `1390001${String(k).padStart(4, '0')}`,
        householdId: home._id,
        homePath: home.path,
        roles: [{ role: 'resident', unitId: home._id }],
      })
    },
    async newLeader(role: Role, unitId: string) {
      const k = ++serial
      return seedPerson({
        _id: `duty_leader_${k}`,
        openid: `o_duty_leader_${k}`,
        name: `值守负责人${k}`,
        phone: `1390002${String(k).padStart(4, '0')}`,
        roles: [{ role, unitId: unit(unitId)._id }],
      })
    },
    async seedShift(shift: ShiftDoc, seats: ShiftSignupDoc[] = []) {
      await g.cloud.seed({ shifts: [shift], ...(seats.length ? { shiftSignups: seats } : {}) })
    },
    unit,
    householdsUnder,
    async collections(names: readonly string[]) {
      const all = await g.dump()
      return Object.fromEntries(names.map((n) => [n, all[n] ?? []]))
    },
  })
}

/** The community of a unit in the demo. */
export const communityOf = (u: Unit): string => ancestorAt(u.path, 'community') as string
