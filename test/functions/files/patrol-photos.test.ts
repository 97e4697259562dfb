/**
 * A patrol's photos (巡查台账: a finding kept in the log, not reported) through the image check, as a request's go
 * (request-photos.test.ts), through the real wx-server-sdk in the local cloud: a photo the check finds risky is
 * hidden from everyone who reads the grid's log — the grid's other leaders and the patroller too — and the patroller
 * alone reads on their finding how many of theirs were withheld; a photo still 审核中 is shown to the grid's leaders
 * (the only ones who read the log) and never to a resident, who cannot read the log at all.
 */
import type { PatrolsView, PatrolView } from '../../../core/contract/requests'
import type { AuditDoc, PersonDoc } from '../../../core/model'
import { patrolDayOf } from '../../../core/requests/patrol'
import { withheldLine } from '../../../core/uploads'
import { personaPerson } from '../../demo'
import { newTap, startRequestsCloud, gridOf, type RequestsCloud } from '../harness/requests-cloud'
import { markedPhoto, pathOf, record, resetChecks } from './marked-photo'
import cloudSdk from 'wx-server-sdk'

jest.setTimeout(120_000)

let c: RequestsCloud
let chief: PersonDoc
let party: PersonDoc
let staff: PersonDoc
let resident: PersonDoc
let gridId: string

beforeAll(async () => {
  c = await startRequestsCloud()
  resident = personaPerson(c.demo, 'resident')
  gridId = gridOf(resident)
  chief = c.holder('gridChief', gridId)
  party = c.holder('partyLeader', gridId)
  staff = personaPerson(c.demo, 'communityStaff')
}, 180_000)
afterAll(() => c?.close())
afterEach(() => resetChecks(c.cloud))

const MIN = 60_000

/** The chief logs a patrol of the last hour with one finding kept in the log, its photos `photos`. */
async function logPatrol(photos: string[], description: string): Promise<{ id: string; day: string }> {
  const start = Date.now() - 70 * MIN
  const { id } = await c.ok<{ id: string }>(chief, 'logPatrol', {
    gridId,
    tapId: newTap('patrol'),
    route: '东门—中心花园—地下车库',
    startedAt: new Date(start).toISOString(),
    endedAt: new Date(start + 60 * MIN).toISOString(),
    findings: [{ description, photos, category: 'sanitation', asRequest: false }],
  })
  return { id, day: patrolDayOf(new Date(start)) }
}

/** The patrol as `viewer` reads it in the grid's log (its day's first page holds it: it is the newest). */
async function asSeenBy(viewer: PersonDoc, id: string, day: string): Promise<PatrolView> {
  const log = await c.ok<PatrolsView>(viewer, 'patrols', { unitId: gridId, day })
  if (log.kind !== 'grid') throw new Error('not a grid log')
  const row = log.rows.find((r) => r.id === id)
  if (!row) throw new Error(`patrol ${id} not in the log`)
  return row
}

describe('a patrol photo the image check finds risky', () => {
  it('is hidden from every reader of the log; the patroller reads that it was withheld, the others nothing', async () => {
    c.cloud.mediaChecks.configure({ riskyWords: ['RISKY-PATROL'] })
    const risky = await markedPhoto(c.cloud, chief, 'request', 'RISKY-PATROL')
    const fine = await markedPhoto(c.cloud, chief, 'request')
    const { id, day } = await logPatrol([risky, fine], '单元门口有小广告，已当场清理')
    await c.cloud.mediaChecks.settled()
    expect(await record(risky)).toMatchObject({ state: 'risky', attachedTo: { kind: 'request', id } })
    expect((await record(fine))?.state).toBe('pass')

    // the patroller: the passed photo, and the count of the withheld one on the finding (never the photo itself)
    const mine = await asSeenBy(chief, id, day)
    expect(mine.findings[0].photos).toHaveLength(1)
    expect(mine.findings[0].photos[0]).toContain(pathOf(fine))
    expect(mine.findings[0].withheldPhotos).toBe(1)
    expect(JSON.stringify(mine)).not.toContain(pathOf(risky))
    expect(withheldLine(mine.findings[0].withheldPhotos)).toBe('1 张图片未通过内容安全审核，已对所有人隐藏')

    // the grid's party leader and the community's staff read the same log: the passed photo only, and no word of it
    for (const other of [party, staff]) {
      const seen = await asSeenBy(other, id, day)
      expect(seen.findings[0].photos).toHaveLength(1)
      expect(seen.findings[0].withheldPhotos).toBe(0)
      expect(JSON.stringify(seen)).not.toContain(pathOf(risky))
    }
    // a resident never reads the log, photos or count
    expect(await c.act(resident, 'patrols', { unitId: gridId, day })).toMatchObject({ ok: false, code: 'FORBIDDEN' })

    const audit = (
      (await cloudSdk
        .database()
        .collection('audit')
        .where({ action: 'requests.report', actorId: chief._id })
        .get()) as unknown as {
        data: AuditDoc[]
      }
    ).data
    expect(audit).toEqual([expect.objectContaining({ subjectIds: [chief._id], unitId: gridId })])
  })

  it('审核中: shown to the grid’s leaders while its verdict is awaited; risky once it comes, for the patroller only', async () => {
    c.cloud.mediaChecks.configure({ riskyWords: ['RISKY-LATER'], hold: true })
    const later = await markedPhoto(c.cloud, chief, 'request', 'RISKY-LATER')
    const { id, day } = await logPatrol([later], '地下车库入口有积水')
    await c.cloud.mediaChecks.settled()
    expect((await record(later))?.state).toBe('pending')
    for (const leader of [chief, party, staff]) {
      const seen = await asSeenBy(leader, id, day)
      expect(seen.findings[0]).toMatchObject({ withheldPhotos: 0 })
      expect(seen.findings[0].photos).toEqual([expect.stringContaining(pathOf(later))])
      // marked 审核中 on the page: the same photo in checkingPhotos
      expect(seen.findings[0].checkingPhotos).toEqual(seen.findings[0].photos)
    }
    expect(await c.act(resident, 'patrols', { unitId: gridId, day })).toMatchObject({ ok: false, code: 'FORBIDDEN' })

    expect(await c.cloud.mediaChecks.release()).toBe(1)
    expect((await record(later))?.state).toBe('risky')
    expect((await asSeenBy(chief, id, day)).findings[0]).toMatchObject({
      photos: [],
      checkingPhotos: [],
      withheldPhotos: 1,
    })
    for (const other of [party, staff]) {
      const seen = await asSeenBy(other, id, day)
      expect(seen.findings[0]).toMatchObject({ photos: [], withheldPhotos: 0 })
      expect(JSON.stringify(seen)).not.toContain(pathOf(later))
    }
  })
})
