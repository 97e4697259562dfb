/**
 * No developer words on user pages: every string a page can show — JSX text, and each string or template piece
 * in Chinese under src/ (pages, components, services' messages) and in the functions' messages (cloudfunctions/,
 * server/, core/) — is read from the source with the TypeScript parser and must not name a path, a code, an
 * action, an openid or an English term, nor say 微网格 where every page says 楼栋.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

const ROOT = join(__dirname, '../..')

/** Where user-visible strings live. core/schema.ts describes collections for developers (docs/data.md). */
const SOURCES = ['src', 'cloudfunctions', 'server', 'core']
const NOT_SHOWN = [/^core\/schema\.ts$/, /\/index\.js$/, /\.d\.ts$/]

/** Latin a Chinese user meets anyway: a file size, and the extension of a file they download. */
const ALLOWED_LATIN = new Set(['MB', 'xlsx', 'json', 'png'])

const WORDS: [why: string, pattern: RegExp][] = [
  ['a path', /(^|[^\w])\/[a-z][\w-]*\/[\w-]/],
  ['an openid or group id', /open_?g?id|union_?id/i],
  ['an error code', /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/],
  ['an action name', /\b[a-z]+\.[a-z][A-Za-z]+\b/],
  ['the word local', /\blocal\b/i],
  ['an id', /\bids?\b/i],
  ['微网格 (pages say 楼栋)', /微网格/],
]

const CJK = /[\u4e00-\u9fff]/

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : files(path)
    return /\.tsx?$/.test(name) ? [path] : []
  })
}

interface Shown {
  file: string
  line: number
  text: string
}

/** JSX text, and the literal parts of every string or template that holds Chinese (what users read). */
function shownStrings(path: string): Shown[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true)
  const out: Shown[] = []
  const file = relative(ROOT, path)
  const add = (node: ts.Node, text: string) => {
    if (!text.trim()) return
    out.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim() })
  }
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) add(node, node.text)
    else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      // a module name or a JSX attribute holding only ASCII (className, url) is not read by anyone
      if (CJK.test(node.text) && !ts.isImportDeclaration(node.parent)) add(node, node.text)
    } else if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)]
      if (parts.some((p) => CJK.test(p))) parts.forEach((p) => add(node, p))
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return out
}

const shown = SOURCES.flatMap((dir) => files(join(ROOT, dir)))
  .filter((path) => !NOT_SHOWN.some((p) => p.test(relative(ROOT, path))))
  .flatMap(shownStrings)

const latin = (text: string): string[] =>
  (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !ALLOWED_LATIN.has(w) && !/^[A-Z]$/.test(w))

describe('what users read names no developer words', () => {
  it('finds the strings it checks', () => {
    // the scan reads real sources: a page's own title and a function's message are among them
    expect(shown.map((s) => s.text)).toEqual(expect.arrayContaining(['发布通知', '这个名称已被使用，请换一个']))
  })

  it.each(WORDS)('no string shown to users names %s', (_why, pattern) => {
    const hits = shown.filter((s) => pattern.test(s.text)).map((s) => `${s.file}:${s.line} ${s.text}`)
    expect(hits).toEqual([])
  })

  it('no string shown to users holds English words', () => {
    const hits = shown
      .filter((s) => latin(s.text).length)
      .map((s) => `${s.file}:${s.line} ${latin(s.text).join(',')} ← ${s.text}`)
    expect(hits).toEqual([])
  })
})
