/**
 * The one upload path for images (notices now; requests, patrol findings, activities and proposals reuse it) and
 * for the rosters staff import:
 * pick (weapp: Taro.chooseMedia, compressed; h5: a file input), refuse what is over the contract's size limit before
 * sending, reserve one path per image with the `files` function (a folder of the caller's own, per purpose), upload
 * there, and have the function check what arrived (its type by its bytes, its size). The fileIDs this returns are
 * what the attaching action (notices.publish …) carries; it checks again that they are the caller's.
 */
import Taro from '@tarojs/taro'
import { UPLOAD_LIMITS, type ImageExt, type ImagePurpose } from '../../core/uploads'
import { ServiceError } from './errors'
import { chooseInBrowser, uploadFile, type PickedFile } from './files'
import { call } from './transport'

export interface UploadedImage {
  fileID: string
  /** what an <Image> can show at once: the weapp temp path, or (h5) an object URL of the file */
  preview: string
}

const MB = 1024 * 1024
const IMAGE_ACCEPT = 'image/jpeg,image/png,image/gif,image/webp'
const isCancel = (e: unknown): boolean => /cancel/i.test(String((e as { errMsg?: unknown })?.errMsg ?? e))

/** Lets the user pick up to `count` images and uploads them for `purpose`; [] when they cancel. */
export async function pickImages(purpose: ImagePurpose, count: number): Promise<UploadedImage[]> {
  const picked = (await choose(Math.min(count, UPLOAD_LIMITS.perPick))).slice(0, count)
  if (!picked.length) return []
  const big = picked.find((p) => p.size > UPLOAD_LIMITS.imageBytes)
  if (big)
    throw new ServiceError(
      'UPLOAD_INVALID',
      `图片过大（${(big.size / MB).toFixed(1)} MB），每张最大 ${UPLOAD_LIMITS.imageBytes / MB} MB`,
    )
  const { uploads } = await call('files', 'reserve', { purpose, exts: picked.map(extensionOf) })
  const fileIDs = await Promise.all(picked.map((p, i) => uploadFile(p, uploads[i].cloudPath)))
  await call('files', 'uploaded', { purpose, fileIDs })
  return picked.map((p, i) => ({ fileID: fileIDs[i], preview: previewOf(p) }))
}

async function choose(count: number): Promise<PickedFile[]> {
  if (process.env.TARO_ENV === 'h5') return chooseInBrowser(IMAGE_ACCEPT, true)
  try {
    const res = await Taro.chooseMedia({
      count,
      mediaType: ['image'],
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
    })
    return res.tempFiles.map((f) => ({
      name: f.tempFilePath.split('/').pop() ?? 'image',
      size: f.size,
      path: f.tempFilePath,
    }))
  } catch (e) {
    if (isCancel(e)) return []
    throw new ServiceError('INTERNAL', '无法选择图片，请稍后再试')
  }
}

/**
 * Uploads a roster staff picked (chooseSpreadsheet) to a path reserved for it: the fileID org.importRoster reads.
 * The file is deleted a day later by the files sweep, imported or not.
 */
export async function uploadRoster(picked: PickedFile): Promise<string> {
  if (picked.size > UPLOAD_LIMITS.rosterBytes)
    throw new ServiceError(
      'UPLOAD_INVALID',
      `文件过大（${(picked.size / MB).toFixed(1)} MB），最大 ${UPLOAD_LIMITS.rosterBytes / MB} MB，请分批导入`,
    )
  const { uploads } = await call('files', 'reserve', { purpose: 'roster', exts: ['xlsx'] })
  return uploadFile(picked, uploads[0].cloudPath)
}

/** The extension the reserved path gets (the function trusts the bytes, not this). */
function extensionOf(p: PickedFile): ImageExt {
  const m = /\.([A-Za-z0-9]{1,5})$/.exec(p.name || p.path || '')
  const ext = m ? m[1].toLowerCase() : ''
  if (ext === 'png' || ext === 'gif' || ext === 'webp') return ext
  return 'jpg'
}

const previewOf = (p: PickedFile): string =>
  p.path ?? (p.file && typeof URL !== 'undefined' ? URL.createObjectURL(p.file) : '')
