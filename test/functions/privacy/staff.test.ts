/**
 * A deleted person's name off what they did as staff (privacy.requestDeletion, cloudfunctions/privacy/staff.ts),
 * through the real wx-server-sdk in the local cloud: the emergency they declared and ended, the checkpoint, call-up
 * and testing round they created, the call-up answer they assigned, the reserve member they registered, the
 * isolation they marked and ended, the 战时网格 they drew and retired, the care mark they made, the 列入议程 and
 * 不予上会 steps they made on other people's proposals, the council decision's task they own (with the line of the
 * decision's notice and of the task's request that name them), the patrol they logged, the points rules they last
 * changed, the sign-up adjustment they made and the 月通报 they generated and published all stay, each under 已注销居民
 * with nobody else's name touched; cut off at any step of it and asked again, the deletion ends as one that never
 * stopped.
 */
import cloudSdk from 'wx-server-sdk'
import { anonymise } from '../../../cloudfunctions/privacy/anonymise'
import { decisionNotice, decisionTaskText } from '../../../core/council/decision'
import type { Envelope } from '../../../core/envelope'
import { DELETED_NAME } from '../../../core/grid/phone-visibility'
import type { PersonDoc } from '../../../core/model'
import { createData } from '../../../server/data'
import { dyingAt } from '../harness/dying-data'
import { data, startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

jest.setTimeout(600_000)

let g: FunctionsCloud
let serial = 0
const OTHER = { id: 'staff_pv_other', name: '另一位工作人员' }

const privacy = async <T>(p: PersonDoc, action: string, payload: unknown = {}) =>
  data(
    (await g.cloud.callFunction('privacy', { action, payload }, { openid: p.openid as string })).result as Envelope<T>,
  )

beforeAll(async () => {
  g = await startFunctionsCloud(['privacy'], { timers: false })
})
afterAll(async () => {
  await g?.close()
})

const COLLECTIONS = [
  'emergencies',
  'checkpoints',
  'callUps',
  'callUpAnswers',
  'reserveMembers',
  'testingRounds',
  'isolations',
  'wartimeGrids',
  'carePersons',
  'proposals',
  'councilItems',
  'patrols',
  'pointsSettings',
  'signups',
  'requests',
  'notices',
  'reports',
] as const

/** A staff member and the records of emergency mode and care they made (each as its function stores it, in part). */
async function story(): Promise<PersonDoc> {
  const k = ++serial
  const p: PersonDoc = {
    _id: `staff_pv_${String(k).padStart(3, '0')}`,
    openid: `o_staff_pv_${k}`,
    name: `值班干部${k}`,
    phone: `1390005${String(k).padStart(4, '0')}`,
    roles: [{ role: 'communityStaff', unitId: 'c1' }],
    createdAt: new Date(),
  }
  const me = { id: p._id, name: p.name }
  const now = new Date()
  const id = (what: string) => `${what}_${p._id}`
  await g.cloud.seed({
    people: [p],
    emergencies: [
      { _id: id('em'), name: '寒潮', declaredBy: me.id, declaredByName: me.name, endedBy: me.id, endedByName: me.name },
      {
        _id: id('em2'),
        name: '暴雨',
        declaredBy: OTHER.id,
        declaredByName: OTHER.name,
        endedBy: null,
        endedByName: null,
      },
    ],
    checkpoints: [{ _id: id('cp'), name: '东门卡口', createdBy: me.id, createdByName: me.name, createdAt: now }],
    callUps: [{ _id: id('cu'), message: '到东门集合', createdBy: me.id, createdByName: me.name, createdAt: now }],
    callUpAnswers: [
      {
        _id: id('ans'),
        callUpId: id('cu'),
        personId: 'someone',
        name: '张志愿',
        answer: 'coming',
        assignment: { place: '东门', by: me.id, byName: me.name, at: now },
      },
    ],
    reserveMembers: [
      { _id: id('rm'), personId: 'someone', name: '张志愿', registeredBy: me.id, registeredByName: me.name },
    ],
    testingRounds: [
      { _id: id('tr'), name: '第一轮', createdBy: me.id, createdByName: me.name, sites: [], workerIds: [] },
    ],
    isolations: [
      {
        _id: id('iso'),
        householdName: '1栋101',
        createdBy: me.id,
        createdByName: me.name,
        endedBy: me.id,
        endedByName: me.name,
      },
    ],
    wartimeGrids: [
      {
        _id: id('wg'),
        name: '东片',
        leaderId: 'someone',
        leader: { personId: 'someone', name: '张志愿' },
        createdBy: me.id,
        createdByName: me.name,
        retiredBy: me.id,
        retiredByName: me.name,
      },
    ],
    carePersons: [
      {
        _id: id('care'),
        name: '李奶奶',
        helperIds: [],
        history: [
          { flags: ['elderlyAlone'], note: '', byId: me.id, byName: me.name, at: now },
          { flags: ['elderlyAlone', 'disabled'], note: '', byId: OTHER.id, byName: OTHER.name, at: now },
          { flags: [], note: '已康复', byId: me.id, byName: me.name, at: now },
        ],
      },
    ],
    // a resident's proposal the head put on the agenda, another's they declined (as council/manage.ts writes steps)
    proposals: [
      {
        _id: id('prop'),
        title: '增设充电桩',
        proposerId: 'someone',
        proposerName: '居民 张志愿',
        history: [
          { status: 'open', at: now, byId: 'someone', byName: '居民 张志愿', note: '' },
          { status: 'agenda', at: now, byId: me.id, byName: `网格长 ${me.name}`, note: '' },
          { status: 'decided', at: now, byId: '', byName: '议事会', note: '同意' },
        ],
      },
      {
        _id: id('prop2'),
        title: '楼道刷漆',
        proposerId: OTHER.id,
        proposerName: `网格长 ${OTHER.name}`,
        history: [
          { status: 'open', at: now, byId: OTHER.id, byName: `网格长 ${OTHER.name}`, note: '' },
          { status: 'declined', at: now, byId: me.id, byName: `网格长 ${me.name}`, note: '物业负责' },
        ],
      },
    ],
    councilItems: [
      {
        _id: id('item'),
        title: '增设充电桩',
        noticeId: id('notice'),
        task: { requestId: id('req'), ownerId: me.id, ownerName: me.name, dueAt: now },
      },
      {
        _id: id('item2'),
        title: '楼道刷漆',
        task: { requestId: 'req2', ownerId: OTHER.id, ownerName: OTHER.name, dueAt: now },
      },
    ],
    // the decision's notice and its task's request, as council.closeItem words them
    notices: [
      {
        _id: id('notice'),
        publisherId: OTHER.id,
        origin: `第1网格 · ${OTHER.name}`,
        ...decisionNotice({
          gridName: '第1网格',
          meetingTitle: '十二月议事会',
          proposalTitle: '增设充电桩',
          reason: '同意',
          tally: { for: 3, against: 0, abstain: 0 },
          task: { ownerName: me.name, dueAt: now },
        }),
      },
    ],
    requests: [
      {
        _id: id('req'),
        reporterId: OTHER.id,
        reporterLabel: `议事会 ${OTHER.name}`,
        description: decisionTaskText({ proposalTitle: '增设充电桩', reason: '同意', ownerName: me.name, dueAt: now }),
      },
    ],
    // a 月通报 they generated and published, a 周报 someone else did
    reports: [
      {
        _id: id('rpt'),
        generatedBy: me.id,
        generatedByName: me.name,
        notice: { id: 'n_rpt', publishedAt: now, by: me.id, byName: me.name },
      },
      {
        _id: id('rpt2'),
        generatedBy: OTHER.id,
        generatedByName: OTHER.name,
        notice: { id: 'n_rpt2', publishedAt: now, by: OTHER.id, byName: OTHER.name },
      },
    ],
    patrols: [{ _id: id('patrol'), gridId: 'g1', personId: me.id, personName: me.name, startedAt: now }],
    pointsSettings: [{ _id: id('ps'), version: 2, updatedBy: me.id, updatedByName: me.name, updatedAt: now }],
    signups: [
      {
        _id: id('su'),
        personId: 'someone',
        name: '张志愿',
        adjusted: { minutes: 30, reason: '提前到岗', by: me.id, byName: me.name, at: now },
      },
    ],
  })
  return p
}

/** The records of `p`'s story, their names only (what a deletion changes), ids made alike across stories. */
async function left(p: PersonDoc) {
  const d = await g.dump()
  const mine = Object.fromEntries(
    COLLECTIONS.map((c) => [c, (d[c] as { _id: string }[]).filter((x) => x._id.endsWith(`_${p._id}`))]),
  )
  const text = JSON.stringify(mine)
  return {
    names: JSON.parse(
      text
        .split(p._id)
        .join('P')
        .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'AT'),
    ),
    traces: [p.name, p.phone].filter((t) => text.includes(t)),
  }
}

