/**
 * src/routes.ts is the one list of page paths: the compiled app.json registers exactly those pages, each page's
 * folder is where its route says, and no file in src/ types a page path by hand.
 */
import fs from 'node:fs'
import path from 'node:path'
import { noticeUrl, pageUrl, posterUrl, reachUrl, ROUTES } from '../../src/routes'
import { DIST } from './harness'

const SRC = path.resolve(__dirname, '../../src')
const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const abs = path.join(dir, e.name)
    return e.isDirectory() ? sources(abs) : /\.tsx?$/.test(e.name) ? [abs] : []
  })

test('the weapp registers exactly the pages of src/routes.ts (the h5-only persona picker aside), each one built', () => {
  const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
    pages: string[]
    subPackages?: { root: string; pages: string[] }[]
    subpackages?: { root: string; pages: string[] }[]
  }
  const subs = app.subPackages ?? app.subpackages ?? []
  const registered = [...app.pages, ...subs.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))]
  const routes = Object.values(ROUTES).filter((r) => r !== '')
  expect(ROUTES.personas).toBe('')
  expect([...registered].sort()).toEqual([...routes].sort())
  for (const route of routes) expect(fs.existsSync(path.join(DIST, `${route}.js`))).toBe(true)
})

test('one domain word from page to action: 我发布的 is notices/published, 楼栋邻里 lives under grid', () => {
  expect(ROUTES.published).toBe('manage/notices/published/index')
  expect(ROUTES.neighbours).toBe('pages/grid/neighbours/index')
  for (const route of Object.values(ROUTES).filter((r) => r !== '')) {
    expect(fs.existsSync(path.join(SRC, `${route}.tsx`))).toBe(true)
  }
})

test('urls carry a leading / and an encoded query, with empty values left out', () => {
  expect(pageUrl('home')).toBe('/pages/grid/home/index')
  expect(pageUrl('join', { token: 'a b&c', bind: undefined })).toBe('/pages/join/index?token=a%20b%26c')
  expect(reachUrl('n/1', 'g 2')).toBe('/manage/notices/reach/index?id=n%2F1&unit=g%202')
  expect(posterUrl('u&1')).toBe('/manage/poster/index?unit=u%261')
  expect(noticeUrl('n1', 'g1')).toBe('/pages/notices/detail/index?id=n1&grid=g1')
  expect(noticeUrl('n1')).toBe('/pages/notices/detail/index?id=n1')
})

test('no file in src/ types a page path by hand: navigation and share paths come from src/routes.ts', () => {
  const PAGE_PATH = /['"`]\/?(?:pages|manage)\/[\w/-]*index\b/
  const handTyped = sources(SRC)
    .filter((f) => path.basename(f) !== 'routes.ts')
    .flatMap((f) =>
      fs
        .readFileSync(f, 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\/\/|\*|\/\*\*)/.test(line) && PAGE_PATH.test(line))
        .map((line) => `${path.relative(SRC, f)}: ${line.trim()}`),
    )
  expect(handTyped).toEqual([])
})
