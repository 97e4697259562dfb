/**
 * Every function that sends an uploaded image to the check declares the openapi permission it needs in its
 * config.json (docs/deploy.md, 图片审核): on a real environment a call without it fails, and the image would stay
 * 审核中 for ever (the local cloud does not enforce the declarations, so this reads them). A function sends checks
 * when its own sources attach images (server/uploads.ts checkAttachable → attachAndCheck) or run the sweep, which
 * asks again; notices attaches through server/notice-publish.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = join(__dirname, '../../../cloudfunctions')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path)
    return name.endsWith('.ts') ? [readFileSync(path, 'utf8')] : []
  })
}

const functions = readdirSync(ROOT).filter((f) => statSync(join(ROOT, f)).isDirectory())
const sendsChecks = (fn: string): boolean =>
  fn === 'notices' || sources(join(ROOT, fn)).some((s) => /\b(checkAttachable|attachAndCheck|sweepFiles)\(/.test(s))
const openapiOf = (fn: string): string[] => {
  const config = JSON.parse(readFileSync(join(ROOT, fn, 'config.json'), 'utf8')) as {
    permissions?: { openapi?: string[] }
  }
  return config.permissions?.openapi ?? []
}

it('finds the functions that take photos: notices, requests, isolation, council, and files (the sweep)', () => {
  expect(functions.filter(sendsChecks).sort()).toEqual(['council', 'files', 'isolation', 'notices', 'requests'])
})

it.each(functions.filter(sendsChecks))('%s declares security.mediaCheckAsync', (fn) => {
  expect(openapiOf(fn)).toContain('security.mediaCheckAsync')
})
