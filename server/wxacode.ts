/**
 * Mini-program codes (小程序码) for join posters: cloud.openapi.wxacode.getUnlimited (declared in the function's
 * config.json), whose image is kept in cloud storage so the leader gets a URL to save and print. Unlimited in
 * number; the code opens `page` with the scene in its query (`scene`, ≤ 32 characters).
 */
import { isScene } from '../core/join/invite'
import { getCloud } from './cloud'
import { AppError } from './errors'

/** Which version of the mini-program a code opens: the released one, unless the environment says otherwise
 * (WXACODE_ENV_VERSION=trial|develop while the pages are not yet published: docs/deploy.md). */
function envVersion(): 'release' | 'trial' | 'develop' {
  const v = process.env.WXACODE_ENV_VERSION
  return v === 'trial' || v === 'develop' ? v : 'release'
}

interface CodeResult {
  buffer?: Buffer | Uint8Array
  contentType?: string
}

/** Draws the code of `page?scene=…`; POSTER_FAILED when the platform refuses (quota, unpublished page). */
export async function miniProgramCode(scene: string, page: string): Promise<{ image: Buffer; ext: 'png' | 'jpg' }> {
  if (!isScene(scene)) throw new Error(`not a scene: ${scene}`)
  const env_version = envVersion()
  let res: CodeResult
  try {
    res = (await getCloud().openapi.wxacode.getUnlimited({
      scene,
      page,
      // only a released page can be checked; a trial or develop code opens a page the platform cannot see yet
      check_path: env_version === 'release',
      env_version,
      width: 430,
    })) as CodeResult
  } catch (error) {
    const e = error as { errCode?: unknown; errMsg?: unknown }
    if (typeof e.errCode === 'number') {
      console.error('[join] wxacode.getUnlimited refused:', e.errCode, e.errMsg)
      throw new AppError('POSTER_FAILED')
    }
    throw error
  }
  if (!res.buffer || res.buffer.length === 0) throw new AppError('POSTER_FAILED')
  return { image: Buffer.from(res.buffer), ext: /png/i.test(res.contentType ?? '') ? 'png' : 'jpg' }
}

/** Stores a poster image and returns its fileID. */
export async function storePoster(cloudPath: string, image: Buffer): Promise<string> {
  const { fileID } = await getCloud().uploadFile({ cloudPath, fileContent: image })
  return fileID
}

/** A temporary URL of a stored poster. */
export async function posterUrl(fileID: string): Promise<string> {
  const res = (await getCloud().getTempFileURL({ fileList: [fileID] })) as {
    fileList: { tempFileURL: string; status: number; errMsg?: string }[]
  }
  const item = res.fileList[0]
  if (!item || item.status !== 0 || !item.tempFileURL) throw new Error(`getTempFileURL failed: ${item?.errMsg}`)
  return item.tempFileURL
}

/** Removes a replaced poster's image; a failure only leaves an unused file behind. */
export async function dropPoster(fileID: string): Promise<void> {
  try {
    await getCloud().deleteFile({ fileList: [fileID] })
  } catch (error) {
    console.warn('[join] deleteFile of a replaced poster failed:', error)
  }
}
