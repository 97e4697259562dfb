/**
 * The local cloud is a server on the developer's machine, and every web page they open can reach it. Each
 * endpoint refuses a foreign Host (a DNS-rebinding page), a request from another site's page (a foreign Origin,
 * or a cross-site <img>/<iframe> load), and, where the body is JSON, a body not declared as JSON (what a page can
 * send without a preflight) — and nothing is written: the database is read back through the real SDK, the outbox
 * and the storage folder are checked. The same requests from this machine (no Origin, loopback origins on any
 * port, Host localhost / 127.x / [::1]) still work.
 */
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import path from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { CHROMIUM } from '../browser/browser'
import { startTestCloud, tempDir, type TestCloud } from './helpers'

let t: TestCloud
let port: number
const staticDir = tempDir('static')
const PHONE = '13912345678'
const SECRET_FILE = 'exports/co-1/名册.csv'
const SECRET_TEXT = `姓名,电话\n王秀英,${PHONE}\n`
const personas = [{ openid: 'o-resident', role: 'resident', label: '居民 · 王秀英', description: '5栋2单元402' }]

beforeAll(async () => {
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>网格通</title>')
  t = await startTestCloud({ staticDir, personas, timers: false })
  port = Number(new URL(t.cloud.url).port)
  await t.cloud.seed({ people: [{ _id: 'p-wang', name: '王秀英', phone: PHONE }] })
  await t.sdk.uploadFile({ cloudPath: SECRET_FILE, fileContent: Buffer.from(SECRET_TEXT) })
  await t.cloud.callFunction('openapi', { op: 'send', message: message('o-resident') }, { openid: 'o-staff' })
})
afterAll(async () => {
  await browser?.close()
  await t.close()
  fs.rmSync(staticDir, { recursive: true, force: true })
})

let browser: Browser | undefined
/** Chromium without private-network blocking (as browsers that have none), evil.example resolving to 127.0.0.1. */
async function realBrowser(): Promise<Browser> {
  browser ??= await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-features=BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights,LocalNetworkAccessChecks',
      '--host-resolver-rules=MAP evil.example 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  })
  return browser
}

function message(touser: string): Record<string, unknown> {
  return { touser, templateId: 'TPL', page: 'pages/index/index', data: { thing1: { value: '停水通知' } } }
}

interface Sent {
  status: number
  headers: http.IncomingHttpHeaders
  text: string
}

/** One raw HTTP request, so Host, Origin and Content-Type are exactly what a browser or attacker could send. */
function send(method: string, url: string, headers: Record<string, string>, body?: string): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path: url, headers, agent: false, setHost: !('host' in headers) },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
        )
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** The wire body wx-server-sdk sends for `collection(name).add({data})` (captured from the SDK). */
const insert = (id: string): string =>
  JSON.stringify({
    action: 'database.insertDocument',
    collectionName: 'people',
    data: [JSON.stringify({ _id: id, tag: 'probe', phone: '13000000000' })],
    envName: 'local',
  })

interface Endpoint {
  name: string
  method: string
  path: (tag: string) => string
  body?: (tag: string) => string
  /** the body is JSON, so an undeclared one is refused too */
  json?: boolean
  /** what a successful answer has in it */
  answer?: string
  /** the status this machine gets (200 unless said) */
  status?: number
}

