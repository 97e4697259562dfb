/**
 * A request's photos through the image check, as a notice's images go (uploads.test.ts), through the real
 * wx-server-sdk in the local cloud: when the check finds a reporter's photo (or a handler's 办结 photo) risky, it is
 * hidden from everyone — the neighbour who follows the request, the handlers, and its uploader too — and its uploader
 * is told on the request's page how many of their photos were withheld; nobody else is told anything. A photo that
 * passes is shown to everyone who may see the request.
 */
import cloudSdk from 'wx-server-sdk'
import type { RequestView } from '../../../core/contract/requests'
import type { AuditDoc, PersonDoc } from '../../../core/model'
import { withheldLine } from '../../../core/uploads'
import { gridOf, newTap, startRequestsCloud, type RequestsCloud } from '../harness/requests-cloud'
import { markedPhoto, pathOf, record, resetChecks } from './marked-photo'

jest.setTimeout(120_000)

let c: RequestsCloud
let reporter: PersonDoc
let neighbour: PersonDoc
let chief: PersonDoc

const byOpenid = (openid: string) => c.demo.people.find((p) => p.openid === openid) as PersonDoc

beforeAll(async () => {
  c = await startRequestsCloud()
  reporter = byOpenid(c.demo.personas[0].openid)
  neighbour = byOpenid(c.demo.personas[7].openid)
  chief = byOpenid(c.demo.personas[6].openid)
  expect(gridOf(reporter)).toBe(gridOf(neighbour))
  expect(chief.roles).toContainEqual({ role: 'gridChief', unitId: gridOf(reporter) })
}, 180_000)
afterAll(() => c?.close())
afterEach(() => resetChecks(c.cloud))

const photo = (person: PersonDoc, mark = '') => markedPhoto(c.cloud, person, 'request', mark)
const detail = (p: PersonDoc, id: string) => c.ok<RequestView>(p, 'detail', { id })

async function report(photos: string[]): Promise<string> {
  const { id } = await c.ok<{ id: string }>(reporter, 'report', {
    tapId: newTap('report'),
    category: 'sanitation',
    description: '3号楼北侧绿地有人倾倒建筑垃圾，已经堆了好几天',
    photos,
    place: { kind: 'spot', unitId: gridOf(reporter), label: '3号楼北侧绿地' },
  })
  await c.cloud.mediaChecks.settled()
  return id
}

describe('a request photo the image check finds risky', () => {
  it('is hidden from everyone; the reporter reads on the page that it was withheld, a neighbour sees nothing', async () => {
    c.cloud.mediaChecks.configure({ riskyWords: ['RISKY-PHOTO'] })
    const risky = await photo(reporter, 'RISKY-PHOTO')
    const fine = await photo(reporter)
    const id = await report([risky, fine])
    expect(await record(risky)).toMatchObject({ state: 'risky', attachedTo: { kind: 'request', id } })
    expect((await record(fine))?.state).toBe('pass')

    // the reporter: the passed photo, and the count of the withheld one (never the photo itself)
    const mine = await detail(reporter, id)
    expect(mine.photos).toHaveLength(1)
    expect(mine.photos[0]).toContain(pathOf(fine))
    expect(mine.withheldPhotos).toBe(1)
    expect(JSON.stringify(mine)).not.toContain(pathOf(risky))
    expect(withheldLine(mine.withheldPhotos)).toBe('1 张图片未通过内容安全审核，已对所有人隐藏')

    // a neighbour who follows it, and the grid's chief who handles it: the passed photo only, and no word of it
    expect(await c.ok(neighbour, 'follow', { id })).toEqual({ followerCount: 2 })
    for (const other of [neighbour, chief]) {
      const seen = await detail(other, id)
      expect(seen.photos).toHaveLength(1)
      expect(seen.withheldPhotos).toBe(0)
      expect(JSON.stringify(seen)).not.toContain(pathOf(risky))
    }
    const audit = (
      (await cloudSdk
        .database()
        .collection('audit')
        .where({ action: 'requests.report', actorId: reporter._id })
        .get()) as unknown as { data: AuditDoc[] }
    ).data
    expect(audit).toEqual([expect.objectContaining({ subjectIds: [reporter._id], unitId: gridOf(reporter) })])
  })

  it('a handler’s 办结 photo: withheld for the handler on that step, hidden from the reporter and the neighbour', async () => {
    const id = await report([])
    const accepted = await c.ok<RequestView>(chief, 'act', { id, move: 'accept', tapId: newTap('accept') })
    expect(accepted.state).toBe('processing')
    c.cloud.mediaChecks.configure({ riskyWords: ['RISKY-DONE'] })
    const risky = await photo(chief, 'RISKY-DONE')
    const view = await c.ok<RequestView>(chief, 'act', {
      id,
      move: 'complete',
      note: '已清运',
      photos: [risky],
      tapId: newTap('complete'),
    })
    expect(view.state).toBe('done')
    await c.cloud.mediaChecks.settled()
    expect((await record(risky))?.state).toBe('risky')

    const step = (v: RequestView) => v.events.find((e) => e.move === 'complete')!
    const handler = await detail(chief, id)
    expect(step(handler)).toMatchObject({ photos: [], withheldPhotos: 1, note: '已清运' })
    expect(handler.withheldPhotos).toBe(0)
    for (const other of [reporter, neighbour]) {
      const seen = await detail(other, id)
      expect(step(seen)).toMatchObject({ photos: [], withheldPhotos: 0 })
      expect(JSON.stringify(seen)).not.toContain(pathOf(risky))
    }
  })
  it('审核中: the reporter and the grid’s chief see it while its verdict is awaited, a following neighbour does not', async () => {
    c.cloud.mediaChecks.configure({ hold: true })
    const waiting = await photo(reporter)
    const id = await report([waiting])
    expect((await record(waiting))?.state).toBe('pending')
    expect(await c.ok(neighbour, 'follow', { id })).toEqual({ followerCount: 2 })
    for (const p of [reporter, chief])
      expect(await detail(p, id)).toMatchObject({
        photos: [expect.stringContaining(pathOf(waiting))],
        // marked 审核中 on 诉求详情
        checkingPhotos: [expect.stringContaining(pathOf(waiting))],
        withheldPhotos: 0,
      })
    const seen = await detail(neighbour, id)
    expect(seen).toMatchObject({ photos: [], checkingPhotos: [], withheldPhotos: 0 })
    expect(JSON.stringify(seen)).not.toContain(pathOf(waiting))
    expect(await c.cloud.mediaChecks.release()).toBe(1)
    expect(await detail(neighbour, id)).toMatchObject({
      photos: [expect.stringContaining(pathOf(waiting))],
      checkingPhotos: [],
    })
    // passed: no longer marked for the reporter either
    expect((await detail(reporter, id)).checkingPhotos).toEqual([])
  })
})
