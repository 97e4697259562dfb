/**
 * HTTP face of the storage stand-in:
 * - `POST /local/storage/upload?cloudPath=…` raw body → `{fileID}` (the h5 client's wx.cloud.uploadFile);
 * - `PUT` to the same URL is what wx-server-sdk sends after storage.getUploadMetadata (answered like COS: empty
 *   200, or an XML <Error> the SDK maps to -503001);
 * - `GET|HEAD /local/storage/<cloudPath>` serves a file (what getTempFileURL URLs point at, signed with their
 *   expiry: 403 once it passed); `?download=<name>` asks the browser to save it under that name.
 */
import fs from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { cloudPathProblem, cosError, tooLarge, type LocalStorage } from '../open/storage'
import { contentType } from './static-files'
import { json } from './respond'

export const STORAGE_PREFIX = '/local/storage/'
export const UPLOAD_PATH = '/local/storage/upload'

/** Storage errors as the platform numbers them (what wx.cloud.uploadFile / downloadFile reject with). */
const STORAGE_REQUEST_FAIL = -503001
const STORAGE_FILE_NONEXIST = -503003
/** A temp URL past its expiry or with a signature that is not ours (COS: 403 AccessDenied). */
const STORAGE_SIGN_PARAM_INVALID = -503002

/**
 * Reads the whole body up to `max` bytes. Past the limit it keeps draining (so the client, which may still be
 * streaming, reads the answer instead of a reset) up to 4× the limit, then gives up on the connection.
 */
function readBody(req: IncomingMessage, max: number): Promise<{ body: Buffer } | { tooLarge: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= max) chunks.push(c)
      else if (size > max * 4) {
        resolve({ tooLarge: size })
        req.destroy()
      }
    })
    req.on('end', () => resolve(size > max ? { tooLarge: size } : { body: Buffer.concat(chunks) }))
    req.on('error', reject)
  })
}

async function upload(storage: LocalStorage, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const sdk = req.method === 'PUT'
  const cloudPath = url.searchParams.get('cloudPath') ?? ''
  const fail = (status: number, code: string, message: string): void => {
    if (!sdk) return json(res, status, { errCode: STORAGE_REQUEST_FAIL, errMsg: `uploadFile:fail ${message}` })
    const text = cosError(code, message, cloudPath)
    res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(text) })
    res.end(text)
  }
  const declared = Number(req.headers['content-length'] ?? NaN)
  if (declared > storage.maxBytes * 4) {
    res.setHeader('connection', 'close')
    fail(413, 'EntityTooLarge', tooLarge(declared, storage.maxBytes))
    return void req.destroy()
  }
  const read = await readBody(req, storage.maxBytes)
  if ('tooLarge' in read) return fail(413, 'EntityTooLarge', tooLarge(read.tooLarge, storage.maxBytes))
  const problem = cloudPathProblem(cloudPath)
  if (problem) return fail(400, 'InvalidArgument', problem)
  const fileID = await storage.put(cloudPath, read.body)
  if (sdk) {
    res.writeHead(200, { 'content-length': 0 })
    return void res.end()
  }
  json(res, 200, { fileID })
}

function serve(storage: LocalStorage, req: IncomingMessage, res: ServerResponse, url: URL): void {
  let cloudPath: string
  try {
    cloudPath = decodeURIComponent(url.pathname.slice(STORAGE_PREFIX.length))
  } catch {
    return json(res, 400, { errCode: -1, errMsg: 'malformed path' })
  }
  const problem = cloudPathProblem(cloudPath)
  if (problem) return json(res, 400, { errCode: -1, errMsg: problem })
  const file = storage.locate(cloudPath)
  if (!file) return json(res, 404, { errCode: STORAGE_FILE_NONEXIST, errMsg: `storage file not exists: ${cloudPath}` })
  // a temp URL (getTempFileURL) carries its expiry and signature; a bare path is the client's own fileID access
  const t = url.searchParams.get('t')
  const sign = url.searchParams.get('sign')
  if (t !== null || sign !== null) {
    const verdict = storage.checkTempUrl(cloudPath, t ?? '', sign ?? '')
    if (verdict !== 'ok')
      return json(res, 403, {
        errCode: STORAGE_SIGN_PARAM_INVALID,
        errMsg: verdict === 'expired' ? 'temp URL expired' : 'temp URL signature invalid',
      })
  }
  const headers: Record<string, string | number> = {
    'content-type': contentType(cloudPath),
    'content-length': fs.statSync(file).size,
    'cache-control': 'no-cache',
  }
  const download = url.searchParams.get('download')
  if (download !== null) {
    const name = download || cloudPath.split('/').pop()!
    headers['content-disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(name)}`
  }
  res.writeHead(200, headers)
  if (req.method === 'HEAD') return void res.end()
  fs.createReadStream(file).pipe(res)
}

/** Handles a request under /local/storage/; returns a promise the server awaits for errors. */
export async function handleStorage(storage: LocalStorage, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local')
  if (url.pathname === UPLOAD_PATH && (req.method === 'POST' || req.method === 'PUT'))
    return upload(storage, req, res, url)
  if (req.method === 'GET' || req.method === 'HEAD') return serve(storage, req, res, url)
  json(res, 405, { errCode: -1, errMsg: `${url.pathname} takes GET (or POST/PUT ${UPLOAD_PATH}?cloudPath=…)` })
}
