/**
 * The one upload path and the life of stored files, through the real wx-server-sdk in the local cloud: a leader's
 * image is reserved, uploaded, checked and attached to a notice; its verdict (pass, review, risky, or one that never
 * comes) decides who sees it; a file cannot be attached by someone else; and files go when their time is up — a
 * roster export after an hour (its URL with it), an upload never attached after a day, a deleted person's photos
 * with them. The clock is the sweep timer's firing time, never a wait.
 */
import { PNG } from 'pngjs'
import cloudSdk from 'wx-server-sdk'
import type { NoticeDetail, NoticesApi, RosterFile } from '../../../core/contract'
import type { Envelope } from '../../../core/envelope'
import type { AuditDoc, PersonDoc, UploadDoc } from '../../../core/model'
import { RETENTION, UPLOAD_LIMITS } from '../../../core/uploads'
import { isWithin } from '../../../core/units'
import { buildFunctions } from '../../../scripts/build-functions'
import { inDays, startNoticesCloud, type NoticesCloud } from '../harness/notices-cloud'

jest.setTimeout(120_000)

let c: NoticesCloud
beforeAll(async () => {
  await buildFunctions(['files', 'org', 'privacy'])
  c = await startNoticesCloud()
}, 180_000)
afterAll(() => c?.close())
afterEach(() => {
  c.cloud.mediaChecks.configure({ riskyWords: [], reviewWords: [], riskyHashes: [], hold: false, drop: false })
})

const HOUR = 3_600_000
const chief = () => c.holder('gridChief', 'g1')
const staff = () => c.holder('communityStaff', 'c1')
const resident = (): PersonDoc => {
  const g1 = c.unit('g1')
  const p = c.demo.people.find((x) => x.openid && x.roles.length === 1 && x.homePath && isWithin(x.homePath, g1.path))
  if (!p) throw new Error('no resident in g1')
  return p
}

const files = async <T>(person: PersonDoc, action: string, payload: unknown) =>
  (await c.cloud.callFunction('files', { action, payload }, { openid: person.openid! })).result as Envelope<T>
const ok = <T>(res: Envelope<T>): T => {
  if (!res.ok) throw new Error(`refused: ${res.code} ${res.message}`)
  return res.data
}
const sweep = async (at: Date) =>
  ok(
    (
      await c.cloud.callFunction(
        'files',
        { Type: 'Timer', TriggerName: 'sweep', Time: at.toISOString(), Message: '' },
        { openid: '' },
      )
    ).result as Envelope<{ deleted: number; rechecked: number }>,
  )

/** A real 2×2 PNG; `mark` is appended after its end, where a viewer ignores it and the check's word list finds it. */
function png(mark = ''): Buffer {
  const img = new PNG({ width: 2, height: 2 })
  img.data.fill(0x80)
  return Buffer.concat([PNG.sync.write(img), Buffer.from(mark)])
}

