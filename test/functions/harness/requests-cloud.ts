/**
 * The `requests` function hosted by the local cloud over the demo community (functions-cloud.ts), for the requests
 * suites: calls as a person, the `sweep` timer fired by hand at a chosen time, people seeded on the fly (a
 * department's staff, fresh residents), a photo uploaded as the mini-program does, the subscribe messages sent, and
 * the demo's people picked by what they are.
 */
import { PNG } from 'pngjs'
import type { ActionName } from '../../../core/contract'
import type { Envelope } from '../../../core/envelope'
import { subscriptionId } from '../../../core/ids'
import type { PersonDoc, RequestCounterDoc, RequestDoc, RequestEventDoc } from '../../../core/model'
import { REQUEST_TEMPLATE } from '../../../core/requests/messages'
import type { Role } from '../../../core/roles'
import { ancestorAt, type Unit } from '../../../core/units'
import { readCollections, startFunctionsCloud, type FunctionsCloud } from './functions-cloud'

/** A word the msgSecCheck stand-in refuses. */
export const BLOCKED = '网络赌博'

export interface Sent {
  touser: string
  templateId: string
  page: string | null
  data: Record<string, { value: string }>
}

export interface RequestsCloud extends FunctionsCloud {
  act<T = unknown>(person: PersonDoc, action: ActionName<'requests'>, payload: unknown): Promise<Envelope<T>>
  /** Like act, expecting success: the data, or a failure naming the code. */
  ok<T = unknown>(person: PersonDoc, action: ActionName<'requests'>, payload: unknown): Promise<T>
  /** Fires the `sweep` timer as the platform does (no user), at `time`. */
  fireSweep(time: Date): Promise<Envelope<{ escalated: number; closed: number; skipped: number; done: boolean }>>
  /** Seeds a person (with an openid) and answers them. */
  addPerson(p: Omit<PersonDoc, 'createdAt'>): Promise<PersonDoc>
  /** A fresh resident of a household (their own openid, no other role). */
  newResident(householdId: string, name?: string): Promise<PersonDoc>
  /** Accepts `n` request messages for a person (as wx.requestSubscribeMessage and a subscribe action record them). */
  subscribe(person: PersonDoc, n?: number): Promise<void>
  /** The subscribe messages sent so far. */
  outbox(): Sent[]
  /** Uploads a real PNG as the mini-program does (files.reserve → upload → files.uploaded): its fileID. */
  photo(person: PersonDoc): Promise<string>
  /** Every document of these collections (fewer reads than dump()). */
  collections(names: readonly string[]): Promise<Record<string, unknown[]>>
  request(id: string): Promise<RequestDoc>
  events(requestId: string): Promise<RequestEventDoc[]>
  counter(id: string): Promise<RequestCounterDoc | null>
  holder(role: Role, unitId: string): PersonDoc
  unit(id: string): Unit
  /** Signed-up residents (no other role) living under a unit. */
  residentsUnder(unitId: string): PersonDoc[]
}

let serial = 0
const tap = (label: string) => `${label}-${Date.now().toString(36)}-${++serial}`
/** A tap id of the client's shape (8–64 of [A-Za-z0-9_-]). */
export const newTap = (label = 'tap'): string => tap(label)

function png(): Buffer {
  const img = new PNG({ width: 2, height: 2 })
  img.data.fill(0x60)
  return PNG.sync.write(img)
}

