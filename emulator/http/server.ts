/**
 * The local cloud's HTTP face, on 127.0.0.1 only: the SDK wire protocol at POST /admin, the local endpoints
 * under /local/ (call a function as an openid, personas, outbox, CloudIDs, storage), and the h5 build at /.
 * Every request first passes the guard (./guard.ts): loopback Host, no foreign page, JSON declared as JSON.
 */
import http, { type IncomingMessage } from 'node:http'
import { serveStatic } from './static-files'
import type { LocalStorage } from '../open/storage'
import { handleStorage, STORAGE_PREFIX } from './storage-routes'
import { json } from './respond'
import { corsOrigin, notJson, refusal } from './guard'

export interface Routes {
  admin: (body: Record<string, unknown>) => Promise<unknown>
  call: (body: Record<string, unknown>) => Promise<{ status: number; body: unknown }>
  personas: () => unknown
  outbox: () => unknown
  cloudid: (body: Record<string, unknown>) => { status: number; body: unknown }
  storage: LocalStorage
  staticDir?: string
}

const MAX_BODY = 16 * 1024 * 1024

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new Error('request body too large'))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      try {
        const v: unknown = text ? JSON.parse(text) : {}
        if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('body must be a JSON object')
        resolve(v as Record<string, unknown>)
      } catch (e) {
        reject(e as Error)
      }
    })
    req.on('error', reject)
  })
}

export function createServer(routes: Routes): http.Server {
  return http.createServer((req, res) => {
    // no answer here may be run as a script or style by a page that embeds it
    res.setHeader('x-content-type-options', 'nosniff')
    res.setHeader('vary', 'origin')
    const refused = refusal(req)
    if (refused) {
      res.setHeader('connection', 'close')
      return json(res, refused.status, refused.body)
    }
    // browsers may call from a page on another local port (the Taro dev server)
    const origin = corsOrigin(req)
    if (origin) {
      res.setHeader('access-control-allow-origin', origin)
      res.setHeader('access-control-allow-headers', 'content-type')
      res.setHeader('access-control-allow-methods', 'GET, HEAD, POST, PUT, OPTIONS')
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204)
      return void res.end()
    }
    const pathname = new URL(req.url ?? '/', 'http://local').pathname
    const post = async (handler: (b: Record<string, unknown>) => Promise<void> | void): Promise<void> => {
      if (req.method !== 'POST') return json(res, 405, { errCode: -1, errMsg: `${pathname} takes POST` })
      const unsupported = notJson(req)
      if (unsupported) return json(res, unsupported.status, unsupported.body)
      let body: Record<string, unknown>
      try {
        body = await readJson(req)
      } catch (e) {
        return json(res, 400, { errCode: -1, errMsg: `bad request body: ${(e as Error).message}` })
      }
      await handler(body)
    }
    const done = (p: Promise<void> | void): void => {
      void Promise.resolve(p).catch((e: Error) => {
        if (!res.headersSent) json(res, 500, { errCode: -1, errMsg: e.message })
        else res.destroy()
      })
    }
    switch (pathname) {
      case '/admin':
        return done(post(async (b) => json(res, 200, await routes.admin(b))))
      case '/local/call':
        return done(
          post(async (b) => {
            const r = await routes.call(b)
            json(res, r.status, r.body)
          }),
        )
      case '/local/cloudid':
        return done(
          post((b) => {
            const r = routes.cloudid(b)
            json(res, r.status, r.body)
          }),
        )
      case '/local/personas':
        return json(res, 200, routes.personas())
      case '/local/outbox':
        return json(res, 200, routes.outbox())
      default:
        if (pathname.startsWith(STORAGE_PREFIX)) return done(handleStorage(routes.storage, req, res))
        if (pathname.startsWith('/local/'))
          return json(res, 404, { errCode: -1, errMsg: `no such endpoint ${pathname}` })
        return serveStatic(routes.staticDir, req, res)
    }
  })
}