/** What the client does: PUT the bytes at the reserved path (wx.cloud.uploadFile in the mini-program). */
async function put(cloudPath: string, body: Buffer): Promise<string> {
  const res = await fetch(`${c.cloud.url}/local/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    body: new Uint8Array(body),
  })
  return ((await res.json()) as { fileID: string }).fileID
}

/** Reserve, upload, have it checked: the fileID a publish may carry. */
async function uploadImage(person: PersonDoc, bytes = png()): Promise<string> {
  const { uploads } = ok(
    await files<{ uploads: { cloudPath: string }[] }>(person, 'reserve', { purpose: 'notice', exts: ['png'] }),
  )
  const fileID = await put(uploads[0].cloudPath, bytes)
  ok(await files(person, 'uploaded', { purpose: 'notice', fileIDs: [fileID] }))
  return fileID
}

const publish = (person: PersonDoc, images: string[]) =>
  c.act<NoticesApi['publish']['result']>(person, 'publish', {
    title: '停水通知',
    body: '周六 8:00–12:00 停水，请提前储水。',
    urgency: 'normal',
    expiresAt: inDays(3),
    unitIds: ['g1'],
    images,
  })
const detail = (person: PersonDoc, noticeId: string) => c.ok<NoticeDetail>(person, 'detail', { noticeId })
const pathOf = (fileID: string) => fileID.replace(/^cloud:\/\/[^/]+\//, '')

const uploadsCol = () => cloudSdk.database().collection('uploads')
const record = async (fileID: string): Promise<UploadDoc | undefined> =>
  ((await uploadsCol().where({ fileID }).get()) as unknown as { data: UploadDoc[] }).data[0]
const stored = async (fileID: string) => (await fetch(`${c.cloud.url}/local/storage/${pathOf(fileID)}`)).status

/** A notice of the chief's with one image, its verdict decided by the stand-in's rules; after it was handled. */
async function noticeWithImage(mark = ''): Promise<{ noticeId: string; fileID: string }> {
  const fileID = await uploadImage(chief(), png(mark))
  const noticeId = ok(await publish(chief(), [fileID])).id
  await c.cloud.mediaChecks.settled()
  return { noticeId, fileID }
}

describe('an image attached to a notice, through its check', () => {
  it('is 审核中 for the publisher and the leaders, hidden from residents, until its verdict passes it', async () => {
    c.cloud.mediaChecks.configure({ hold: true })
    const { noticeId, fileID } = await noticeWithImage()
    expect(await record(fileID)).toMatchObject({
      state: 'pending',
      attachedTo: { kind: 'notice', id: noticeId },
      expiresAt: null,
      checks: 1,
      type: 'image/png',
    })
    for (const leader of [chief(), staff()]) {
      const d = await detail(leader, noticeId)
      expect([d.images.length, d.checkingImages.length]).toEqual([0, 1])
      expect(d.checkingImages[0]).toContain(pathOf(fileID))
    }
    const before = await detail(resident(), noticeId)
    expect([before.images, before.checkingImages]).toEqual([[], []])

    expect(await c.cloud.mediaChecks.release()).toBe(1)
    expect((await record(fileID))?.state).toBe('pass')
    const after = await detail(resident(), noticeId)
    expect(after.checkingImages).toEqual([])
    expect(after.images).toHaveLength(1)
    // the URL a resident gets serves the image itself
    const res = await fetch(after.images[0])
    expect(res.status).toBe(200)
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 8)).toEqual(png().subarray(0, 8))
  })

  it('review: stays 审核中 for the publisher and leaders, never shown to residents', async () => {
    c.cloud.mediaChecks.configure({ reviewWords: ['REVIEW-ME'] })
    const { noticeId, fileID } = await noticeWithImage('REVIEW-ME')
    expect((await record(fileID))?.state).toBe('review')
    expect((await detail(chief(), noticeId)).checkingImages).toHaveLength(1)
    expect((await detail(staff(), noticeId)).checkingImages).toHaveLength(1)
    expect(await detail(resident(), noticeId)).toMatchObject({ images: [], checkingImages: [], withheldImages: 0 })
  })

  it('risky: hidden everywhere (a resident never gets it), the publisher is told, the audit log records it', async () => {
    c.cloud.mediaChecks.configure({ riskyWords: ['RISKY-ME'] })
    const { noticeId, fileID } = await noticeWithImage('RISKY-ME')
    expect(await record(fileID)).toMatchObject({ state: 'risky', label: expect.any(Number) })

    const asResident = await detail(resident(), noticeId)
    expect(asResident).toMatchObject({ images: [], checkingImages: [], withheldImages: 0 })
    const feed = await c.ok(resident(), 'feed', { page: 0 })
    for (const seen of [asResident, feed]) expect(JSON.stringify(seen)).not.toContain(pathOf(fileID))
    expect(await detail(staff(), noticeId)).toMatchObject({ images: [], checkingImages: [], withheldImages: 0 })
    // the publisher reads why on the notice's page
    expect(await detail(chief(), noticeId)).toMatchObject({ images: [], checkingImages: [], withheldImages: 1 })

    const audit = (
      (await cloudSdk.database().collection('audit').where({ action: 'notices.publish' }).get()) as unknown as {
        data: AuditDoc[]
      }
    ).data
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: chief()._id,
        subjectIds: [chief()._id],
        unitId: 'g1',
        unitPath: c.unit('g1').path,
      }),
    ])
  })

  it('a verdict that never comes: asked again after 6 hours, at most 3 times, and 审核中 for leaders only', async () => {
    // told over the admin wire, as a demo would (curl … {"action":"local.mediaCheck","drop":true})
    const told = await fetch(`${c.cloud.url}/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'local.mediaCheck', drop: true }),
    })
    expect(((await told.json()) as { data: { rules: { drop: boolean } } }).data.rules.drop).toBe(true)
    const { noticeId, fileID } = await noticeWithImage()
    const sent = c.cloud.mediaChecks.log.length
    const at = (hours: number) => new Date(Date.now() + hours * HOUR)
    expect((await sweep(at(5))).rechecked).toBe(0)
    expect((await sweep(at(7))).rechecked).toBe(1)
    expect((await sweep(at(14))).rechecked).toBe(1)
    expect((await sweep(at(21))).rechecked).toBe(0) // three checks asked: no more
    expect(c.cloud.mediaChecks.log.length - sent).toBe(2)
    expect(await record(fileID)).toMatchObject({ state: 'pending', checks: RETENTION.maxChecks })
    expect((await detail(chief(), noticeId)).checkingImages).toHaveLength(1)
    expect(await detail(resident(), noticeId)).toMatchObject({ images: [], checkingImages: [] })
  })

  it('a forged wxa_media_check event (a trace id the check never answered) changes nothing', async () => {
    c.cloud.mediaChecks.configure({ hold: true })
    const { noticeId, fileID } = await noticeWithImage()
    const forged = {
      MsgType: 'event',
      Event: 'wxa_media_check',
      trace_id: 'made-up',
      result: { suggest: 'pass', label: 100 },
    }
    const res = (await c.cloud.callFunction('files', forged, { openid: resident().openid! })).result
    expect(res).toEqual({ ok: true, data: { applied: false } })
    expect((await record(fileID))?.state).toBe('pending')
    expect((await detail(resident(), noticeId)).images).toEqual([])
  })
})

