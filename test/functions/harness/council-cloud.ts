/**
 * The `council` function (三长议事) hosted by the local cloud over the demo community (functions-cloud.ts), with
 * `files` (proposal photos) and `requests` (a linked request): calls as a person, people seeded on the fly (fresh
 * residents of a household, heads of a unit), a photo uploaded as the mini-program does, and the council's
 * collections read back. For the proposals and the meetings suites alike.
 */
import { PNG } from 'pngjs'
import type { ActionName } from '../../../core/contract'
import type { Envelope } from '../../../core/envelope'
import type { PersonDoc } from '../../../core/model'
import type { Role } from '../../../core/roles'
import { isWithin, type Unit } from '../../../core/units'
import { readCollections, startFunctionsCloud, type FunctionsCloud } from './functions-cloud'

/** A word the msgSecCheck stand-in refuses. */
export const BLOCKED = '网络赌博'

export interface CouncilCloud extends FunctionsCloud {
  act<T = unknown>(person: PersonDoc, action: ActionName<'council'>, payload: unknown): Promise<Envelope<T>>
  /** Like act, expecting success: the data, or a failure naming the code. */
  ok<T = unknown>(person: PersonDoc, action: ActionName<'council'>, payload: unknown): Promise<T>
  /** 'ok' or the failure's code. */
  code(person: PersonDoc, action: ActionName<'council'>, payload: unknown): Promise<string>
  /** Any function, as a person. */
  callAs<T = unknown>(fn: string, person: PersonDoc, action: string, payload: unknown): Promise<Envelope<T>>
  /** A fresh resident of a household (their own openid, no other role). */
  newResident(householdId: string, name?: string): Promise<PersonDoc>
  /** A fresh person holding `role` over `unitId` (and living in `home`, when given). */
  newHolder(role: Role, unitId: string, home?: string): Promise<PersonDoc>
  /** The households under a unit, in the demo's order. */
  householdsUnder(unitId: string): Unit[]
  unit(id: string): Unit
  /** Uploads a real PNG for `purpose` as the mini-program does (files.reserve → upload → files.uploaded). */
  photo(person: PersonDoc, purpose?: string): Promise<string>
  /** Every document of these collections. */
  collections(names: readonly string[]): Promise<Record<string, unknown[]>>
}

let serial = 0
/** A tap id of the client's shape (8–64 of [A-Za-z0-9_-]). */
export const newTap = (label = 'tap'): string => `${label}-${Date.now().toString(36)}-${++serial}`

function png(): Buffer {
  const img = new PNG({ width: 2, height: 2 })
  img.data.fill(0x60)
  return PNG.sync.write(img)
}

export async function startCouncilCloud(extraFunctions: readonly string[] = []): Promise<CouncilCloud> {
  const g = await startFunctionsCloud(['council', 'files', 'requests', ...extraFunctions], {
    blockedWords: [BLOCKED],
    timers: false,
  })
  const units = new Map(g.demo.units.map((u) => [u._id, u]))
  const callAs = async <T>(fn: string, person: PersonDoc, action: string, payload: unknown) => {
    if (!person.openid) throw new Error(`${person._id} has no openid`)
    return (await g.cloud.callFunction(fn, { action, payload }, { openid: person.openid })).result as Envelope<T>
  }
  const act = <T>(person: PersonDoc, action: string, payload: unknown) => callAs<T>('council', person, action, payload)
  const must = <T>(res: Envelope<T>, what: string): T => {
    if (!res.ok) throw new Error(`${what}: ${res.code} ${res.message}`)
    return res.data
  }
  const addPerson = async (p: Omit<PersonDoc, 'createdAt'>) => {
    const doc: PersonDoc = { ...p, createdAt: new Date() }
    await g.cloud.seed({ people: [doc] })
    return doc
  }
  const unit = (id: string) => {
    const u = units.get(id)
    if (!u) throw new Error(`no unit ${id}`)
    return u
  }
  return Object.assign(g, {
    act,
    callAs,
    async ok<T>(person: PersonDoc, action: string, payload: unknown) {
      return must(await act<T>(person, action, payload), `${action} as ${person._id}`)
    },
    async code(person: PersonDoc, action: string, payload: unknown) {
      const res = await act(person, action, payload)
      return res.ok ? 'ok' : res.code
    },
    async newResident(householdId: string, name = '议事居民') {
      const home = unit(householdId)
      if (home.level !== 'household') throw new Error(`no household ${householdId}`)
      const n = ++serial
      return addPerson({
        _id: `cc_person_${n}`,
        openid: `o_cc_${n}`,
        name: `${name}${n}`,
        phone: `1390001${String(n).padStart(4, '0')}`,
        householdId: home._id,
        homePath: home.path,
        roles: [{ role: 'resident', unitId: home._id }],
      })
    },
    async newHolder(role: Role, unitId: string, homeId?: string) {
      const n = ++serial
      const home = homeId ? unit(homeId) : null
      return addPerson({
        _id: `cc_holder_${n}`,
        openid: `o_cch_${n}`,
        name: `议事${n}`,
        phone: `1390002${String(n).padStart(4, '0')}`,
        ...(home ? { householdId: home._id, homePath: home.path } : {}),
        roles: [...(home ? [{ role: 'resident' as const, unitId: home._id }] : []), { role, unitId }],
      })
    },
    householdsUnder(unitId: string) {
      const u = unit(unitId)
      return g.demo.units.filter((x) => x.level === 'household' && isWithin(x.path, u.path))
    },
    unit,
    async photo(person: PersonDoc, purpose = 'proposal') {
      const { uploads } = must(
        await callAs<{ uploads: { cloudPath: string }[] }>('files', person, 'reserve', { purpose, exts: ['png'] }),
        'files.reserve',
      )
      const res = await fetch(
        `${g.cloud.url}/local/storage/upload?cloudPath=${encodeURIComponent(uploads[0].cloudPath)}`,
        { method: 'POST', body: new Uint8Array(png()) },
      )
      const { fileID } = (await res.json()) as { fileID: string }
      must(await callAs('files', person, 'uploaded', { purpose, fileIDs: [fileID] }), 'files.uploaded')
      return fileID
    },
    collections: readCollections,
  })
}
