/**
 * The function host and the local endpoints: per-invocation identity, warm instances, nested calls, errors and
 * timeouts as the platform reports them, the open API stand-ins, CloudIDs, personas, static files, and binding
 * to 127.0.0.1 only.
 */
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { CallFunctionError, cloudIdMarker } from '../../emulator'
import { localPhoneOf } from '../../emulator/functions/openapi'
import { startTestCloud, tempDir, type TestCloud } from './helpers'

let t: TestCloud
const staticDir = tempDir('static')
const personas = [{ openid: 'o-resident', role: 'resident', label: '居民', description: '本地演示：普通居民' }]

beforeAll(async () => {
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>网格通</title>')
  fs.mkdirSync(path.join(staticDir, 'js'))
  fs.writeFileSync(path.join(staticDir, 'js', 'app.js'), 'console.log(1)')
  fs.writeFileSync(path.join(staticDir, 'app.css'), 'body{}')
  fs.writeFileSync(path.join(staticDir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]))
  t = await startTestCloud({ staticDir, personas, blockedWords: ['违禁词'] })
})
afterAll(async () => {
  await t.close()
  fs.rmSync(staticDir, { recursive: true, force: true })
})

const post = async (p: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
  const res = await fetch(t.cloud.url + p, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}
type Who = {
  before: { OPENID: string; SOURCE?: string }
  after: { OPENID: string }
  event: { userInfo: { openId: string } }
}

describe('identity', () => {
  it('each of many concurrent invocations sees its own OPENID, also after awaiting', async () => {
    const openids = Array.from({ length: 12 }, (_, i) => `o-user-${i}`)
    const results = await Promise.all(
      openids.map((openid, i) =>
        i % 2
          ? t.cloud.callFunction('whoami', { waitMs: 150 }, { openid }).then((r) => r.result as Who)
          : post('/local/call', { name: 'whoami', openid, data: { waitMs: 150 } }).then((r) => r.body.result as Who),
      ),
    )
    results.forEach((r, i) => {
      expect(r.before.OPENID).toBe(openids[i])
      expect(r.after.OPENID).toBe(openids[i])
      expect(r.event.userInfo).toEqual({ appId: 'wx-local-app', openId: openids[i] })
    })
  })

  it('reuses warm instances across invocations, and returns results as JSON', async () => {
    const served: number[] = []
    for (let i = 0; i < 3; i++) {
      const { result } = await t.cloud.callFunction('whoami', {}, { openid: `o-seq-${i}` })
      served.push((result as { served: number }).served)
      expect((result as { at: unknown }).at).toBe('1970-01-01T00:00:00.000Z')
      expect((result as Who).before.OPENID).toBe(`o-seq-${i}`)
    }
    expect(served[2]).toBeGreaterThan(1)
  })

  it('a function calling another through the SDK runs it as the same user', async () => {
    const { result } = await t.cloud.callFunction('caller', {}, { openid: 'o-nested' })
    const callee = (result as { callee: Who & { event: { from: string } } }).callee
    expect(callee.before).toMatchObject({ OPENID: 'o-nested', SOURCE: 'wx_client,scf' })
    expect(callee.event.from).toBe('caller')
  })
})

describe('POST /local/call', () => {
  it('answers {result} on success', async () => {
    const r = await post('/local/call', { name: 'whoami', openid: 'o-h', data: { action: 'me', payload: {} } })
    expect(r.status).toBe(200)
    expect((r.body.result as Who).event).toMatchObject({ action: 'me', payload: {}, userInfo: { openId: 'o-h' } })
  })
  it('answers {errCode, errMsg} when the function throws', async () => {
    const r = await post('/local/call', { name: 'boom', openid: 'o-h', data: {} })
    expect(r.body).toEqual({ errCode: -504002, errMsg: expect.stringMatching(/functions execute fail.*Error: boom/) })
  })
  it('answers -504002 when the function fails to load', async () => {
    const r = await post('/local/call', { name: 'badload', openid: 'o-h', data: {} })
    expect(r.body).toEqual({ errCode: -504002, errMsg: expect.stringMatching(/cannot load: missing module/) })
  })
  it('answers -504003 when the function runs past its config.json timeout, and the next call still works', async () => {
    const started = Date.now()
    const r = await post('/local/call', { name: 'slow', openid: 'o-h', data: {} })
    expect(r.body).toEqual({ errCode: -504003, errMsg: expect.stringMatching(/timed out after 1 seconds/) })
    expect(Date.now() - started).toBeLessThan(2500)
    const again = await post('/local/call', { name: 'slow', openid: 'o-h', data: {} })
    expect(again.body.errCode).toBe(-504003)
  })
  it('answers 404 for an unknown function and 400 for a malformed request', async () => {
    expect(await post('/local/call', { name: 'nope', openid: 'o', data: {} })).toEqual({
      status: 404,
      body: { errCode: -501000, errMsg: expect.stringMatching(/could not be found/) },
    })
    expect((await post('/local/call', '{not json')).status).toBe(400)
    expect((await post('/local/call', { openid: 'o' })).status).toBe(400)
    expect((await post('/local/call', { name: 'whoami' })).status).toBe(400)
    expect((await post('/local/call', { name: 'whoami', openid: 'o', data: [1] })).status).toBe(400)
    expect((await fetch(t.cloud.url + '/local/call')).status).toBe(405)
  })
  it('callFunction() rejects with the platform errCode', async () => {
    const e = await t.cloud.callFunction('boom', {}, { openid: 'o' }).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(CallFunctionError)
    expect(e).toMatchObject({ errCode: -504002 })
  })
})

describe('open API stand-ins', () => {
  const call = async (data: object, openid = 'o-api') =>
    (await t.cloud.callFunction('openapi', data, { openid })).result as {
      value?: Record<string, unknown>
      error?: { errCode: number; errMsg: string }
    }

  it('msgSecCheck v2 passes clean text and flags a blocked word with the platform result shape', async () => {
    expect((await call({ op: 'check', content: '明天下午社区大扫除' })).value).toMatchObject({
      errCode: 0,
      errMsg: 'openapi.security.msgSecCheck:ok',
      result: { suggest: 'pass', label: 100 },
    })
    const risky = (await call({ op: 'check', content: '这里有违禁词' })).value!
    expect(risky).toMatchObject({ errCode: 0, result: { suggest: 'risky', label: 21000 } })
    expect(risky.detail).toEqual(expect.arrayContaining([expect.objectContaining({ keyword: '违禁词' })]))
  })
  it('msgSecCheck v1 rejects risky content with 87014', async () => {
    expect((await call({ op: 'checkV1', content: '违禁词' })).error).toMatchObject({ errCode: 87014 })
  })
  it('subscribeMessage.send lands in the outbox; invalid data is refused with 47003 and not sent', async () => {
    const message = {
      touser: 'o-target',
      templateId: 'TPL',
      page: 'pages/index/index',
      data: { thing1: { value: '停水通知' } },
    }
    expect((await call({ op: 'send', message }, 'o-sender')).value).toEqual({
      errCode: 0,
      errMsg: 'openapi.subscribeMessage.send:ok',
    })
    const tooLong = { ...message, data: { thing1: { value: '这是一段明显超过二十个字的订阅消息内容，平台会拒绝' } } }
    expect((await call({ op: 'send', message: tooLong })).error).toMatchObject({ errCode: 47003 })
    const sent = [expect.objectContaining({ touser: 'o-target', templateId: 'TPL', from: 'o-sender' })]
    expect(t.cloud.outbox()).toEqual(sent)
    expect(await (await fetch(t.cloud.url + '/local/outbox')).json()).toEqual(sent)
  })
  it('phonenumber.getPhoneNumber answers a code once with the caller’s number; a spent or empty code fails', async () => {
    // concurrent calls land on different workers: the code is still spent once for all of them
    const answers = await Promise.all([1, 2, 3].map(() => call({ op: 'phone', code: 'c-once' }, 'o-phone')))
    const ok = answers.filter((a) => a.value)
    expect(ok).toHaveLength(1)
    expect(ok[0].value).toMatchObject({
      errCode: 0,
      errMsg: 'openapi.phonenumber.getPhoneNumber:ok',
      phoneInfo: { phoneNumber: localPhoneOf('o-phone'), purePhoneNumber: localPhoneOf('o-phone'), countryCode: '86' },
    })
    expect(localPhoneOf('o-phone')).toMatch(/^139\d{8}$/)
    expect(answers.filter((a) => a.error?.errCode === 40163)).toHaveLength(2)
    expect((await call({ op: 'phone', code: '' })).error).toMatchObject({ errCode: 40029 })
    expect((await call({ op: 'phone', code: 'c-other' }, 'o-phone-2')).value?.phoneInfo).toMatchObject({
      purePhoneNumber: localPhoneOf('o-phone-2'),
    })
  })
  it('any other open API fails with a clear error', async () => {
    expect((await call({ op: 'other' })).error!.errMsg).toMatch(
      /does not emulate cloud\.openapi\.customerServiceMessage\.send/,
    )
  })
})

describe('CloudIDs', () => {
  it('a top-level CloudID marker in the data arrives as {cloudID, data}; nested ones are left alone', async () => {
    const { body } = await post('/local/cloudid', { data: { openGId: 'G-grid-1' } })
    const cloudID = body.cloudID as string
    expect(cloudID).toEqual(expect.any(String))
    const { result } = await t.cloud.callFunction(
      'whoami',
      { group: cloudIdMarker(cloudID), nested: { g: cloudIdMarker(cloudID) } },
      { openid: 'o' },
    )
    const event = (result as { event: Record<string, unknown> }).event
    expect(event.group).toEqual({ cloudID, data: { openGId: 'G-grid-1' } })
    expect(event.nested).toEqual({ g: { $cloudID: cloudID } })
  })
  it('getOpenData resolves minted CloudIDs and reports unknown ones', async () => {
    const id = t.cloud.mintCloudID({ openGId: 'G2' })
    const r = await t.cloud.callFunction('openapi', { op: 'openData', list: [id, 'bogus'] }, { openid: 'o' })
    expect((r.result as { value: unknown }).value).toEqual({
      errCode: 0,
      errMsg: 'getOpenData:ok',
      list: [
        { cloudID: id, data: { openGId: 'G2' } },
        expect.objectContaining({ cloudID: 'bogus', errCode: expect.any(Number) }),
      ],
    })
  })
  it('POST /local/cloudid requires data', async () => {
    expect((await post('/local/cloudid', {})).status).toBe(400)
  })
})

describe('HTTP', () => {
  it('serves the personas', async () => {
    expect(await (await fetch(t.cloud.url + '/local/personas')).json()).toEqual(personas)
  })
  it.each([
    ['/', 'text/html; charset=utf-8', '网格通'],
    ['/js/app.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['/app.css', 'text/css; charset=utf-8', 'body{}'],
    ['/pages/me/index', 'text/html; charset=utf-8', '网格通'],
  ])('GET %s is served as %s', async (p, type, text) => {
    const res = await fetch(t.cloud.url + p)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe(type)
    expect(await res.text()).toContain(text)
  })
  it('serves images with their type, 404s missing assets and refuses to leave the static directory', async () => {
    expect((await fetch(t.cloud.url + '/logo.png')).headers.get('content-type')).toBe('image/png')
    expect((await fetch(t.cloud.url + '/js/missing.js')).status).toBe(404)
    expect((await fetch(t.cloud.url + '/..%2f..%2f..%2fetc%2fpasswd')).status).toBe(403)
    expect((await fetch(t.cloud.url + '/local/nothing')).status).toBe(404)
  })
  it('allows a browser on another local port (CORS) but not other origins', async () => {
    const pre = await fetch(t.cloud.url + '/local/call', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:10086' },
    })
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:10086')
    const other = await fetch(t.cloud.url + '/local/personas', { headers: { origin: 'http://evil.example' } })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })
  it('listens on 127.0.0.1 only', async () => {
    const { hostname, port } = new URL(t.cloud.url)
    expect(hostname).toBe('127.0.0.1')
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((a): a is os.NetworkInterfaceInfo => !!a && a.address !== '127.0.0.1')
      .map((a) => a.address)
    for (const address of [...others, '::1']) {
      const refused = await new Promise<boolean>((resolve) => {
        const s = net.connect({ host: address, port: Number(port) })
        s.once('connect', () => (s.destroy(), resolve(false)))
        s.once('error', () => resolve(true))
      })
      expect({ address, refused }).toEqual({ address, refused: true })
    }
  })
})
