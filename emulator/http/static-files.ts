/** Serves the h5 build: files by path with their content type, and index.html for app routes (SPA fallback). */
import fs from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

export const contentType = (file: string): string =>
  TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type })
  res.end(body)
}

export function serveStatic(root: string | undefined, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return send(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed')
  if (!root) return send(res, 404, 'text/plain; charset=utf-8', 'Not Found (no static directory configured)')
  let rel: string
  try {
    rel = decodeURIComponent(new URL(req.url ?? '/', 'http://local').pathname)
  } catch {
    return send(res, 400, 'text/plain; charset=utf-8', 'Bad Request')
  }
  const base = path.resolve(root)
  let file = path.resolve(base, '.' + rel)
  if (file !== base && !file.startsWith(base + path.sep))
    return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden')
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html')
  if (!fs.existsSync(file)) {
    // an app route (no extension) gets the app; a missing asset is a real 404
    if (path.extname(rel)) return send(res, 404, 'text/plain; charset=utf-8', 'Not Found')
    file = path.join(base, 'index.html')
    if (!fs.existsSync(file)) return send(res, 404, 'text/plain; charset=utf-8', 'Not Found (no index.html)')
  }
  const type = contentType(file)
  res.writeHead(200, {
    'content-type': type,
    'content-length': fs.statSync(file).size,
    'cache-control': type.startsWith('text/html') ? 'no-cache' : 'public, max-age=0',
  })
  if (req.method === 'HEAD') return void res.end()
  fs.createReadStream(file).pipe(res)
}
