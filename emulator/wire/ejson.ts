/**
 * The SDK sends every query, update, order, projection and stage as a canonical EJSON string (bson's EJSON).
 * Decoding turns TCB's own extension values into what the engine stores: `{$tcb_server_date:{offset}}`
 * (db.serverDate()) becomes the server's time, and BSON regular expressions (db.RegExp) become JS RegExps that
 * mingo matches with.
 */
import { BSONRegExp, EJSON } from 'bson'
import type { Doc } from '../store/engine'
import { isDate, isRegExp } from '../store/values'

export function revive(v: unknown, now: number): unknown {
  if (v instanceof BSONRegExp) return new RegExp(v.pattern, v.options.replace(/[^imsu]/g, ''))
  if (Array.isArray(v)) return v.map((x) => revive(x, now))
  if (v && typeof v === 'object' && !isDate(v) && !isRegExp(v)) {
    const o = v as Doc
    const sd = o.$tcb_server_date as { offset?: number } | undefined
    if (sd && typeof sd === 'object' && Object.keys(o).length === 1) return new Date(now + Number(sd.offset ?? 0))
    for (const k of Object.keys(o)) o[k] = revive(o[k], now)
  }
  return v
}

/** Decodes one EJSON string parameter; a missing or empty parameter is an empty object. */
export function decode(s: unknown, now: number): Doc {
  if (s === undefined || s === null || s === '') return {}
  if (typeof s !== 'string') return revive(s, now) as Doc
  return revive(EJSON.parse(s), now) as Doc
}

/** Documents go back as canonical EJSON strings, which the SDK parses with EJSON.parse. */
export const encode = (d: Doc): string => EJSON.stringify(d, { relaxed: false })
