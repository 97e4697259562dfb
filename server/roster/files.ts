/**
 * Roster files in cloud storage: uploads go out through cloud.uploadFile (a fileID the app can keep) with a
 * temporary download URL, and imports read the file the app uploaded with cloud.downloadFile.
 */
import type { RosterFile } from '../../core/contract'
import { getCloud } from '../cloud'

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * Stores `content` under rosters/ and returns its fileID, a download URL that lasts `maxAgeSeconds` (the file's own
 * life: the caller records it for the sweep, server/uploads.ts recordExport) and where it is.
 */
export async function publishFile(
  folder: string,
  fileName: string,
  content: Buffer,
  maxAgeSeconds: number,
): Promise<{ file: RosterFile; cloudPath: string }> {
  const cloud = getCloud()
  // a fresh path each time: a URL handed out earlier keeps pointing at the file it was made for
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`
  const cloudPath = `rosters/${folder}/${stamp}/${fileName}`
  const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: content })
  const res = (await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: maxAgeSeconds }] })) as {
    fileList: { fileID: string; tempFileURL: string; status: number; errMsg?: string }[]
  }
  const item = res.fileList[0]
  if (!item || item.status !== 0 || !item.tempFileURL) throw new Error(`getTempFileURL failed: ${item?.errMsg}`)
  return { file: { fileID, url: item.tempFileURL, fileName }, cloudPath }
}

/** The bytes of an uploaded file; null when storage has no such file. */
export async function downloadFile(fileID: string): Promise<Buffer | null> {
  try {
    const res = (await getCloud().downloadFile({ fileID })) as { fileContent: Buffer }
    return res.fileContent
  } catch (error) {
    const e = error as { errCode?: unknown; code?: unknown; errMsg?: unknown; message?: unknown }
    const said = [e.errCode, e.code, e.errMsg, e.message].map(String).join(' ')
    // not there, or not a file of this environment: either way the upload the client names does not exist
    if (/STORAGE_FILE_NONEXIST|not exist|-503003|-501007|STORAGE_EXCEED|INVALID_PARAM/i.test(said)) {
      console.warn('[org] downloadFile refused:', said)
      return null
    }
    throw error
  }
}
