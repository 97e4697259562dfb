/**
 * Files on both platforms: pick a spreadsheet, upload it to cloud storage (the function then reads it by fileID
 * with cloud.downloadFile), and open a file a function published (a temp URL or a fileID).
 * weapp: Taro.chooseMessageFile / Taro.cloud.uploadFile / downloadFile + openDocument.
 * h5 (local cloud): a hidden <input type=file>, POST /local/storage/upload, and a browser download.
 * Failures are ServiceErrors with a Chinese message, like every service.
 */
import Taro from '@tarojs/taro'
import { NETWORK_MESSAGE, ServiceError } from './errors'
import { initCloud } from './transport'

/** A file the user picked. */
export interface PickedFile {
  name: string
  size: number
  /** weapp: its temporary path */
  path?: string
  /** h5: the File itself */
  file?: Blob
}

/** The most an upload may carry (the local cloud's limit; checked here to fail before sending). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const tooLarge = (size: number): ServiceError =>
  new ServiceError(
    'INVALID_PAYLOAD',
    `文件过大（${(size / 1024 / 1024).toFixed(1)} MB），最大 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`,
  )
const uploadFailed = (): ServiceError => new ServiceError('INTERNAL', '文件上传失败，请稍后再试')
const isCancel = (e: unknown): boolean => /cancel/i.test(String((e as { errMsg?: unknown })?.errMsg ?? e))

/** Lets the user pick one .xlsx file (weapp: from a chat; h5: from disk). null when they cancel. */
export function chooseSpreadsheet(): Promise<PickedFile | null> {
  return process.env.TARO_ENV === 'h5'
    ? chooseInBrowser('.xlsx,' + XLSX_MIME).then((f) => f[0] ?? null)
    : chooseInChat(['xlsx'])
}

/**
 * Uploads to cloud storage at `cloudPath` (e.g. `rosters/<communityId>/<time>.xlsx`; no leading `/`, no `..`)
 * and returns its fileID, which is what a function's payload carries. `source` is a picked file, a weapp temp
 * path, or (h5) a Blob.
 */
export async function uploadFile(source: PickedFile | string | Blob, cloudPath: string): Promise<string> {
  const picked: PickedFile =
    typeof source === 'string'
      ? { name: cloudPath, size: 0, path: source }
      : isBlob(source)
        ? { name: cloudPath, size: source.size, file: source }
        : source
  if (picked.size > MAX_UPLOAD_BYTES) throw tooLarge(picked.size)
  return process.env.TARO_ENV === 'h5' ? uploadLocal(picked, cloudPath) : uploadCloud(picked, cloudPath)
}

/**
 * Opens a file for the user: `url` is a temp URL (e.g. RosterFile.url) or a fileID (`cloud://…`). weapp opens it
 * in WeChat's document viewer (share/save from its menu); h5 saves it as `fileName`.
 */
export function openFile(url: string, fileName: string): Promise<void> {
  return process.env.TARO_ENV === 'h5' ? openInBrowser(url, fileName) : openInWeChat(url, fileName)
}

const isBlob = (v: unknown): v is Blob => typeof Blob !== 'undefined' && v instanceof Blob

// ---- weapp ----

async function chooseInChat(extension: string[]): Promise<PickedFile | null> {
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension })
    const f = res.tempFiles[0]
    return f ? { name: f.name, size: f.size, path: f.path } : null
  } catch (e) {
    if (isCancel(e)) return null
    throw new ServiceError('INTERNAL', '无法选择文件，请稍后再试')
  }
}

async function uploadCloud(picked: PickedFile, cloudPath: string): Promise<string> {
  if (!picked.path) throw uploadFailed()
  initCloud()
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath: picked.path })
    return res.fileID
  } catch {
    throw uploadFailed()
  }
}

async function openInWeChat(url: string, fileName: string): Promise<void> {
  const ext = fileName.split('.').pop()?.toLowerCase()
  let filePath: string
  try {
    if (url.startsWith('cloud://')) {
      initCloud()
      filePath = (await Taro.cloud.downloadFile({ fileID: url })).tempFilePath
    } else {
      const res = await Taro.downloadFile({ url })
      if (res.statusCode !== 200) throw new Error(String(res.statusCode))
      filePath = res.tempFilePath
    }
  } catch {
    throw new ServiceError('NETWORK', '文件下载失败，请检查网络后重试')
  }
  try {
    await Taro.openDocument({
      filePath,
      showMenu: true,
      ...(ext ? { fileType: ext as keyof Taro.openDocument.FileType } : {}),
    })
  } catch {
    throw new ServiceError('INTERNAL', '无法打开这个文件')
  }
}

// ---- h5, local cloud ----

/** h5: a hidden file input; [] when the user cancels. */
export function chooseInBrowser(accept: string, multiple = false): Promise<PickedFile[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.multiple = multiple
    input.style.display = 'none'
    const done = (picked: PickedFile[]): void => {
      input.remove()
      resolve(picked)
    }
    input.addEventListener('change', () => {
      done(Array.from(input.files ?? []).map((f) => ({ name: f.name, size: f.size, file: f })))
    })
    input.addEventListener('cancel', () => done([]))
    document.body.appendChild(input)
    input.click()
  })
}

async function uploadLocal(picked: PickedFile, cloudPath: string): Promise<string> {
  if (!picked.file) throw uploadFailed()
  let res: Response
  try {
    res = await fetch(`/local/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      body: picked.file,
    })
  } catch {
    throw new ServiceError('NETWORK', NETWORK_MESSAGE)
  }
  const body = (await res.json().catch(() => ({}))) as { fileID?: string; errMsg?: string }
  if (res.status === 413) throw tooLarge(picked.size)
  if (!res.ok || !body.fileID) throw uploadFailed()
  return body.fileID
}

/** A local temp URL or fileID as a same-origin /local/storage/ path (fileID: `cloud://<env>.<bucket>/<path>`). */
function localUrl(url: string): string {
  if (url.startsWith('cloud://')) return '/local/storage/' + encodeURI(url.replace(/^cloud:\/\/[^/]+\//, ''))
  const at = url.indexOf('/local/storage/')
  // temp URLs carry the path unencoded (the SDK encodes it); already-encoded ones pass through
  return at >= 0 ? (/%[0-9A-Fa-f]{2}/.test(url) ? url.slice(at) : encodeURI(url.slice(at))) : url
}

async function openInBrowser(url: string, fileName: string): Promise<void> {
  const href = localUrl(url)
  const a = document.createElement('a')
  a.href = href.startsWith('/local/storage/')
    ? `${href}${href.includes('?') ? '&' : '?'}download=${encodeURIComponent(fileName)}`
    : href
  a.download = fileName
  a.rel = 'noopener'
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
}
