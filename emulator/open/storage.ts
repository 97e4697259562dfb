/**
 * Cloud storage stand-in. wx-server-sdk's uploadFile / downloadFile / getTempFileURL / deleteFile go out as
 * `storage.*` actions on the same /admin wire as the database, plus a PUT of the bytes to the upload URL and a GET
 * of the temp URL, so the unmodified SDK works against these and keeps its own result shapes and error mapping.
 *
 * Objects are stored flat under <dataDir>/storage/, one file per cloudPath named by the path's sha256: a cloudPath
 * can never name a file outside that folder, and `a` and `a/b` can both exist, as in the platform's key space.
 * Writes are tmp + fsync + rename + directory fsync, so an acknowledged upload survives kill -9.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024

/** A temp URL's declared lifetime when the caller gives none (the platform's default, seconds). */
const DEFAULT_MAX_AGE = 86400

/** Characters the platform advises against in a cloudPath that also break URLs (refused locally, see docs). */
const REFUSED_CHARS = /[\\%#?]/
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\x00-\x1f\x7f]/

export type WireResult = { requestId: string; data: unknown } | { requestId: string; code: string; message: string }

export interface StorageOptions {
  dataDir: string
  envId: string
  /** the server's base URL (known once it listens) */
  baseUrl: () => string
  maxBytes?: number
}

/** Why a cloudPath is refused, or null when it is acceptable (the platform's naming rules, a little stricter). */
export function cloudPathProblem(cloudPath: unknown): string | null {
  if (typeof cloudPath !== 'string' || cloudPath === '') return 'cloudPath 不能为空'
  if (cloudPath.startsWith('/')) return 'cloudPath 不能以 / 开头'
  if (cloudPath.endsWith('/')) return 'cloudPath 不能以 / 结尾'
  if (cloudPath.includes('//')) return 'cloudPath 不能包含连续的 /'
  if (Buffer.byteLength(cloudPath, 'utf8') > 850) return 'cloudPath 最长 850 字节'
  if (CONTROL_CHARS.test(cloudPath)) return 'cloudPath 不能包含控制字符'
  if (REFUSED_CHARS.test(cloudPath)) return 'cloudPath 不能包含 \\ % # ?'
  if (cloudPath.split('/').some((s) => s === '.' || s === '..')) return 'cloudPath 不能包含 . 或 .. 段'
  return null
}

const requestId = (): string => crypto.randomUUID()

export class LocalStorage {
  readonly dir: string
  /** the bucket part of a fileID, shaped like the platform's `<hex of 2 chars>-<env>-<app number>` */
  readonly bucket: string
  readonly maxBytes: number
  /** signs temp URLs; a fresh one per start, so a restart ends every URL handed out before it */
  private readonly urlKey = crypto.randomBytes(32)

  constructor(private readonly opts: StorageOptions) {
    this.dir = path.join(opts.dataDir, 'storage')
    fs.mkdirSync(this.dir, { recursive: true })
    this.bucket = `${Buffer.from(opts.envId.slice(0, 2)).toString('hex')}-${opts.envId}-1250000000`
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES
    // a crash between write and rename leaves a tmp file that no upload was acknowledged for
    for (const f of fs.readdirSync(this.dir)) if (f.endsWith('.tmp')) fs.rmSync(path.join(this.dir, f), { force: true })
  }

  fileId(cloudPath: string): string {
    return `cloud://${this.opts.envId}.${this.bucket}/${cloudPath}`
  }

  /** The cloudPath a fileID of this environment names, or null. */
  cloudPathOf(fileID: unknown): string | null {
    if (typeof fileID !== 'string') return null
    const prefix = `cloud://${this.opts.envId}.${this.bucket}/`
    if (!fileID.startsWith(prefix)) return null
    const p = fileID.slice(prefix.length)
    return cloudPathProblem(p) ? null : p
  }

  /** Where GET /local/storage/<cloudPath> serves a file, unencoded as the SDK encodes it (no expiry). */
  fileUrl(cloudPath: string): string {
    return `${this.opts.baseUrl()}/local/storage/${cloudPath}`
  }

  /**
   * What getTempFileURL hands out: the file's URL signed with its expiry (`t`, seconds since the epoch) as COS
   * signs one; GET refuses it once `t` has passed (403), and a deleted file answers 404 whatever its URL.
   */
  tempUrl(cloudPath: string, maxAgeSeconds: number, now = Date.now()): string {
    const t = Math.floor(now / 1000) + Math.max(0, Math.floor(maxAgeSeconds))
    return `${this.fileUrl(cloudPath)}?t=${t}&sign=${this.sign(cloudPath, t)}`
  }

  /** Whether a signed URL's `t` and `sign` still admit the file: 'ok', 'expired', or 'forged'. */
  checkTempUrl(cloudPath: string, t: string, sign: string, now = Date.now()): 'ok' | 'expired' | 'forged' {
    const expected = this.sign(cloudPath, Number(t))
    if (!/^\d+$/.test(t) || sign.length !== expected.length) return 'forged'
    if (!crypto.timingSafeEqual(Buffer.from(sign), Buffer.from(expected))) return 'forged'
    return Number(t) * 1000 < now ? 'expired' : 'ok'
  }