describe('who may attach what', () => {
  it('a file uploaded by one leader cannot be attached by another, and nothing is written', async () => {
    const other = c.holder('gridChief', 'g2')
    const theirs = await uploadImage(other)
    const before = await c.counts()
    expect(await publish(chief(), [theirs])).toMatchObject({ ok: false, code: 'UPLOAD_NOT_YOURS' })
    expect(await files(chief(), 'uploaded', { purpose: 'notice', fileIDs: [theirs] })).toMatchObject({
      ok: false,
      code: 'UPLOAD_NOT_YOURS',
    })
    expect(await c.counts()).toEqual(before)
    expect((await record(theirs))?.state).toBe('uploaded')
  })

  it('refuses a file not uploaded through a reservation, one used twice, and a resident reserving', async () => {
    const loose = await put('notices/g1/loose.png', png())
    expect(await publish(chief(), [loose])).toMatchObject({ ok: false, code: 'UPLOAD_INVALID' })
    const once = await uploadImage(chief())
    ok(await publish(chief(), [once]))
    expect(await publish(chief(), [once])).toMatchObject({ ok: false, code: 'UPLOAD_INVALID' })
    expect(await files(resident(), 'reserve', { purpose: 'notice', exts: ['jpg'] })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
  })

  it('a file that is not an image, or too large, is refused when uploaded, and deleted', async () => {
    const reserve = async () =>
      ok(await files<{ uploads: { cloudPath: string }[] }>(chief(), 'reserve', { purpose: 'notice', exts: ['png'] }))
        .uploads[0].cloudPath
    const text = await put(await reserve(), Buffer.from('not an image at all'))
    const refusedText = await files(chief(), 'uploaded', { purpose: 'notice', fileIDs: [text] })
    expect(refusedText).toMatchObject({
      ok: false,
      code: 'UPLOAD_INVALID',
      message: expect.stringContaining('只能上传照片或截图'),
    })
    const big = await put(await reserve(), Buffer.concat([png(), Buffer.alloc(UPLOAD_LIMITS.imageBytes)]))
    const refusedBig = await files(chief(), 'uploaded', { purpose: 'notice', fileIDs: [big] })
    expect(refusedBig).toMatchObject({
      ok: false,
      code: 'UPLOAD_INVALID',
      message: expect.stringContaining('图片过大'),
    })
    expect([await stored(text), await stored(big)]).toEqual([404, 404])
    expect(await publish(chief(), [text])).toMatchObject({ ok: false, code: 'UPLOAD_INVALID' })
  })
})

describe('retention: the sweep timer', () => {
  it('deletes an upload never attached after a day, not before; an attached one stays', async () => {
    const loose = await uploadImage(chief())
    const kept = await uploadImage(chief())
    ok(await publish(chief(), [kept]))
    await c.cloud.mediaChecks.settled()
    await sweep(new Date(Date.now() + 23 * HOUR))
    expect([await stored(loose), await stored(kept)]).toEqual([200, 200])
    await sweep(new Date(Date.now() + 25 * HOUR))
    expect([await stored(loose), await stored(kept)]).toEqual([404, 200])
    expect(await record(loose)).toBeUndefined()
  })

  it('deletes a file uploaded to a reserved path but never confirmed (the app closed midway) after a day', async () => {
    const { uploads } = ok(
      await files<{ uploads: { cloudPath: string }[] }>(chief(), 'reserve', { purpose: 'notice', exts: ['png'] }),
    )
    const fileID = await put(uploads[0].cloudPath, png())
    await sweep(new Date(Date.now() + 23 * HOUR))
    expect(await stored(fileID)).toBe(200)
    await sweep(new Date(Date.now() + 25 * HOUR))
    expect(await stored(fileID)).toBe(404)
    const left = (await uploadsCol().where({ cloudPath: uploads[0].cloudPath }).get()) as unknown as { data: unknown[] }
    expect(left.data).toEqual([])
    // the probe that named the environment's fileIDs left nothing behind
    expect(await stored('cloud://x/uploads/probe/prefix')).toBe(404)
  })

  it('an uploaded roster goes a day after it was uploaded, imported or not; only staff reserve one', async () => {
    const { uploads } = ok(
      await files<{ uploads: { cloudPath: string; maxBytes: number }[] }>(staff(), 'reserve', {
        purpose: 'roster',
        exts: ['xlsx'],
      }),
    )
    expect(uploads[0]).toMatchObject({
      cloudPath: expect.stringMatching(/^uploads\/roster\/[0-9a-f]{16}\/[0-9a-f]{24}\.xlsx$/),
    })
    const fileID = await put(uploads[0].cloudPath, Buffer.from('not a workbook'))
    const imported = await c.cloud.callFunction(
      'org',
      { action: 'importRoster', payload: { communityId: 'c1', fileID } },
      { openid: staff().openid! },
    )
    expect(imported.result).toMatchObject({ ok: false, code: 'ROSTER_INVALID' })
    await sweep(new Date(Date.now() + 23 * HOUR))
    expect(await stored(fileID)).toBe(200)
    await sweep(new Date(Date.now() + 25 * HOUR))
    expect(await stored(fileID)).toBe(404)
    expect(await files(chief(), 'reserve', { purpose: 'roster', exts: ['xlsx'] })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
    expect(await files(staff(), 'reserve', { purpose: 'roster', exts: ['png'] })).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
    })
    expect(await files(chief(), 'reserve', { purpose: 'notice', exts: ['xlsx'] })).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
    })
  })

  it('deletes a roster export an hour after it was made, and its download URL stops working with it', async () => {
    const exported = await c.cloud.callFunction(
      'org',
      { action: 'exportRoster', payload: { communityId: 'c1' } },
      { openid: staff().openid! },
    )
    const file = ok(exported.result as Envelope<RosterFile>)
    expect((await fetch(file.url)).status).toBe(200)
    await sweep(new Date(Date.now() + 59 * 60_000))
    expect((await fetch(file.url)).status).toBe(200)
    await sweep(new Date(Date.now() + 61 * 60_000))
    expect((await fetch(file.url)).status).toBe(404)
    expect(await stored(file.fileID)).toBe(404)
    expect(await record(file.fileID)).toBeUndefined()
  })

  it('导出我的数据 leaves no file behind: the answer carries the data, nothing is stored or recorded to outlive it', async () => {
    const me = resident()
    const count = async () => ((await uploadsCol().count()) as unknown as { total: number }).total
    const before = await count()
    const res = await c.cloud.callFunction('privacy', { action: 'exportMyData', payload: {} }, { openid: me.openid! })
    const data = ok(res.result as Envelope<{ person: { name: string } }>)
    expect(data.person.name).toBe(me.name)
    // no file, no link to one: nothing the sweep would have to delete
    expect(JSON.stringify(data)).not.toMatch(/cloud:\/\/|\/local\/storage|tempFileURL/)
    expect(await count()).toBe(before)
  })

  it('works in bounded batches (200 files a firing) and the next firing goes on where it stopped', async () => {
    const now = Date.now()
    const owner = c.holder('gridChief', 'g2')._id
    const docs: UploadDoc[] = await Promise.all(
      Array.from({ length: 230 }, async (_, i) => {
        const cloudPath = `rosters/c1/batch-${i}/花名册.xlsx`
        return {
          _id: `batch${String(i).padStart(19, '0')}`,
          ownerId: owner,
          purpose: 'rosterExport' as const,
          cloudPath,
          fileID: await put(cloudPath, Buffer.from(`row ${i}`)),
          size: null,
          type: null,
          state: 'export' as const,
          attachedTo: null,
          traceId: null,
          checkSentAt: null,
          checks: 0,
          label: null,
          decidedAt: null,
          expiresAt: new Date(now - 60_000 + i),
          createdAt: new Date(now - HOUR),
        }
      }),
    )
    await c.cloud.seed({ uploads: docs })
    const at = new Date(now + 2 * HOUR)
    expect((await sweep(at)).deleted).toBe(200)
    const left = await Promise.all(docs.map((d) => stored(d.fileID!)))
    // oldest first: the 200 that expired first are gone, the last 30 wait for the next firing
    expect(left).toEqual(docs.map((_, i) => (i < 200 ? 404 : 200)))
    expect((await sweep(at)).deleted).toBe(30)
    expect(await Promise.all(docs.map((d) => stored(d.fileID!)))).toEqual(docs.map(() => 404))
    expect((await sweep(at)).deleted).toBe(0)
  })

  it('deletes a person’s photos when they are deleted', async () => {
    const head = c.holder('buildingHead', 'c1-b1')
    const attached = await uploadImage(head)
    ok(
      await c.act(head, 'publish', {
        title: '楼道清理',
        body: '周日上午清理楼道杂物。',
        urgency: 'normal',
        expiresAt: inDays(3),
        unitIds: ['c1-b1'],
        images: [attached],
      }),
    )
    const loose = await uploadImage(head)
    await c.cloud.mediaChecks.settled()
    const gone = await c.cloud.callFunction(
      'privacy',
      { action: 'requestDeletion', payload: { confirm: true } },
      { openid: head.openid! },
    )
    expect(gone.result).toMatchObject({ ok: true })
    expect([await stored(attached), await stored(loose)]).toEqual([404, 404])
    expect([await record(attached), await record(loose)]).toEqual([undefined, undefined])
  })
})
