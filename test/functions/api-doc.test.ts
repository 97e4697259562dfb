/** docs/api.md documents every action, every error code and every permission the code enforces. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ACTION_KEYS } from '../../core/contract'
import { ERROR_MESSAGES } from '../../core/envelope'
import { PERMISSIONS } from '../../core/permissions'

const doc = readFileSync(join(__dirname, '../../docs/api.md'), 'utf8')

/** The text of one action's section: from its heading to the next heading of the same or a higher level. */
const section = (key: string): string => {
  const start = doc.indexOf(`### \`${key}\``)
  const next = doc.slice(start + 4).search(/\n##+ /)
  return start < 0 ? '' : doc.slice(start, next < 0 ? undefined : start + 4 + next)
}

describe('docs/api.md', () => {
  it.each(ACTION_KEYS)('has a section for %s with who may call it, payload, result and errors', (key) => {
    const s = section(key)
    expect(s).not.toBe('')
    for (const part of ['who may call', 'payload', 'errors', 'Result']) expect(s).toContain(part)
  })

  it.each(ACTION_KEYS)('lists the roles that may call %s', (key) => {
    const p = PERMISSIONS[key]
    const who = section(key).match(/\| who may call \| (.*) \|/)?.[1] ?? ''
    if (p.who === 'anyone') expect(who).toMatch(/^anyone/)
    else if (p.who === 'registered') expect(who).toContain('`registered`')
    else for (const role of p.who) expect(who).toContain(`\`${role}\``)
  })

  it.each(Object.entries(ERROR_MESSAGES))('lists the error code %s with its message', (code, message) => {
    expect(doc).toContain(`| \`${code}\` | ${message} |`)
  })

  it('documents no action the code does not have', () => {
    const documented = [...doc.matchAll(/^### `([^`]+)`/gm)].map((m) => m[1])
    expect(documented.sort()).toEqual([...ACTION_KEYS].sort())
  })
})
