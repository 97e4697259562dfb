/**
 * Local demo login (h5 only): the openid of the persona picked on the 本地演示 page stands in for the
 * WeChat identity. In weapp the identity comes from WeChat and none of this is called.
 */
const KEY = 'wanggetong.persona'

export interface Persona {
  openid: string
  role: string
  label: string
  description: string
}

/** The picker page; '' in weapp, where app.config.ts leaves it out (keeps the path out of that bundle). */
export const PERSONA_PAGE = process.env.TARO_ENV === 'h5' ? '/pages/local/personas/index' : ''

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
}

export function forgetPersona(): void {
  window.localStorage.removeItem(KEY)
}
