/**
 * Cloud storage: the real wx-server-sdk's uploadFile / downloadFile / getTempFileURL / deleteFile inside a function
 * (fixture `storage`), the h5 client's upload route, serving files, path and size limits, and durability.
 */
import fs from 'node:fs'
import path from 'node:path'
import { startLocalCloud } from '../../emulator'
import { FIXTURE_FUNCTIONS, startTestCloud, type Loose, type TestCloud } from './helpers'

const MAX = 64 * 1024
let t: TestCloud

beforeAll(async () => {
  t = await startTestCloud({ maxUploadBytes: MAX, timers: false })
})
afterAll(() => t.close())

type Settled = { value?: Loose; error?: { errCode: number; errMsg: string } }
const fn = async (data: Record<string, unknown>): Promise<Settled> =>
  (await t.cloud.callFunction('storage', data, { openid: 'o-staff' })).result as Settled

const FILE_ID = /^cloud:\/\/local\.6c6f-local-\d+\//

describe('inside a function, through the real SDK', () => {
  it('uploads, downloads, hands out a temp URL that serves the bytes, and deletes', async () => {
    const up = await fn({ op: 'upload', cloudPath: 'rosters/社区一/名册 2025.xlsx', text: '第一行\n第二行' })
    expect(up.value).toEqual({
      fileID: 'cloud://local.6c6f-local-1250000000/rosters/社区一/名册 2025.xlsx',
      statusCode: expect.any(Number),
      errMsg: 'uploadFile:ok',
    })
    const fileID = up.value.fileID as string

    const down = await fn({ op: 'download', fileID })
    expect(down.value).toEqual({ fileContent: '第一行\n第二行', statusCode: 200, errMsg: 'downloadFile:ok' })

    const temp = await fn({ op: 'temp', fileList: [fileID, { fileID, maxAge: 120 }] })
    expect(temp.value.errMsg).toBe('getTempFileURL:ok')
    expect(temp.value.fileList[0]).toEqual({
      fileID,
      // signed with its expiry, as COS signs one (below: refused once it passed)
      tempFileURL: expect.stringMatching(
        new RegExp(`^${t.cloud.url}/local/storage/rosters/社区一/名册 2025\\.xlsx\\?t=\\d+&sign=[0-9a-f]{32}$`),
      ),
      status: 0,
      errMsg: 'ok',
      maxAge: expect.any(Number),
    })
    expect(temp.value.fileList[1].maxAge).toBe(120)
    const res = await fetch(encodeURI(temp.value.fileList[0].tempFileURL))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(await res.text()).toBe('第一行\n第二行')

    const del = await fn({ op: 'delete', fileList: [fileID, fileID] })
    expect(del.value).toEqual({
      fileList: [
        { fileID, status: 0, errMsg: 'ok' },
        { fileID, status: -503003, errMsg: 'storage file not exists' },
      ],
      errMsg: 'deleteFile:ok',
    })
    expect((await fn({ op: 'download', fileID })).error?.errMsg).toMatch(/^downloadFile:fail storage file not exists/)
    expect((await fetch(encodeURI(temp.value.fileList[0].tempFileURL))).status).toBe(404)
  })

  it('a temp URL serves its file until its maxAge has passed, then answers 403; a forged one never serves', async () => {
    const fileID = (await fn({ op: 'upload', cloudPath: 'exports/short.csv', text: 'a,b' })).value.fileID as string
    const [long, short] = (
      await fn({
        op: 'temp',
        fileList: [
          { fileID, maxAge: 3600 },
          { fileID, maxAge: 0 },
        ],
      })
    ).value.fileList as { tempFileURL: string }[]
    expect((await fetch(long.tempFileURL)).status).toBe(200)
    // maxAge 0 ends within the second it was made: wait for that, by asking (no fixed sleep)
    const deadline = Date.now() + 5_000
    let status = 0
    while (Date.now() < deadline && (status = (await fetch(short.tempFileURL)).status) === 200);
    expect(status).toBe(403)
    expect(await (await fetch(short.tempFileURL)).json()).toEqual({ errCode: -503002, errMsg: 'temp URL expired' })
    // a later expiry or another signature is not ours
    const later = long.tempFileURL.replace(/t=(\d+)/, (_m, t: string) => `t=${Number(t) + 1}`)
    const forged = long.tempFileURL.replace(/sign=[0-9a-f]/, (m) =>
      m.endsWith('0') ? `${m.slice(0, -1)}1` : `${m.slice(0, -1)}0`,
    )
    for (const url of [later, forged]) expect((await fetch(url)).status).toBe(403)
    expect((await fetch(long.tempFileURL)).status).toBe(200)
  })

  it('overwrites the same cloudPath, keeping one fileID', async () => {
    const a = await fn({ op: 'upload', cloudPath: 'exports/a.csv', text: 'old' })
    const b = await fn({ op: 'upload', cloudPath: 'exports/a.csv', text: 'new' })
    expect(b.value.fileID).toBe(a.value.fileID)
    expect((await fn({ op: 'download', fileID: a.value.fileID })).value.fileContent).toBe('new')
  })

  it('a file and a folder of the same name can both exist', async () => {
    await fn({ op: 'upload', cloudPath: 'x', text: 'file' })
    await fn({ op: 'upload', cloudPath: 'x/y', text: 'inside' })
    const [x, y] = (await fn({ op: 'temp', fileList: [`${FIXED}x`, `${FIXED}x/y`] })).value.fileList
    expect([x.status, y.status]).toEqual([0, 0])
  })

  it('getTempFileURL reports missing and foreign fileIDs per file', async () => {
    const r = await fn({ op: 'temp', fileList: [`${FIXED}nope.png`, 'cloud://other-env.bucket/a.png'] })
    expect(r.value.fileList.map((f: { status: number; tempFileURL: string }) => [f.status, f.tempFileURL])).toEqual([
      [-503003, ''],
      [-501007, ''],
    ])
  })

  it('refuses cloudPaths that could escape the storage folder or break URLs, naming the reason', async () => {
    for (const [cloudPath, reason] of [
      ['../outside.txt', '. 或 .. 段'],
      ['a/../../b', '. 或 .. 段'],
      ['/abs.txt', '不能以 / 开头'],
      ['a//b', '连续的 /'],
      ['a\\b', '\\'],
      ['', '不能为空'],
    ]) {
      const r = await fn({ op: 'upload', cloudPath, text: 'x' })
      expect(r.error?.errMsg).toContain('uploadFile:fail [InvalidArgument]')
      expect(r.error?.errMsg).toContain(reason)
    }
    expect(fs.existsSync(path.join(t.dataDir, 'outside.txt'))).toBe(false)
    expect(fs.existsSync(path.join(t.dataDir, '..', 'outside.txt'))).toBe(false)
  })

  it('refuses a file over the size limit with a clear message', async () => {
    const r = await fn({ op: 'upload', cloudPath: 'big.bin', size: MAX + 1 })
    expect(r.error?.errMsg).toMatch(/uploadFile:fail \[EntityTooLarge\]: 文件过大.*上限/)
    expect((await fn({ op: 'temp', fileList: [`${FIXED}big.bin`] })).value.fileList[0].status).toBe(-503003)
    expect((await fn({ op: 'upload', cloudPath: 'ok.bin', size: MAX })).value.fileID).toMatch(FILE_ID)
  })
})

