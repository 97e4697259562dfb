/**
 * The audit table (core/privacy/audit.ts) against the code: every action that records an unmasked read has a Chinese
 * label, every label belongs to an action that records one, and each is a real action of the contract.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { AUDITED_ACTIONS, auditLabel, FALLBACK_AUDIT_LABEL } from '../../../core/privacy/audit'
import { ACTION_KEYS } from '../../../core/contract'

const ROOT = join(__dirname, '../../..')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path)
    return name.endsWith('.ts') ? [path] : []
  })
}

/** A module that writes audit entries: through recordRead or a helper wrapping it, the audit repository, or a
 * pure rule that builds an entry for one. */
const WRITES_AUDIT =
  /recordRead(?:Of)?\(|recordActInTx\(|auditClaims\(|\.audit\.(?:append|set)\(|collection\('audit'\)|Omit<AuditDoc, '_id'>/
/** The action such a module names: `action: 'x.y'`, passed to auditClaims, or in a table typed AuditedAction
 * (server/uploads.ts: the action that published a risky image, by its purpose). */
const NAMED_ACTION =
  /(?:action: |(?:auditClaims|recordReadOf)\([^)']*|AuditedAction> = \{[^}]*?: )'([a-z]+\.[A-Za-z]+)'/g

/** The action named at each place a function writes an audit entry (functions, server, and the rules in core). */
function recordedActions(): string[] {
  const found: string[] = []
  for (const file of ['cloudfunctions', 'server', 'core'].flatMap((dir) => sources(join(ROOT, dir)))) {
    const text = readFileSync(file, 'utf8')
    if (!WRITES_AUDIT.test(text)) continue
    for (const m of text.matchAll(NAMED_ACTION)) found.push(m[1])
    // every action of such a table, not only its first entry
    for (const t of text.matchAll(/AuditedAction> = \{([^}]*)\}/g))
      for (const m of t[1].matchAll(/'([a-z]+\.[A-Za-z]+)'/g)) found.push(m[1])
  }
  return [...new Set(found)].sort()
}

describe('the audited actions', () => {
  it('are actions of the contract', () => {
    for (const action of Object.keys(AUDITED_ACTIONS)) expect(ACTION_KEYS).toContain(action)
  })

  it('are exactly the actions the functions record, each with a Chinese label', () => {
    expect(recordedActions()).toEqual(Object.keys(AUDITED_ACTIONS).sort())
    for (const label of Object.values(AUDITED_ACTIONS)) expect(label).toMatch(/^[\u4e00-\u9fa5（）、]+$/)
  })

  it('read as Chinese even for an action the table does not know', () => {
    expect(auditLabel('org.exportRoster')).toBe(AUDITED_ACTIONS['org.exportRoster'])
    expect(auditLabel('grid.someFutureRead')).toBe(FALLBACK_AUDIT_LABEL)
  })
})
