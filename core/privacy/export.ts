/**
 * privacy.exportMyData (PIPL Art. 45): everything stored about a person, as the client receives it — dates as ISO
 * strings (what JSON would make of them anyway, typed), and no openid: it is how WeChat identifies the caller to
 * this app, of no use to them, and not to be carried around.
 */
import type { Json, MyData } from '../contract'
import type { AuditDoc, ClaimDoc, PersonDoc } from '../model'
import type { Unit } from '../units'

/** A stored document as the client receives it: Date values as ISO text, the platform's `_openid` left out. */
export function json<T extends object>(doc: T): Json<T> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(doc)) {
    if (k === '_openid') continue // set by the platform on client writes; never ours to show
    out[k] = v instanceof Date ? v.toISOString() : v
  }
  return out as Json<T>
}

const withoutOpenid = <T extends { openid?: string }>({ openid, ...rest }: T): Omit<T, 'openid'> => (void openid, rest)

export interface ExportFacts {
  person: PersonDoc
  home: Pick<Unit, '_id' | 'name'> | null
  /** Every claim the person made (by their openid). */
  claims: readonly ClaimDoc[]
  /** The audit entries that showed their data, as a person or through their claims, newest first. */
  seen: readonly AuditDoc[]
  /** The actors of `seen` by id, with their names as stored now. */
  actorNames: ReadonlyMap<string, string>
  exportedAt: Date
}

/** The export: claims newest first; who saw the data, by the name they have now (else the one they had then). */
export const myData = ({ person, home, claims, seen, actorNames, exportedAt }: ExportFacts): MyData => ({
  exportedAt: exportedAt.toISOString(),
  person: json(withoutOpenid(person)),
  household: home ? { _id: home._id, name: home.name } : null,
  claims: [...claims]
    .sort((a, b) => +new Date(b.createdAt) - +new Date(a.createdAt))
    .map((c) => json(withoutOpenid(c))),
  seenBy: seen.map((e) => json({ actorName: actorNames.get(e.actorId) ?? e.actorName, action: e.action, at: e.at })),
})