const FIXED = 'cloud://local.6c6f-local-1250000000/'

describe('HTTP', () => {
  const upload = (cloudPath: string, body: BodyInit): Promise<Response> =>
    fetch(`${t.cloud.url}/local/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, { method: 'POST', body })

  it('POST /local/storage/upload stores the raw body; functions read it by the returned fileID', async () => {
    const res = await upload('imports/第3网格.xlsx', new Blob([Buffer.from('PK\u0003\u0004 xlsx bytes')]))
    expect(res.status).toBe(200)
    const { fileID } = (await res.json()) as { fileID: string }
    expect(fileID).toBe(`${FIXED}imports/第3网格.xlsx`)
    expect((await fn({ op: 'download', fileID })).value.fileContent).toBe('PK\u0003\u0004 xlsx bytes')
  })

  it('GET /local/storage/<cloudPath> serves the file; ?download= names the saved file', async () => {
    await upload('docs/说明.txt', 'hello')
    const res = await fetch(
      `${t.cloud.url}/local/storage/${encodeURI('docs/说明.txt')}?download=${encodeURIComponent('导出.txt')}`,
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('导出.txt')}`,
    )
    expect(await res.text()).toBe('hello')
    const head = await fetch(`${t.cloud.url}/local/storage/docs/${encodeURIComponent('说明.txt')}`, { method: 'HEAD' })
    expect(head.headers.get('content-length')).toBe('5')
  })

  it('answers errors as JSON with the storage codes', async () => {
    const big = await upload('too-big.bin', new Blob([Buffer.alloc(MAX + 10)]))
    expect(big.status).toBe(413)
    expect(await big.json()).toEqual({ errCode: -503001, errMsg: expect.stringMatching(/^uploadFile:fail 文件过大/) })

    const bad = await upload('../../etc/passwd', 'x')
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { errMsg: string }).errMsg).toContain('. 或 .. 段')

    const missing = await fetch(`${t.cloud.url}/local/storage/none.txt`)
    expect(missing.status).toBe(404)
    expect(((await missing.json()) as { errCode: number }).errCode).toBe(-503003)

    expect((await fetch(`${t.cloud.url}/local/storage/a/..%2F..%2Fdb%2Fjournal.jsonl`)).status).toBe(400)
    expect((await fetch(`${t.cloud.url}/local/storage/upload?cloudPath=a.txt`, { method: 'DELETE' })).status).toBe(405)
  })
})

describe('durability', () => {
  it('an acknowledged upload survives a restart of the local cloud, with no temp files left', async () => {
    const dataDir = fs.mkdtempSync(path.join(t.dataDir, '..', 'wgt-storage-'))
    try {
      let cloud = await startLocalCloud({ dataDir, functionsDir: FIXTURE_FUNCTIONS, timers: false })
      const up = (
        await cloud.callFunction('storage', { op: 'upload', cloudPath: 'keep/me.txt', text: '留着' }, { openid: 'o' })
      ).result as Settled
      await cloud.close()
      cloud = await startLocalCloud({ dataDir, functionsDir: FIXTURE_FUNCTIONS, timers: false })
      const down = (await cloud.callFunction('storage', { op: 'download', fileID: up.value.fileID }, { openid: 'o' }))
        .result as Settled
      expect(down.value.fileContent).toBe('留着')
      expect(fs.readdirSync(path.join(dataDir, 'storage')).filter((f) => f.endsWith('.tmp'))).toEqual([])
      await cloud.close()
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
