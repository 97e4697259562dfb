/**
 * A missed daily check (未探访) tells the care person's helpers and the grid chief, through the real wx-server-sdk in
 * the local cloud (its outbox records every subscribe message sent): when the missedChecks timer raises a day's alert
 * it queues the alert's messages in the same transaction, and the careMessages timer sends each helper and grid
 * chief who accepted the missed-check template exactly one — across a failed firing, a held lease, two firings at
 * once and the missedChecks timer run again — naming the person and the day, opening their page. A care person
 * somebody checked on before the messages went out gets none sent about them; nor does anyone unsubscribed.
 */
import { careDayOf, cutoffOf } from '../../../core/care/days'
import { EMPTY_TEAM } from '../../../core/care/team'
import { CARE_MISSED_TEMPLATE, CARE_PERSON_PAGE } from '../../../core/care/missed-message'
import type { Envelope } from '../../../core/envelope'
import { careAlertId, messageJobId, subscriptionId } from '../../../core/ids'
import type { CarePersonDoc, MessageJobDoc, PersonDoc, SubscriptionDoc } from '../../../core/model'
import type { Role } from '../../../core/roles'
import { ancestorAt, isWithin, type Unit } from '../../../core/units'
import { data, startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

jest.setTimeout(300_000)

interface Sent {
  touser: string
  templateId: string
  page: string | null
  data: Record<string, { value: string }>
}

let g: FunctionsCloud
let serial = 0
let gridId: string
let gridPath: string

const fire = async (name: 'missedChecks' | 'careMessages', at = new Date()) =>
  (await g.cloud.callFunction('care', { Type: 'Timer', TriggerName: name, Time: at.toISOString() }, { openid: '' }))
    .result as Envelope<Record<string, number>>
const docs = async <T>(name: string): Promise<T[]> => ((await g.dump())[name] ?? []) as T[]
const homes = () => g.demo.units.filter((u) => u.level === 'household' && isWithin(u.path, gridPath))

async function person(role: Role, unitId?: string, home?: Unit): Promise<PersonDoc> {
  const k = ++serial
  const p: PersonDoc = {
    _id: `care_msg_${String(k).padStart(3, '0')}`,
    openid: `o_care_msg_${k}`,
    name: `包联测试${k}`,
    phone: `1390006${String(k).padStart(4, '0')}`,
    ...(home ? { householdId: home._id, homePath: home.path } : {}),
    roles: [{ role, unitId: unitId ?? (home as Unit)._id }],
    createdAt: new Date(),
  }
  await g.cloud.seed({ people: [p] })
  return p
}
const subscribe = (ps: PersonDoc[], remaining = 2): SubscriptionDoc[] =>
  ps.map((p) => ({
    _id: subscriptionId(p._id, CARE_MISSED_TEMPLATE.id),
    personId: p._id,
    homePath: p.homePath ?? '',
    templateId: CARE_MISSED_TEMPLATE.id,
    remaining,
    updatedAt: new Date(),
  }))

const careRecord = (x: PersonDoc, helpers: PersonDoc[], lastCheckDay: string): CarePersonDoc => ({
  _id: x._id,
  personId: x._id,
  name: x.name,
  householdId: x.householdId as string,
  homePath: x.homePath as string,
  communityId: 'c1',
  flags: ['elderlyAlone'],
  note: '',
  active: true,
  activeSince: new Date(Date.now() - 5 * 86_400_000),
  team: {
    ...EMPTY_TEAM,
    ...(helpers[0] ? { gridWorker: { personId: helpers[0]._id, name: helpers[0].name } } : {}),
    ...(helpers[1] ? { police: { personId: helpers[1]._id, name: helpers[1].name } } : {}),
  },
  helperIds: helpers.map((h) => h._id),
  lastCheckDay,
  checks: 1,
  lastAlertDay: '',
  openAlertDay: '',
  alerts: 0,
  history: [],
  updatedAt: new Date(),
  createdAt: new Date(),
})

beforeAll(async () => {
  g = await startFunctionsCloud(['care'], { timers: false })
  gridId = ancestorAt(g.persona('resident').homePath as string, 'grid') as string
  gridPath = (g.demo.units.find((u) => u._id === gridId) as Unit).path
})
afterAll(async () => {
  await g?.close()
})

it('one message per 未探访 to each subscribed helper and grid chief, whatever the firings do; none once checked', async () => {
  const day = careDayOf(new Date(Date.now() - 86_400_000))
  const dayBefore = careDayOf(new Date(Date.now() - 2 * 86_400_000))
  const chief = await person('gridChief', gridId)
  const resident = (n: number) => person('resident', undefined, homes()[n % homes().length])
  // a police officer of the team who lives nowhere in the community still gets theirs
  const police = await person('communityStaff', 'c1')
  const [helper, quiet] = [await resident(40), await resident(41)]
  const cared = [await resident(42), await resident(43), await resident(44)]
  const checkedLater = await resident(45)
  await g.cloud.seed({
    carePersons: [
      careRecord(cared[0], [helper, police], dayBefore),
      careRecord(cared[1], [helper, quiet], dayBefore),
      careRecord(cared[2], [], dayBefore),
      careRecord(checkedLater, [helper], dayBefore),
    ],
    // the quiet helper never accepted the template
    subscriptions: subscribe([helper, police, chief], 5),
  })
  const outbox = () => (g.cloud.outbox() as Sent[]).filter((m) => m.templateId === CARE_MISSED_TEMPLATE.id)

  // two missed-check firings at once and one after: one alert and one job per person-day
  const at = new Date(+cutoffOf(day) + 60_000)
  for (const r of await Promise.all([fire('missedChecks', at), fire('missedChecks', at)])) expect(r.ok).toBe(true)
  expect(data(await fire('missedChecks', at))).toMatchObject({ raised: 0 })
  const ids = [...cared, checkedLater].map((x) => messageJobId('careMissed', careAlertId(x._id, day)))
  const jobs = (await docs<MessageJobDoc>('messageJobs')).filter((j) => ids.includes(j._id))
  expect(jobs.map((j) => j._id).sort()).toEqual([...ids].sort())
  expect(outbox()).toEqual([])

  // somebody checks on one before the messages go out: nobody is told about them
  data(
    (
      await g.cloud.callFunction(
        'care',
        { action: 'check', payload: { personId: checkedLater._id, seen: true } },
        { openid: helper.openid as string },
      )
    ).result as Envelope<unknown>,
  )

  // the first sending firing fails part way (the database refuses its saves), then its lease runs out as a killed one's
  const engine = g.cloud.engine
  const update = engine.update.bind(engine)
  let saves = 0
  engine.update = (coll, ...rest) => {
    if (coll === 'messageJobs' && ++saves > 2) return Promise.reject(new Error('disk full'))
    return update(coll, ...rest)
  }
  expect((await fire('careMessages')).ok).toBe(false)
  engine.update = update
  expect(outbox().length).toBeGreaterThan(0)
  for (const j of jobs) await update('messageJobs', { _id: j._id }, { $set: { lockedUntil: new Date(0) } }, {})
  // two firings at once, then until every job is done
  for (const r of await Promise.all([fire('careMessages'), fire('careMessages')])) expect(r.ok).toBe(true)
  const pending = async () =>
    (await docs<MessageJobDoc>('messageJobs')).filter((j) => ids.includes(j._id) && j.status !== 'done').length
  for (let i = 0; i < 10 && (await pending()) > 0; i++) expect((await fire('careMessages')).ok).toBe(true)
  expect(await pending()).toBe(0)
  expect(data(await fire('careMessages'))).toMatchObject({ sent: 0 })

  // (the demo's own care persons of the grid are told to the chief too: only ours are counted here)
  const ours = new Set([...cared, checkedLater].map((x) => x.name))
  const told = outbox()
    .filter((m) => ours.has(m.data.thing1.value))
    .map((m) => `${m.touser} ${m.data.thing1.value}`)
  expect(told.sort()).toEqual(
    [
      `${helper.openid} ${cared[0].name}`,
      `${police.openid} ${cared[0].name}`,
      `${chief.openid} ${cared[0].name}`,
      `${helper.openid} ${cared[1].name}`,
      `${chief.openid} ${cared[1].name}`,
      `${chief.openid} ${cared[2].name}`,
    ].sort(),
  )
  for (const m of outbox()) {
    expect(m.data.date2.value).toBe(day)
    expect(m.page).toMatch(new RegExp(`^${CARE_PERSON_PAGE}\\?id=`))
    expect([...m.data.thing3.value].length).toBeLessThanOrEqual(20)
  }
  expect(outbox().find((m) => m.data.thing1.value === cared[0].name && m.touser === helper.openid)?.page).toBe(
    `${CARE_PERSON_PAGE}?id=${cared[0]._id}`,
  )
  // each spent exactly one message per person told about
  const left = new Map((await docs<SubscriptionDoc>('subscriptions')).map((s) => [s.personId, s.remaining]))
  const toChief = outbox().filter((m) => m.touser === chief.openid).length
  expect([left.get(helper._id), left.get(police._id), left.get(chief._id)]).toEqual([3, 4, 5 - toChief])
})
