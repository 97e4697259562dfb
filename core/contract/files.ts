/**
 * The `files` function: the one upload path. A client reserves where its picked images go (one path per image,
 * under a folder of its own, core/uploads.ts), uploads them there, and names their fileIDs in the action that
 * attaches them (notices.publish …), which checks they are the caller's own, allowed images. The same function
 * receives the image checks' verdicts (the wxa_media_check event) and runs the `sweep` timer that deletes files
 * whose time is up.
 */
import { z } from 'zod'
import { fileID } from './fields'
import { IMAGE_PURPOSES, IMAGE_TYPES, UPLOAD_LIMITS, UPLOAD_PURPOSES, type UploadExt } from '../uploads'

const uploadExt = z.enum(['xlsx', ...(Object.keys(IMAGE_TYPES) as UploadExt[])] as [UploadExt, ...UploadExt[]])

export const filesPayloads = {
  /** One upload path per file the caller picked: `exts` are their extensions, in order (images: jpg, png, gif,
   * webp; a roster: xlsx). */
  reserve: z
    .object({
      purpose: z.enum(UPLOAD_PURPOSES),
      exts: z.array(uploadExt).min(1).max(UPLOAD_LIMITS.perPick),
    })
    .strict(),
  /** The reserved paths are uploaded: the server checks each file (owner, type by its bytes, size) and records it. */
  uploaded: z
    .object({ purpose: z.enum(IMAGE_PURPOSES), fileIDs: z.array(fileID).min(1).max(UPLOAD_LIMITS.perPick) })
    .strict(),
}

export interface ReservedUpload {
  /** where to upload (wx.cloud.uploadFile's cloudPath) */
  cloudPath: string
  /** the most the file may weigh, in bytes */
  maxBytes: number
}

export interface FilesApi {
  reserve: { payload: z.input<typeof filesPayloads.reserve>; result: { uploads: ReservedUpload[] } }
  uploaded: {
    payload: z.input<typeof filesPayloads.uploaded>
    result: { files: { fileID: string; size: number; type: string }[] }
  }
}
