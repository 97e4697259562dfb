/**
 * Who the app is acting for. The session changes when the person does: a persona picked on the 本地演示 page
 * (h5), or the person leaving their household or deleting themselves (both builds). Everything cached about the
 * person (who they are, the 通知 badge) belongs to one session: a change voids it and tells the screens that
 * are showing, so none shows the old person until a reload.
 *
 * Local demo login (h5 only): the openid of the persona picked on the 本地演示 page stands in for the
 * WeChat identity. In weapp the identity comes from WeChat and the persona functions are not called.
 */
const KEY = 'wanggetong.persona'

export interface Persona {
  openid: string
  role: string
  label: string
  description: string
}

export function currentPersona(): Persona | null {
  try {
    const raw = window.localStorage.getItem(KEY)
    const p = raw ? (JSON.parse(raw) as Partial<Persona>) : null
    return p && typeof p.openid === 'string' && p.openid ? (p as Persona) : null
  } catch {
    return null
  }
}

export function choosePersona(p: Persona): void {
  window.localStorage.setItem(KEY, JSON.stringify(p))
  sessionChanged()
}

export function forgetPersona(): void {
  window.localStorage.removeItem(KEY)
}

let epoch = 0
const listeners = new Set<() => void>()

/** Which session this is: bumped by every change of who the person is or where they live. */
export const sessionEpoch = (): number => epoch

/** The person changed (another persona, left the household, deleted): void what was cached, tell the screens. */
export function sessionChanged(): void {
  epoch++
  for (const listener of [...listeners]) listener()
}

/** Calls `listener` after each change of session; returns the unsubscribe. */
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}
