/**
 * What the photo suites of test/functions/files/ share: a real PNG uploaded as the mini-program does (files.reserve →
 * upload → files.uploaded) with a mark after its end that the local cloud's image check finds by its word lists, the
 * stored record of a file, and the check's rules put back after each test.
 */
import { PNG } from 'pngjs'
import cloudSdk from 'wx-server-sdk'
import type { Envelope } from '../../../core/envelope'
import type { PersonDoc, UploadDoc } from '../../../core/model'
import type { ImagePurpose } from '../../../core/uploads'
import type { LocalCloud } from '../../../emulator'

/** A real 2×2 PNG; `mark` after its end is what the check's word list finds. */
function png(mark: string): Buffer {
  const img = new PNG({ width: 2, height: 2 })
  img.data.fill(0x70)
  return Buffer.concat([PNG.sync.write(img), Buffer.from(mark)])
}

const must = <T>(res: Envelope<T>, what: string): T => {
  if (!res.ok) throw new Error(`${what}: ${res.code} ${res.message}`)
  return res.data
}

/** One photo of `person` for `purpose`, uploaded and confirmed: its fileID. */
export async function markedPhoto(
  cloud: LocalCloud,
  person: PersonDoc,
  purpose: ImagePurpose,
  mark = '',
): Promise<string> {
  const files = async <T>(action: string, payload: unknown) =>
    must(
      (await cloud.callFunction('files', { action, payload }, { openid: person.openid! })).result as Envelope<T>,
      `files.${action}`,
    )
  const { uploads } = await files<{ uploads: { cloudPath: string }[] }>('reserve', { purpose, exts: ['png'] })
  const res = await fetch(`${cloud.url}/local/storage/upload?cloudPath=${encodeURIComponent(uploads[0].cloudPath)}`, {
    method: 'POST',
    body: new Uint8Array(png(mark)),
  })
  const { fileID } = (await res.json()) as { fileID: string }
  await files('uploaded', { purpose, fileIDs: [fileID] })
  return fileID
}

/** The part of a fileID a temporary URL carries (what must never reach a viewer of a hidden photo). */
export const pathOf = (fileID: string): string => fileID.replace(/^cloud:\/\/[^/]+\//, '')

/** The upload record of a file. */
export const record = async (fileID: string): Promise<UploadDoc | undefined> =>
  ((await cloudSdk.database().collection('uploads').where({ fileID }).get()) as unknown as { data: UploadDoc[] })
    .data[0]

/** The check's rules as each test starts: every verdict pass, delivered at once. */
export const resetChecks = (cloud: LocalCloud): void => {
  cloud.mediaChecks.configure({ riskyWords: [], reviewWords: [], riskyHashes: [], hold: false, drop: false })
}