const call = (data: Record<string, unknown>) => JSON.stringify({ name: data.fn, openid: 'o-resident', data })
const ENDPOINTS: Endpoint[] = [
  { name: 'POST /admin (database write)', method: 'POST', path: () => '/admin', body: insert, json: true },
  {
    name: 'POST /admin (database read)',
    method: 'POST',
    path: () => '/admin',
    json: true,
    answer: PHONE,
    body: () =>
      JSON.stringify({ action: 'database.getDocument', collectionName: 'people', query: '{}', envName: 'local' }),
  },
  {
    name: 'POST /admin (storage temp URL)',
    method: 'POST',
    path: () => '/admin',
    json: true,
    answer: '名册',
    body: () =>
      JSON.stringify({
        action: 'storage.batchGetDownloadUrl',
        file_list: [{ fileid: `cloud://local.6c6f-local-1250000000/${SECRET_FILE}`, max_age: 600 }],
        envName: 'local',
      }),
  },
  {
    name: 'POST /local/call (a subscribe message as a user)',
    method: 'POST',
    path: () => '/local/call',
    json: true,
    body: (tag) => call({ fn: 'openapi', op: 'send', message: message(`o-${tag}`) }),
  },
  {
    name: 'POST /local/call (a file upload as a user)',
    method: 'POST',
    path: () => '/local/call',
    json: true,
    body: (tag) => call({ fn: 'storage', op: 'upload', cloudPath: `intruder/${tag}-call.txt`, text: 'x' }),
  },
  {
    name: 'POST /local/call (a read as a user)',
    method: 'POST',
    path: () => '/local/call',
    json: true,
    answer: 'o-resident',
    body: () => call({ fn: 'whoami' }),
  },
  {
    name: 'POST /local/cloudid',
    method: 'POST',
    path: () => '/local/cloudid',
    json: true,
    answer: 'cloudID',
    body: () => JSON.stringify({ data: { openGId: 'G-1' } }),
  },
  {
    name: 'POST /local/storage/upload',
    method: 'POST',
    path: (tag) => `/local/storage/upload?cloudPath=${encodeURIComponent(`intruder/${tag}-post.txt`)}`,
    body: () => 'x',
    answer: 'fileID',
  },
  {
    name: 'PUT /local/storage/upload (what the SDK sends)',
    method: 'PUT',
    path: (tag) => `/local/storage/upload?cloudPath=${encodeURIComponent(`intruder/${tag}-put.txt`)}`,
    body: () => 'x',
  },
  { name: 'GET /local/personas', method: 'GET', path: () => '/local/personas', answer: '王秀英' },
  { name: 'GET /local/outbox', method: 'GET', path: () => '/local/outbox', answer: '停水通知' },
  {
    name: 'GET /local/storage/<file>',
    method: 'GET',
    path: () => `/local/storage/${encodeURI(SECRET_FILE)}`,
    answer: PHONE,
  },
  {
    name: 'GET /local/storage/<file>?download=',
    method: 'GET',
    path: () => `/local/storage/${encodeURI(SECRET_FILE)}?download=x.csv`,
    answer: PHONE,
  },
  { name: 'HEAD /local/storage/<file>', method: 'HEAD', path: () => `/local/storage/${encodeURI(SECRET_FILE)}` },
  { name: 'GET / (the h5 build)', method: 'GET', path: () => '/', answer: '网格通' },
  { name: 'GET /pages/me/index (an app route)', method: 'GET', path: () => '/pages/me/index', answer: '网格通' },
  { name: 'OPTIONS /local/call (a preflight)', method: 'OPTIONS', path: () => '/local/call', status: 204 },
  { name: 'GET /admin', method: 'GET', path: () => '/admin', status: 405 },
  { name: 'GET /local/nothing', method: 'GET', path: () => '/local/nothing', status: 404 },
]

const JSON_TYPE = { 'content-type': 'application/json' }
const FOREIGN: [string, number, string, Record<string, string>][] = [
  ['Host evil.example (DNS rebinding)', 403, 'FOREIGN_HOST', { host: 'evil.example' }],
  ['Host evil.example:<port>', 403, 'FOREIGN_HOST', { host: 'evil.example:PORT' }],
  ['Host 127.0.0.1.nip.io:<port>', 403, 'FOREIGN_HOST', { host: '127.0.0.1.nip.io:PORT' }],
  ['Host localhost.evil.example', 403, 'FOREIGN_HOST', { host: 'localhost.evil.example' }],
  ['Host 10.0.0.8:<port> (the LAN address)', 403, 'FOREIGN_HOST', { host: '10.0.0.8:PORT' }],
  ['an empty Host', 403, 'FOREIGN_HOST', { host: '' }],
  ['Origin http://evil.example', 403, 'FOREIGN_ORIGIN', { origin: 'http://evil.example' }],
  ['Origin null (a sandboxed frame, file:)', 403, 'FOREIGN_ORIGIN', { origin: 'null' }],
  ['Origin http://localhost.evil.example', 403, 'FOREIGN_ORIGIN', { origin: 'http://localhost.evil.example' }],
  ['Origin https://127.0.0.1.nip.io', 403, 'FOREIGN_ORIGIN', { origin: 'https://127.0.0.1.nip.io' }],
  [
    'a cross-site <img> (no Origin, no Referer)',
    403,
    'FOREIGN_ORIGIN',
    { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' },
  ],
  [
    'a cross-site <iframe>',
    403,
    'FOREIGN_ORIGIN',
    {
      'sec-fetch-site': 'cross-site',
      'sec-fetch-mode': 'navigate',
      'sec-fetch-dest': 'iframe',
      referer: 'http://evil.example/page',
    },
  ],
]
const UNDECLARED: [string, Record<string, string>][] = [
  ['text/plain (a form or a no-cors fetch)', { 'content-type': 'text/plain;charset=UTF-8' }],
  ['application/x-www-form-urlencoded', { 'content-type': 'application/x-www-form-urlencoded' }],
  ['multipart/form-data', { 'content-type': 'multipart/form-data; boundary=x' }],
  ['no content type', {}],
]

const withPort = (h: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k, v.replace('PORT', String(port))]))

