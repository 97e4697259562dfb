/**
 * Whatever copied a deleted person's name follows their deletion (privacy.requestDeletion), through the real
 * wx-server-sdk in the local cloud: a community staff member generates a 月通报 and publishes it, posts an activity,
 * and is invited to a grid's 议事会, whose passed decision names them the owner of its task (the decision's notice
 * and the task's request say so). After their deletion every view shows 已注销居民 where their name was — reports.get,
 * notices.detail of both notices, the request's detail, the council's meeting, points' activity — and a diff of the
 * whole database finds nothing else changed: another staff member's report, the chair's name and every other
 * member stay as they were.
 */
import cloudSdk from 'wx-server-sdk'
import { forgetStaff } from '../../../cloudfunctions/privacy/staff'
import type { ActivityDetail, MeetingDetail, NoticeDetail, ReportView, RequestView } from '../../../core/contract'
import type { Envelope } from '../../../core/envelope'
import { DELETED_NAME } from '../../../core/grid/phone-visibility'
import { decisionNoticeId, decisionRequestId, meetingItemId } from '../../../core/ids'
import type { PersonDoc, ProposalDoc } from '../../../core/model'
import type { Role } from '../../../core/roles'
import type { Unit } from '../../../core/units'
import { createData } from '../../../server/data'
import { startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

jest.setTimeout(600_000)

let g: FunctionsCloud
let serial = 0
const tap = () => `cp${(++serial).toString(36).padStart(4, '0')}${Date.now().toString(36).slice(-4)}`

const unit = (u: Unit): Unit => u
const grid = unit({ _id: 'cpg', level: 'grid', name: '注销测试网格', parentId: 'c1', path: '/s1/c1/cpg/' })
const building = unit({ _id: 'cpg-b1', level: 'microgrid', name: '1栋', parentId: 'cpg', path: '/s1/c1/cpg/cpg-b1/' })
const homes = ['101', '102', '201'].map((room) =>
  unit({
    _id: `cpg-b1-${room}`,
    level: 'household',
    name: `1栋1单元${room}`,
    parentId: building._id,
    path: `${building.path}cpg-b1-${room}/`,
  }),
)
const person = (id: string, name: string, roles: { role: Role; unitId: string }[], home?: Unit): PersonDoc => ({
  _id: id,
  openid: `o_${id}`,
  name,
  phone: `1370000${String(++serial).padStart(4, '0')}`,
  roles: [...(home ? [{ role: 'resident' as const, unitId: home._id }] : []), ...roles],
  ...(home ? { householdId: home._id, homePath: home.path } : {}),
  createdAt: new Date(),
})
/** The one who asks to be deleted: community staff over the grid's community. */
const leaving = person('cp_leaving', '欧阳明远', [{ role: 'communityStaff', unitId: 'c1' }])
const chief = person('cp_chief', '司马建国', [{ role: 'gridChief', unitId: grid._id }], homes[0])
const party = person('cp_party', '诸葛红梅', [{ role: 'partyLeader', unitId: grid._id }], homes[1])
const head = person('cp_head', '上官海涛', [{ role: 'buildingHead', unitId: building._id }], homes[2])
const neighbour = person('cp_nb', '皇甫秀英', [], homes[1])

async function call<T>(fn: string, who: PersonDoc, action: string, payload: unknown): Promise<T> {
  const res = (await g.cloud.callFunction(fn, { action, payload }, { openid: who.openid as string }))
    .result as Envelope<T>
  if (!res.ok) throw new Error(`${fn}.${action} as ${who.name}: ${res.code} ${res.message}`)
  return res.data
}

/** Every leaf that differs between two dumps, as `collection/id.path` (arrays by index). */
function changes(before: Record<string, unknown[]>, after: Record<string, unknown[]>): string[] {
  const out: string[] = []
  const walk = (a: unknown, b: unknown, at: string) => {
    if (a && b && typeof a === 'object' && typeof b === 'object' && !(a instanceof Date) && !(b instanceof Date)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)])
      for (const k of keys) walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`)
    } else if (JSON.stringify(a) !== JSON.stringify(b)) out.push(at)
  }
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const byId = (docs: unknown[] = []) => new Map(docs.map((d) => [(d as { _id: string })._id, d]))
    const was = byId(before[name])
    const now = byId(after[name])
    for (const id of new Set([...was.keys(), ...now.keys()])) walk(was.get(id), now.get(id), `${name}/${id}`)
  }
  return out.sort()
}

beforeAll(async () => {
  g = await startFunctionsCloud(['council', 'notices', 'privacy', 'requests', 'reports', 'points'], { timers: false })
  await g.cloud.seed({
    units: [grid, building, ...homes],
    people: [leaving, chief, party, head, neighbour],
  })
})
afterAll(async () => {
  await g?.close()
})

it('a deleted staff member leaves 已注销居民 on their report, its notice, their activity and the council task they own, and nothing else changes', async () => {
  const other = g.persona('communityStaff')
  // a 月通报 they generated and published; a 周报 another staff member generated and published
  const mine = await call<ReportView>('reports', leaving, 'generate', { unitId: 'c1', kind: 'month' })
  const { noticeId: reportNotice } = await call<{ noticeId: string }>('reports', leaving, 'publish', {
    reportId: mine.id,
  })
  const theirs = await call<ReportView>('reports', other, 'generate', { unitId: 'c1', kind: 'week' })
  await call('reports', other, 'publish', { reportId: theirs.id })
  // an activity they posted to the community
  const start = Date.now() + 2 * 86_400_000
  const activity = await call<ActivityDetail>('points', leaving, 'postActivity', {
    title: '社区清洁日',
    description: '清理楼道杂物',
    place: '社区广场',
    startAt: new Date(start).toISOString(),
    endAt: new Date(start + 3 * 3_600_000).toISOString(),
    audience: { kind: 'community', id: 'c1' },
    roles: [{ name: '秩序维护', quota: 4, rule: { pointsPerHour: 10, cap: 40 } }],
  })
  expect(activity.origin).toContain(leaving.name)

  // the grid's council decides, with them (invited as staff over the grid) owning the task
  const now = new Date()
  const proposal: ProposalDoc = {
    _id: 'cp_prop',
    gridId: grid._id,
    gridPath: grid.path,
    communityId: 'c1',
    title: '楼下增设充电桩',
    text: '电动车在楼道充电很危险',
    photos: [],
    requestId: null,
    proposerId: neighbour._id,
    proposerName: `居民 ${neighbour.name}`,
    status: 'agenda',
    stage: 'agenda',
    stageAt: now,
    supports: 3,
    agendaBy: 'threshold',
    declineReason: '',
    history: [],
    meetingId: null,
    decision: null,
    createdAt: now,
    updatedAt: now,
  }
  await g.cloud.seed({ proposals: [proposal] })
  const { id: meetingId } = await call<{ id: string }>('council', chief, 'scheduleMeeting', {
    tapId: tap(),
    gridId: grid._id,
    title: '十二月议事会',
    mode: 'online',
    startAt: new Date(Date.now() + 3_600_000).toISOString(),
    place: '社区活动室',
    proposalIds: [proposal._id],
    invitedIds: [leaving._id],
  })
  await call('council', chief, 'openMeeting', { meetingId })
  for (const p of [chief, party, head]) await call('council', p, 'vote', { meetingId, item: 0, choice: 'for' })
  const due = new Date(Date.now() + 20 * 86_400_000)
  const decided = await call<MeetingDetail>('council', chief, 'closeItem', {
    meetingId,
    item: 0,
    reason: '多数同意增设充电桩',
    task: { ownerId: leaving._id, dueAt: due.toISOString() },
  })
  const itemId = meetingItemId(meetingId, 0)
  const taskId = decisionRequestId(itemId)
  const decisionNotice = decisionNoticeId(itemId)
  expect(decided.items[0].task?.ownerName).toBe(leaving.name)

  // what everyone reads of it before
  const views = async () => ({
    mine: await call<ReportView>('reports', other, 'get', { reportId: mine.id }),
    theirs: await call<ReportView>('reports', other, 'get', { reportId: theirs.id }),
    reportNotice: await call<NoticeDetail>('notices', g.persona('resident'), 'detail', { noticeId: reportNotice }),
    decisionNotice: await call<NoticeDetail>('notices', neighbour, 'detail', { noticeId: decisionNotice }),
    request: await call<RequestView>('requests', chief, 'detail', { id: taskId }),
    meeting: await call<MeetingDetail>('council', chief, 'meeting', { meetingId }),
    activity: await call<ActivityDetail>('points', other, 'activity', { activityId: activity.id }),
  })
  const seen = await views()
  expect(seen.mine).toMatchObject({ generatedBy: leaving.name, notice: { by: leaving.name } })
  expect(seen.reportNotice.origin).toContain(leaving.name)
  expect(seen.decisionNotice.body).toContain(`由 ${leaving.name} 负责落实`)
  expect(seen.request.description).toContain(`负责人：${leaving.name}`)

  const before = await g.dump()
  await call('privacy', leaving, 'requestDeletion', { confirm: true })
  const after = await g.dump()

  const read = await views()
  expect(JSON.stringify(read)).not.toContain(leaving.name)
  expect(read.mine).toMatchObject({ generatedBy: DELETED_NAME, notice: { id: reportNotice, by: DELETED_NAME } })
  expect(read.reportNotice.origin).toBe(seen.reportNotice.origin.replace(` · ${leaving.name}`, ''))
  expect(read.decisionNotice.body).toBe(seen.decisionNotice.body.replace(leaving.name, DELETED_NAME))
  expect(read.decisionNotice.body).toContain(`由 ${DELETED_NAME} 负责落实`)
  expect(read.request.description).toBe(seen.request.description.replace(leaving.name, DELETED_NAME))
  expect(read.meeting.items[0].task?.ownerName).toBe(DELETED_NAME)
  expect(read.meeting.members.map((m) => m.name)).toEqual(
    seen.meeting.members.map((m) => (m.name === leaving.name ? DELETED_NAME : m.name)),
  )
  expect(read.activity.origin).toBe(seen.activity.origin.replace(` · ${leaving.name}`, ''))
  // the rest of every view is as it was: another's report, the chair on the request, the reason, the tally
  expect(read.theirs).toEqual(seen.theirs)
  expect({ ...read.request, description: '' }).toEqual({ ...seen.request, description: '' })
  expect({ ...read.meeting, items: [], members: [] }).toEqual({ ...seen.meeting, items: [], members: [] })
  expect({ ...read.meeting.items[0], task: null }).toEqual({ ...seen.meeting.items[0], task: null })

  // and in the database, exactly these changed (besides the person themselves)
  const memberIndex = seen.meeting.members.findIndex((m) => m.name === leaving.name)
  expect(changes(before, after).filter((c) => !c.startsWith(`people/${leaving._id}.`))).toEqual(
    [
      `activities/${activity.id}.origin`,
      `councilItems/${itemId}.task.ownerName`,
      `councilMeetings/${meetingId}.members.${memberIndex}.name`,
      `notices/${decisionNotice}.body`,
      `notices/${reportNotice}.origin`,
      `reports/${mine.id}.generatedByName`,
      `reports/${mine.id}.notice.byName`,
      `requests/${taskId}.description`,
    ].sort(),
  )

  // run again (a deletion asked again after a timeout repeats it), the staff part changes nothing more
  const settled = await g.dump()
  await forgetStaff(createData(cloudSdk.database()), leaving, DELETED_NAME)
  expect(changes(settled, await g.dump())).toEqual([])
})