  private sign(cloudPath: string, t: number): string {
    return crypto.createHmac('sha256', this.urlKey).update(`${t}\n${cloudPath}`).digest('hex').slice(0, 32)
  }

  private file(cloudPath: string): string {
    return path.join(this.dir, crypto.createHash('sha256').update(cloudPath).digest('hex'))
  }

  exists(cloudPath: string): boolean {
    return fs.existsSync(this.file(cloudPath))
  }

  /** The stored file's path on disk (for streaming), or null. */
  locate(cloudPath: string): string | null {
    const f = this.file(cloudPath)
    return fs.existsSync(f) ? f : null
  }

  async read(cloudPath: string): Promise<Buffer | null> {
    const f = this.locate(cloudPath)
    return f ? fs.promises.readFile(f) : null
  }

  /** Durable write: acknowledged only once the bytes and the rename are on disk. Replaces an existing file. */
  async put(cloudPath: string, content: Buffer): Promise<string> {
    const problem = cloudPathProblem(cloudPath)
    if (problem) throw new Error(problem)
    if (content.length > this.maxBytes) throw new Error(tooLarge(content.length, this.maxBytes))
    const target = this.file(cloudPath)
    const tmp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`
    const fh = await fs.promises.open(tmp, 'w')
    try {
      await fh.writeFile(content)
      await fh.sync()
    } finally {
      await fh.close()
    }
    await fs.promises.rename(tmp, target)
    await this.syncDir()
    return this.fileId(cloudPath)
  }

  async remove(cloudPath: string): Promise<boolean> {
    try {
      await fs.promises.unlink(this.file(cloudPath))
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false
      throw e
    }
    await this.syncDir()
    return true
  }

  private async syncDir(): Promise<void> {
    const dh = await fs.promises.open(this.dir, 'r')
    try {
      await dh.sync()
    } finally {
      await dh.close()
    }
  }

  /** The `storage.*` actions of the /admin wire, answered with the service's shapes and code strings. */
  async wire(action: string, b: Record<string, unknown>): Promise<WireResult> {
    switch (action) {
      case 'storage.getUploadMetadata': {
        // The path is checked when the bytes arrive: an error here would crash the SDK (it destructures `data`).
        const cloudPath = typeof b.path === 'string' ? b.path : ''
        const token = crypto.randomBytes(12).toString('hex')
        return {
          requestId: requestId(),
          data: {
            url: `${this.opts.baseUrl()}/local/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`,
            token,
            authorization: `local ${token}`,
            fileId: this.fileId(cloudPath),
            cosFileId: token,
            download_url: this.fileUrl(cloudPath),
          },
        }
      }
      case 'storage.batchGetDownloadUrl': {
        const list = Array.isArray(b.file_list) ? (b.file_list as Array<Record<string, unknown>>) : []
        return {
          requestId: requestId(),
          data: {
            download_list: list.map((item) => {
              const fileID = String(item?.fileid ?? '')
              const maxAge = typeof item?.max_age === 'number' ? item.max_age : DEFAULT_MAX_AGE
              const cloudPath = this.cloudPathOf(fileID)
              if (cloudPath === null)
                return { fileID, tempFileURL: '', maxAge, code: 'INVALID_PARAM', message: `invalid fileID ${fileID}` }
              if (!this.exists(cloudPath))
                return {
                  fileID,
                  tempFileURL: '',
                  maxAge,
                  code: 'STORAGE_FILE_NONEXIST',
                  message: `storage file not exists: ${fileID}`,
                }
              return { fileID, tempFileURL: this.tempUrl(cloudPath, maxAge), maxAge, code: 'SUCCESS' }
            }),
          },
        }
      }
      case 'storage.batchDeleteFile': {
        const list = Array.isArray(b.fileid_list) ? (b.fileid_list as unknown[]) : []
        const delete_list = []
        for (const id of list) {
          const fileID = String(id)
          const cloudPath = this.cloudPathOf(fileID)
          if (cloudPath === null) delete_list.push({ fileID, code: 'INVALID_PARAM' })
          else if (!(await this.remove(cloudPath))) delete_list.push({ fileID, code: 'STORAGE_FILE_NONEXIST' })
          else delete_list.push({ fileID, code: 'SUCCESS' })
        }
        return { requestId: requestId(), data: { delete_list } }
      }
      default:
        return {
          requestId: requestId(),
          code: 'INVALID_PARAM',
          message: `the local cloud does not support the action ${action}`,
        }
    }
  }
}

export const tooLarge = (size: number, max: number): string =>
  `文件过大：${(size / 1024 / 1024).toFixed(1)} MB，上限 ${Math.floor(max / 1024 / 1024)} MB`

/** The XML error body COS answers a failed PUT with; the SDK turns it into STORAGE_REQUEST_FAIL (-503001). */
export function cosError(code: string, message: string, resource: string): string {
  const esc = (s: string): string =>
    s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!)
  const id = crypto.randomBytes(8).toString('hex')
  return (
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${esc(code)}</Code><Message>${esc(message)}</Message>` +
    `<Resource>${esc(resource)}</Resource><RequestId>${id}</RequestId><TraceId>${id}</TraceId></Error>`
  )
}