let n = 0
const tag = (): string => `t${++n}`

/** Every fileID the requests so far could have written. */
const intruderIds = (): string[] =>
  Array.from({ length: n }, (_, i) => `cloud://local.6c6f-local-1250000000/intruder/t${i + 1}`).flatMap((id) => [
    `${id}-call.txt`,
    `${id}-post.txt`,
    `${id}-put.txt`,
  ])

function expectRefused(r: Sent, status: number, reason: string, e: Endpoint): void {
  expect({ status: r.status, type: r.headers['content-type'] }).toEqual({
    status,
    type: 'application/json; charset=utf-8',
  })
  expect(r.headers['access-control-allow-origin']).toBeUndefined()
  if (e.method !== 'HEAD') expect(JSON.parse(r.text)).toEqual({ errCode: -1, errMsg: expect.any(String), reason })
  if (e.answer) expect(r.text).not.toContain(e.answer)
}

describe('refused, with a short JSON error', () => {
  describe.each(ENDPOINTS)('$name', (e) => {
    it.each(FOREIGN)('%s', async (_, status, reason, headers) => {
      const k = tag()
      expectRefused(
        await send(e.method, e.path(k), { ...JSON_TYPE, ...withPort(headers) }, e.body?.(k)),
        status,
        reason,
        e,
      )
    })
    if (e.json)
      it.each(UNDECLARED)('a body sent as %s', async (_, headers) => {
        const k = tag()
        expectRefused(await send(e.method, e.path(k), headers, e.body?.(k)), 415, 'NOT_JSON', e)
      })
  })
})

/** A hand-written request line and headers, for what node's client would not send (no Host at all). */
function raw(head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(head))
    let text = ''
    s.on('data', (c: Buffer) => (text += c.toString('utf8')))
    s.on('close', () => resolve(text))
    s.on('error', reject)
  })
}

describe('a request without Host is not answered', () => {
  it.each([
    ['HTTP/1.1', '400 Bad Request'],
    ['HTTP/1.0', '403 Forbidden'],
  ])('%s: %s', async (version, status) => {
    const text = await raw(`GET /local/personas ${version}\r\nConnection: close\r\n\r\n`)
    expect(text.split('\r\n')[0]).toBe(`HTTP/1.1 ${status}`)
    expect(text).not.toContain('王秀英')
  })
  it('HTTP/1.0 POST /local/call writes nothing either', async () => {
    const body = call({ fn: 'openapi', op: 'send', message: message('o-no-host') })
    const head = `POST /local/call HTTP/1.0\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`
    expect((await raw(head + body)).split('\r\n')[0]).toBe('HTTP/1.1 403 Forbidden')
  })
})

/**
 * What a real browser sends from another site's page: Chromium with its private-network blocking switched off,
 * as in browsers that have none, and evil.example resolving to 127.0.0.1 (DNS rebinding). The page posts forms
 * and no-cors fetches and reads the local cloud under its own name: every request is refused. (What it sends for
 * an <img>, no Origin and Sec-Fetch-Site: cross-site, is what the raw requests above send.)
 */
