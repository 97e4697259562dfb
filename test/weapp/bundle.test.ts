/**
 * What WeChat would receive: the tab bar, no trace of the h5-only local demo login, and a main package
 * well under WeChat's limit. Reads the compiled dist/ (fails when it has not been built).
 */
import fs from 'node:fs'
import path from 'node:path'
import { mainPackageSize, MAIN_PACKAGE_LIMIT } from '../../scripts/package-size'
import { DIST } from './harness'

const read = (file: string): string => fs.readFileSync(path.join(DIST, file), 'utf8')
const allFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const abs = path.join(dir, e.name)
    return e.isDirectory() ? allFiles(abs) : [abs]
  })

test('the tab bar is 首页 · 通知 · 积分 · 诉求 · 我的, each with its icons', () => {
  const app = JSON.parse(read('app.json')) as {
    tabBar: { list: { text: string; iconPath: string; selectedIconPath: string }[] }
  }
  expect(app.tabBar.list.map((t) => t.text)).toEqual(['首页', '通知', '积分', '诉求', '我的'])
  for (const t of app.tabBar.list) {
    expect(fs.existsSync(path.join(DIST, t.iconPath))).toBe(true)
    expect(fs.existsSync(path.join(DIST, t.selectedIconPath))).toBe(true)
  }
})

test('the weapp carries no local demo login: no picker page, no local cloud endpoint, no demo wording', () => {
  const app = JSON.parse(read('app.json')) as { pages: string[] }
  expect(app.pages.some((p) => p.includes('personas'))).toBe(false)
  const code = allFiles(DIST)
    .filter((f) => /\.(js|wxml|json)$/.test(f))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n')
  for (const trace of ['/local/', 'localStorage', '本地演示', '切换演示身份']) expect(code).not.toContain(trace)
})

test('the main package stays under 1 MB', () => {
  expect(mainPackageSize(DIST).total).toBeLessThan(MAIN_PACKAGE_LIMIT)
})
