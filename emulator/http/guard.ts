/**
 * Who may talk to the local cloud. It listens on 127.0.0.1 only, yet every web page the developer opens can send
 * requests there (a form post, an <img>, a no-cors fetch), and a DNS-rebinding page can even read the answers
 * under its own name. So a request is answered only when
 * - its Host names the loopback address or localhost (a rebinding page's requests carry its own name);
 * - it comes from no web page at all (wx-server-sdk, scripts and tests send no Origin) or from a loopback origin
 *   (the h5 build served here, the Taro dev server on another port);
 * - a body meant as JSON says so (`isJson`): a page on another site can send text/plain, form or multipart
 *   bodies without a preflight, never application/json.
 */
import type { IncomingMessage } from 'node:http'
import net from 'node:net'

export interface Refusal {
  status: number
  body: { errCode: number; errMsg: string; reason: 'FOREIGN_HOST' | 'FOREIGN_ORIGIN' | 'NOT_JSON' }
}

const LOOPBACK = new net.BlockList()
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4')
LOOPBACK.addAddress('::1', 'ipv6')

/** `localhost`, 127.0.0.0/8 or ::1 (an IPv6 literal with or without brackets). */
export function isLoopbackHostname(name: string): boolean {
  const host = name.toLowerCase().replace(/^\[(.*)\]$/, '$1')
  if (host === 'localhost') return true
  const family = net.isIP(host)
  return family !== 0 && LOOPBACK.check(host, family === 4 ? 'ipv4' : 'ipv6')
}

/** A Host header value (`name[:port]`, `[v6][:port]`) that names this machine. */
export function isLoopbackHost(value: string | undefined): boolean {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/i.exec(value ?? '')
  return !!m && isLoopbackHostname(m[1])
}

/** `http(s)://<loopback>[:port]` exactly, as browsers send it; `null` (sandboxed frames, file:) is not. */
export function isLoopbackOrigin(value: string): boolean {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return false
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value && isLoopbackHostname(url.hostname)
  )
}

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v)

/**
 * Sent by another site's page: a non-loopback Origin, or (for what browsers send without one: <img>, <script>,
 * <iframe>, no-cors GETs) `Sec-Fetch-Site: cross-site` without a loopback Referer. A link from another site that
 * opens a page or file in the developer's own tab stays allowed: the linking page cannot read it, and no GET
 * here changes anything.
 */
function fromForeignPage(req: IncomingMessage): boolean {
  const origin = one(req.headers.origin)
  if (origin !== undefined) return !isLoopbackOrigin(origin)
  if (one(req.headers['sec-fetch-site']) !== 'cross-site') return false
  const read = req.method === 'GET' || req.method === 'HEAD'
  if (read && req.headers['sec-fetch-mode'] === 'navigate' && req.headers['sec-fetch-dest'] === 'document') return false
  const referer = one(req.headers.referer)
  if (!referer) return true
  try {
    return !isLoopbackOrigin(new URL(referer).origin)
  } catch {
    return true
  }
}

/** Why this request must not be answered at all, or undefined when it may be (any route, any method). */
export function refusal(req: IncomingMessage): Refusal | undefined {
  const host = one(req.headers.host)
  if (!isLoopbackHost(host))
    return {
      status: 403,
      body: {
        errCode: -1,
        errMsg: `forbidden: the local cloud answers only Host 127.0.0.1 or localhost, not ${host ?? '(none)'}`,
        reason: 'FOREIGN_HOST',
      },
    }
  if (fromForeignPage(req))
    return {
      status: 403,
      body: {
        errCode: -1,
        errMsg: 'forbidden: the local cloud answers pages on this machine only (127.0.0.1, localhost)',
        reason: 'FOREIGN_ORIGIN',
      },
    }
  return undefined
}

/** A JSON endpoint's body must be declared `application/json` (any parameters, e.g. charset). */
export function notJson(req: IncomingMessage): Refusal | undefined {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
  if (type === 'application/json') return undefined
  return {
    status: 415,
    body: {
      errCode: -1,
      errMsg: `unsupported content type ${type || '(none)'}: send content-type: application/json`,
      reason: 'NOT_JSON',
    },
  }
}

/** The origin to name in CORS headers: a loopback page on another port (e.g. the Taro dev server). */
export const corsOrigin = (req: IncomingMessage): string | undefined => {
  const origin = one(req.headers.origin)
  return origin && isLoopbackOrigin(origin) ? origin : undefined
}