describe('from another site’s page, in a real browser', () => {
  it('refuses its forms, no-cors posts and rebinding reads', async () => {
    const page = await (await realBrowser()).newPage()
    const home = `http://evil.example:${port}/`
    const target = `http://127.0.0.1:${port}`
    const sendBody = call({ fn: 'openapi', op: 'send', message: message('o-browser') })
    const read = JSON.stringify({ action: 'database.getDocument', collectionName: 'people', query: '{}' })
    const formUpload = `${target}/local/storage/upload?cloudPath=intruder%2Fbrowser-form.txt`
    // a text/plain form posts `name=value`: split the JSON so that the body is the JSON itself
    const html = `<!doctype html><body><iframe name="sink1"></iframe><iframe name="sink2"></iframe>
      <form id="text" method="POST" enctype="text/plain" target="sink1" action="${target}/local/call">
        <input name='${sendBody.slice(0, -3)}' value='"}}'></form>
      <form id="multi" method="POST" enctype="multipart/form-data" target="sink2" action="${formUpload}">
        <input name="a" value="x"></form>
      <script>
        const settle = (p) => p.then(async (r) => r.status + ' ' + (await r.text()), () => 'blocked')
        Promise.all([
          settle(fetch('${target}/local/call', { method: 'POST', mode: 'no-cors', body: ${JSON.stringify(sendBody)} })),
          settle(fetch('${target}/admin', { method: 'POST', mode: 'no-cors', body: ${JSON.stringify(insert('browser'))} })),
          settle(fetch('${target}/local/storage/upload?cloudPath=intruder%2Fbrowser.txt', { method: 'POST', mode: 'no-cors', body: 'x' })),
          settle(fetch('${target}/local/personas')),
          settle(fetch('/local/personas')),
          settle(fetch('/admin', { method: 'POST', headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(read)} })),
          settle(fetch('/local/outbox')),
        ]).then((results) => {
          window.results = results
          document.getElementById('text').submit()
          document.getElementById('multi').submit()
        })
      </script></body>`
    const statuses = new Map<string, number>()
    page.on('response', (r) => {
      if (r.url() !== home) statuses.set(`${r.request().method()} ${r.url()}`, r.status())
    })
    await page.route(home, (r) => r.fulfill({ contentType: 'text/html', body: html }))
    const formsAnswered = Promise.all([
      page.waitForResponse((r) => r.url() === `${target}/local/call` && r.request().resourceType() === 'document'),
      page.waitForResponse((r) => r.url() === formUpload && r.request().resourceType() === 'document'),
    ])
    await page.goto(home)
    await formsAnswered
    const results = (await page.evaluate(() => (window as unknown as { results: string[] }).results)) as string[]
    // no-cors answers are opaque to the page (status 0); a cross-origin read is blocked by CORS
    expect(results.slice(0, 4)).toEqual(['0 ', '0 ', '0 ', 'blocked'])
    // under its own name the page could read answers: each is a refusal, and names no resident
    for (const r of results.slice(4)) expect(r).toMatch(/^403 .*"reason":"FOREIGN_HOST"/)
    expect(results.join()).not.toMatch(new RegExp(`${PHONE}|王秀英|停水通知`))
    expect(Object.fromEntries(statuses)).toEqual({
      [`POST ${target}/local/call`]: 403,
      [`POST ${target}/admin`]: 403,
      [`POST ${target}/local/storage/upload?cloudPath=intruder%2Fbrowser.txt`]: 403,
      [`POST ${formUpload}`]: 403,
      [`GET http://evil.example:${port}/local/personas`]: 403,
      [`POST http://evil.example:${port}/admin`]: 403,
      [`GET http://evil.example:${port}/local/outbox`]: 403,
    })
    await page.close()
  }, 20_000)
})