it('after a staff member’s deletion everything they made stays under 已注销居民, nobody else’s name touched', async () => {
  const p = await story()
  expect(await privacy(p, 'requestDeletion', { confirm: true })).toEqual({ deleted: true })
  const { names, traces } = await left(p)
  expect(traces).toEqual([])
  expect(names.emergencies).toEqual([
    expect.objectContaining({ name: '暴雨', declaredByName: OTHER.name, endedByName: null }),
    expect.objectContaining({ name: '寒潮', declaredByName: DELETED_NAME, endedByName: DELETED_NAME }),
  ])
  expect(names.checkpoints).toEqual([expect.objectContaining({ name: '东门卡口', createdByName: DELETED_NAME })])
  expect(names.callUps).toEqual([expect.objectContaining({ message: '到东门集合', createdByName: DELETED_NAME })])
  expect(names.callUpAnswers).toEqual([
    expect.objectContaining({
      name: '张志愿',
      assignment: expect.objectContaining({ place: '东门', byName: DELETED_NAME }),
    }),
  ])
  expect(names.reserveMembers).toEqual([expect.objectContaining({ name: '张志愿', registeredByName: DELETED_NAME })])
  expect(names.testingRounds).toEqual([expect.objectContaining({ name: '第一轮', createdByName: DELETED_NAME })])
  expect(names.isolations).toEqual([
    expect.objectContaining({ householdName: '1栋101', createdByName: DELETED_NAME, endedByName: DELETED_NAME }),
  ])
  expect(names.wartimeGrids).toEqual([
    expect.objectContaining({
      leader: { personId: 'someone', name: '张志愿' },
      createdByName: DELETED_NAME,
      retiredByName: DELETED_NAME,
    }),
  ])
  expect(names.carePersons[0].history.map((h: { byName: string }) => h.byName)).toEqual([
    DELETED_NAME,
    OTHER.name,
    DELETED_NAME,
  ])
  const steps = (x: { history: { status: string; byName: string; note: string }[] }) =>
    x.history.map((h) => [h.status, h.byName, h.note])
  // (in id order: prop2 before prop)
  expect(names.proposals.map(steps)).toEqual([
    [
      ['open', `网格长 ${OTHER.name}`, ''],
      ['declined', DELETED_NAME, '物业负责'],
    ],
    [
      ['open', '居民 张志愿', ''],
      ['agenda', DELETED_NAME, ''],
      ['decided', '议事会', '同意'],
    ],
  ])
  expect(names.proposals.map((x: { proposerName: string }) => x.proposerName)).toEqual([
    `网格长 ${OTHER.name}`,
    '居民 张志愿',
  ])
  expect(names.councilItems.map((x: { task: { ownerName: string } }) => x.task.ownerName)).toEqual([
    OTHER.name,
    DELETED_NAME,
  ])
  expect(names.notices).toEqual([
    expect.objectContaining({
      origin: `第1网格 · ${OTHER.name}`,
      body: expect.stringMatching(/\n由 已注销居民 负责落实，/),
    }),
  ])
  expect(names.requests).toEqual([
    expect.objectContaining({
      reporterLabel: `议事会 ${OTHER.name}`,
      description: expect.stringMatching(/^议事会决议落实：增设充电桩。同意（负责人：已注销居民，.*前完成）$/),
    }),
  ])
  // (in id order: rpt2 before rpt)
  expect(names.reports).toEqual([
    expect.objectContaining({ generatedByName: OTHER.name, notice: expect.objectContaining({ byName: OTHER.name }) }),
    expect.objectContaining({
      generatedByName: DELETED_NAME,
      notice: expect.objectContaining({ byName: DELETED_NAME }),
    }),
  ])
  expect(names.patrols).toEqual([expect.objectContaining({ personName: DELETED_NAME })])
  expect(names.pointsSettings).toEqual([expect.objectContaining({ version: 2, updatedByName: DELETED_NAME })])
  expect(names.signups).toEqual([
    expect.objectContaining({
      name: '张志愿',
      adjusted: expect.objectContaining({ minutes: 30, byName: DELETED_NAME }),
    }),
  ])
})

it('cut off anywhere in it and asked again, ends as a deletion that never stopped', async () => {
  const db = createData(cloudSdk.database())
  const stillRegistered = async (p: PersonDoc) =>
    ((await g.dump()).people as PersonDoc[]).find((x) => x._id === p._id) as PersonDoc
  const ref = await story()
  const log: string[] = []
  await anonymise(dyingAt(0, db, log), await stillRegistered(ref), DELETED_NAME)
  const expected = await left(ref)
  expect(expected.traces).toEqual([])
  const first = log.indexOf('data.emergencies.renameStaff')
  const last = log.lastIndexOf('data.reports.renamePerson')
  expect(first).toBeGreaterThan(0)
  expect(last).toBeGreaterThan(first)
  for (let at = first; at <= last + 1; at++) {
    const p = await story()
    await expect(anonymise(dyingAt(at + 1, db, []), await stillRegistered(p), DELETED_NAME)).rejects.toThrow(
      `killed at ${log[at]}`,
    )
    expect(await privacy(p, 'requestDeletion', { confirm: true })).toEqual({ deleted: true })
    expect({ cut: log[at], ...(await left(p)) }).toEqual({ cut: log[at], ...expected })
  }
})