export async function startRequestsCloud(): Promise<RequestsCloud> {
  const g = await startFunctionsCloud(['requests', 'files'], { blockedWords: [BLOCKED], timers: false })
  const units = new Map(g.demo.units.map((u) => [u._id, u]))
  const extra: PersonDoc[] = []
  const people = () => [...g.demo.people, ...extra]
  const call = async <T>(fn: string, person: PersonDoc, data: unknown) => {
    if (!person.openid) throw new Error(`${person._id} has no openid`)
    return (await g.cloud.callFunction(fn, data, { openid: person.openid })).result as Envelope<T>
  }
  const act = <T>(person: PersonDoc, action: string, payload: unknown) =>
    call<T>('requests', person, { action, payload })
  const must = <T>(res: Envelope<T>, what: string): T => {
    if (!res.ok) throw new Error(`${what}: ${res.code} ${res.message}`)
    return res.data
  }
  const read = async <T>(name: string, id: string): Promise<T | null> =>
    ((await g.dump())[name] as (T & { _id: string })[]).find((d) => d._id === id) ?? null
  const addPerson = async (p: Omit<PersonDoc, 'createdAt'>) => {
    const doc: PersonDoc = { ...p, createdAt: new Date() }
    await g.cloud.seed({ people: [doc] })
    extra.push(doc)
    return doc
  }
  return Object.assign(g, {
    act,
    async ok<T>(person: PersonDoc, action: string, payload: unknown) {
      return must(await act<T>(person, action, payload), `${action} as ${person._id}`)
    },
    async fireSweep(time: Date) {
      const event = { Type: 'Timer', TriggerName: 'sweep', Time: time.toISOString(), Message: '' }
      return (await g.cloud.callFunction('requests', event, { openid: '' })).result as Envelope<{
        escalated: number
        closed: number
        skipped: number
        done: boolean
      }>
    },
    addPerson,
    async newResident(householdId: string, name = '测试居民') {
      const home = units.get(householdId)
      if (!home || home.level !== 'household') throw new Error(`no household ${householdId}`)
      const n = ++serial
      return addPerson({
        _id: `rq_person_${n}`,
        openid: `o_rq_${n}`,
        name: `${name}${n}`,
        phone: `1390000${String(n).padStart(4, '0')}`,
        householdId: home._id,
        homePath: home.path,
        roles: [{ role: 'resident', unitId: home._id }],
      })
    },
    async subscribe(person: PersonDoc, n = 5) {
      await g.cloud.seed({
        subscriptions: [
          {
            _id: subscriptionId(person._id, REQUEST_TEMPLATE.id),
            personId: person._id,
            // staff without a home of their own are found by person, never by home
            homePath: person.homePath ?? '',
            templateId: REQUEST_TEMPLATE.id,
            remaining: n,
            since: new Date(Date.now() - 60_000),
            updatedAt: new Date(),
          },
        ],
      })
    },
    outbox: () => g.cloud.outbox() as Sent[],
    async photo(person: PersonDoc) {
      const { uploads } = must(
        await call<{ uploads: { cloudPath: string }[] }>('files', person, {
          action: 'reserve',
          payload: { purpose: 'request', exts: ['png'] },
        }),
        'files.reserve',
      )
      const res = await fetch(
        `${g.cloud.url}/local/storage/upload?cloudPath=${encodeURIComponent(uploads[0].cloudPath)}`,
        { method: 'POST', body: new Uint8Array(png()) },
      )
      const { fileID } = (await res.json()) as { fileID: string }
      must(
        await call('files', person, { action: 'uploaded', payload: { purpose: 'request', fileIDs: [fileID] } }),
        'files.uploaded',
      )
      return fileID
    },
    collections: readCollections,
    async request(id: string) {
      const r = await read<RequestDoc>('requests', id)
      if (!r) throw new Error(`no request ${id}`)
      return r
    },
    async events(requestId: string) {
      return ((await g.dump()).requestEvents as RequestEventDoc[])
        .filter((e) => e.requestId === requestId)
        .sort((a, b) => a.seq - b.seq)
    },
    counter: (id: string) => read<RequestCounterDoc>('requestCounters', id),
    holder(role: Role, unitId: string) {
      const p = people().find((x) => x.roles.some((r) => r.role === role && r.unitId === unitId))
      if (!p) throw new Error(`nobody is ${role} of ${unitId}`)
      return p
    },
    unit(id: string) {
      const u = units.get(id)
      if (!u) throw new Error(`no unit ${id}`)
      return u
    },
    residentsUnder(unitId: string) {
      const u = units.get(unitId)
      if (!u) throw new Error(`no unit ${unitId}`)
      return g.demo.people.filter(
        (p) => p.openid && p.roles.length === 1 && p.homePath?.startsWith(u.path) && p.deletedAt === undefined,
      )
    },
  })
}

/** The grid a person lives in. */
export const gridOf = (p: PersonDoc): string => ancestorAt(p.homePath ?? '', 'grid') ?? ''