describe('and nothing was written', () => {
  it('the database, read through the real SDK, holds no intruder document', async () => {
    expect(n).toBeGreaterThan(100)
    const { total } = (await t.db.collection('people').where({ tag: 'probe' }).count()) as { total: number }
    expect(total).toBe(0)
    const { data } = (await t.db.collection('people').get()) as { data: { _id: string }[] }
    expect(data.map((d) => d._id)).toEqual(['p-wang'])
  })
  it('the outbox holds only the message sent before, in memory and on disk', async () => {
    expect(t.cloud.outbox()).toEqual([expect.objectContaining({ touser: 'o-resident', from: 'o-staff' })])
    expect(fs.readFileSync(path.join(t.dataDir, 'outbox.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1)
  })
  it('storage holds only the file uploaded before', async () => {
    const { fileList } = (await t.sdk.getTempFileURL({ fileList: intruderIds() })) as {
      fileList: { status: number }[]
    }
    expect(new Set(fileList.map((f) => f.status))).toEqual(new Set([-503003]))
    const stored = fs.readdirSync(path.join(t.dataDir, 'storage')).filter((f) => !f.startsWith('.'))
    expect(stored).toHaveLength(1)
  })
})

describe('this machine is still served', () => {
  const ALLOWED: [string, Record<string, string>][] = [
    ['no Origin (wx-server-sdk, scripts)', {}],
    ['Host localhost:<port>', { host: 'localhost:PORT' }],
    ['Host [::1]:<port>', { host: '[::1]:PORT' }],
    ['Host 127.0.0.2:<port>', { host: '127.0.0.2:PORT' }],
    ['the page served here', { origin: 'http://127.0.0.1:PORT', 'sec-fetch-site': 'same-origin' }],
    ['the Taro dev server on localhost', { origin: 'http://localhost:10086', 'sec-fetch-site': 'cross-site' }],
    ['a page on [::1]', { origin: 'http://[::1]:5173' }],
  ]
  it.each(ALLOWED)('%s: every endpoint answers as before', async (_, headers) => {
    for (const e of ENDPOINTS) {
      const k = tag()
      const r = await send(e.method, e.path(k), { ...JSON_TYPE, ...withPort(headers) }, e.body?.(k))
      expect({ endpoint: e.name, status: r.status }).toEqual({ endpoint: e.name, status: e.status ?? 200 })
      if (e.answer)
        expect({ endpoint: e.name, answered: r.text.includes(e.answer) }).toEqual({ endpoint: e.name, answered: true })
      if (headers.origin) expect(r.headers['access-control-allow-origin']).toBe(withPort(headers).origin)
    }
  })
  it('in a real browser: the page served here and a dev server on localhost call, read and upload', async () => {
    const page = await (await realBrowser()).newPage()
    const script = (base: string) => `(async () => {
      const json = { 'content-type': 'application/json' }
      const call = await fetch('${base}/local/call', { method: 'POST', headers: json, body: ${JSON.stringify(call({ fn: 'whoami' }))} })
      const up = await fetch('${base}/local/storage/upload?cloudPath=mine%2F' + location.port + '.txt', {
        method: 'POST', body: new Blob(['x'], { type: 'text/plain' }) })
      const personas = await fetch('${base}/local/personas')
      return [call.status, (await call.json()).result.before.OPENID, up.status, (await personas.json())[0].label]
    })()`
    await page.goto(`${t.cloud.url}/`)
    expect(await page.evaluate(script(''))).toEqual([200, 'o-resident', 200, '居民 · 王秀英'])
    // the Taro dev server's page on another port: CORS with a preflight for the JSON call
    await page.route('http://localhost:10086/', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html>' }))
    await page.goto('http://localhost:10086/')
    expect(await page.evaluate(script(t.cloud.url))).toEqual([200, 'o-resident', 200, '居民 · 王秀英'])
    await page.close()
  }, 20_000)
  it('a cross-site link opening a page or a file in the developer’s own tab', async () => {
    const nav = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' }
    expect((await send('GET', '/', nav)).status).toBe(200)
    expect((await send('GET', `/local/storage/${encodeURI(SECRET_FILE)}?download=x.csv`, nav)).status).toBe(200)
  })
  it('an <img> of a stored file on the Taro dev server’s page (cross-site, with its Referer)', async () => {
    const img = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' }
    const r = await send('GET', `/local/storage/${encodeURI(SECRET_FILE)}`, {
      ...img,
      referer: 'http://localhost:10086/',
    })
    expect(r.status).toBe(200)
  })
  it('the writes went through: database (real SDK), outbox and storage', async () => {
    const { total } = (await t.db.collection('people').where({ tag: 'probe' }).count()) as { total: number }
    expect(total).toBe(ALLOWED.length)
    expect(t.cloud.outbox()).toHaveLength(1 + ALLOWED.length)
    const { fileList } = (await t.sdk.getTempFileURL({ fileList: intruderIds() })) as {
      fileList: { fileID: string; status: number }[]
    }
    const stored = fileList.filter((f) => f.status === 0).map((f) => f.fileID.replace(/^.*-/, ''))
    expect(stored.sort()).toEqual(['call.txt', 'post.txt', 'put.txt'].flatMap((f) => ALLOWED.map(() => f)))
  })
  it('every answer carries nosniff, so no page can run it as a script or style', async () => {
    expect((await send('GET', '/local/personas', {})).headers['x-content-type-options']).toBe('nosniff')
    expect((await send('GET', '/local/personas', { host: 'evil.example' })).headers['x-content-type-options']).toBe(
      'nosniff',
    )
  })
})
