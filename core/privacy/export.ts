/** Documents as the client receives them: dates as ISO strings (what JSON would make of them anyway, typed). */

type Json<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | undefined ? string | undefined : T[K]
}

/** The database hands dates back as Date objects; tolerate a string or a number as well. */
export const iso = (d: Date | string | number): string => new Date(d).toISOString()

export function json<T extends object>(doc: T): Json<T> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(doc)) {
    if (k === '_openid') continue // set by the platform on client writes; never ours to show
    out[k] = v instanceof Date ? v.toISOString() : v
  }
  return out as Json<T>
}
