/**
 * An isolation task's 完成 photos (隔离服务) through the image check, as a request's go (request-photos.test.ts),
 * through the real wx-server-sdk in the local cloud: the volunteer who finished the task sees their photos 审核中
 * until the verdict comes, on the task they just finished and among 我最近完成的 of 隔离服务任务; a photo the check
 * finds risky is hidden from everyone — the household, the volunteer too — and the volunteer alone reads how many of
 * theirs were withheld; the household sees only photos that passed, and no word of the others.
 */
import type { IsolationCard, IsolationTaskRow } from '../../../core/contract'
import { isolationTaskId } from '../../../core/ids'
import { addDays, beijingDayOf } from '../../../core/isolation/schedule'
import type { AuditDoc, PersonDoc } from '../../../core/model'
import { withheldLine } from '../../../core/uploads'
import cloudSdk from 'wx-server-sdk'
import { startIsolationCloud, type IsolationCloud } from '../harness/isolation-cloud'
import { markedPhoto, pathOf, record, resetChecks } from './marked-photo'

jest.setTimeout(120_000)

let g: IsolationCloud
let chief: PersonDoc
let volunteer: PersonDoc
let housemate: PersonDoc
let card: IsolationCard
const HOME = 44

// tomorrow (Beijing): every slot of the period lies ahead, whatever the time of day the suite runs
const tomorrow = () => addDays(beijingDayOf(new Date()), 1)

beforeAll(async () => {
  g = await startIsolationCloud(['isolation', 'files'])
  chief = await g.newLeader('gridChief', 'g1')
  volunteer = await g.newResident('c1', 210, true)
  housemate = await g.newResident('g1', HOME)
  card = await g.ok<IsolationCard>(chief, 'mark', {
    householdId: g.householdsUnder('g1')[HOME]._id,
    startDay: tomorrow(),
    days: 1,
    reason: '密接，居家观察',
    supplies: { times: ['10:00'], note: '米、菜、牛奶' },
    garbage: { times: ['09:00', '17:00'] },
  })
}, 180_000)
afterAll(async () => {
  await g?.close()
})
afterEach(() => resetChecks(g.cloud))

/** The volunteer takes a task of tomorrow and finishes it with these photos: the row 完成 answers with. */
async function finish(slot: 'supplies' | 'garbage', time: string, photos: string[]): Promise<IsolationTaskRow> {
  const taskId = isolationTaskId(card.id, slot, tomorrow(), time)
  await g.ok(volunteer, 'claim', { taskId })
  return g.ok<IsolationTaskRow>(volunteer, 'done', { taskId, note: '放在门口，已敲门告知', photos })
}

const householdRow = async (id: string): Promise<IsolationTaskRow> => {
  const mine = await g.ok<{ tasks: IsolationTaskRow[] }>(housemate, 'mine', { day: tomorrow() })
  const row = mine.tasks.find((t) => t.id === id)
  if (!row) throw new Error(`task ${id} not on the household's day`)
  return row
}
const finishedRow = async (id: string): Promise<IsolationTaskRow> => {
  const page = await g.ok<{ finished: IsolationTaskRow[] }>(volunteer, 'tasks', { gridId: 'g1' })
  const row = page.finished.find((t) => t.id === id)
  if (!row) throw new Error(`task ${id} not among the volunteer's finished ones`)
  return row
}

describe('an isolation task photo the image check finds risky', () => {
  it('审核中 for the volunteer only; once risky, hidden from all, the volunteer told how many, the household nothing', async () => {
    g.cloud.mediaChecks.configure({ riskyWords: ['RISKY-DELIVERY'], hold: true })
    const risky = await markedPhoto(g.cloud, volunteer, 'isolation', 'RISKY-DELIVERY')
    const fine = await markedPhoto(g.cloud, volunteer, 'isolation')
    const done = await finish('supplies', '10:00', [risky, fine])
    await g.cloud.mediaChecks.settled()
    expect((await record(risky))?.state).toBe('pending')

    // 审核中: both photos for the volunteer (on 完成's answer and on 隔离服务任务), none for the household
    expect(done.photos).toHaveLength(2)
    expect(done.withheldPhotos).toBe(0)
    const held = await finishedRow(done.id)
    expect(held.photos).toHaveLength(2)
    // both marked 审核中 on the page (checkingPhotos), on 完成's answer too
    expect(held.checkingPhotos).toEqual(held.photos)
    expect(done.checkingPhotos).toEqual(done.photos)
    const waiting = await householdRow(done.id)
    expect(waiting).toMatchObject({ state: 'done', photos: [], checkingPhotos: [], withheldPhotos: 0 })

    expect(await g.cloud.mediaChecks.release()).toBe(2)
    expect(await record(risky)).toMatchObject({ state: 'risky', attachedTo: { kind: 'isolation', id: done.id } })
    expect((await record(fine))?.state).toBe('pass')

    // the volunteer: the passed photo and the count of the withheld one (never the photo itself)
    const mine = await finishedRow(done.id)
    expect(mine.photos).toEqual([expect.stringContaining(pathOf(fine))])
    expect(mine.checkingPhotos).toEqual([])
    expect(mine.withheldPhotos).toBe(1)
    expect(JSON.stringify(mine)).not.toContain(pathOf(risky))
    expect(withheldLine(mine.withheldPhotos)).toBe('1 张图片未通过内容安全审核，已对所有人隐藏')

    // the household: the passed photo only, and no word of the other
    const theirs = await householdRow(done.id)
    expect(theirs.photos).toEqual([expect.stringContaining(pathOf(fine))])
    expect(theirs.withheldPhotos).toBe(0)
    expect(JSON.stringify(theirs)).not.toContain(pathOf(risky))
    const got = await g.ok<IsolationTaskRow>(housemate, 'received', { taskId: done.id })
    expect(got).toMatchObject({ withheldPhotos: 0 })
    expect(JSON.stringify(got)).not.toContain(pathOf(risky))

    const audit = (
      (await cloudSdk
        .database()
        .collection('audit')
        .where({ action: 'isolation.done', actorId: volunteer._id })
        .get()) as unknown as { data: AuditDoc[] }
    ).data
    expect(audit).toEqual([expect.objectContaining({ subjectIds: [volunteer._id] })])
  })

  it('a photo that passes is shown to the household and the volunteer alike, with nothing withheld', async () => {
    const fine = await markedPhoto(g.cloud, volunteer, 'isolation')
    const done = await finish('garbage', '09:00', [fine])
    await g.cloud.mediaChecks.settled()
    for (const row of [await finishedRow(done.id), await householdRow(done.id)]) {
      expect(row.photos).toEqual([expect.stringContaining(pathOf(fine))])
      expect(row.withheldPhotos).toBe(0)
    }
  })
})
