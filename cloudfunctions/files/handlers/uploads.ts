/** files.reserve and files.uploaded: the client's half of the one upload path (server/uploads.ts does the work). */
import type { Action } from '../../../server/router'
import { confirmUploads, reserveUploads } from '../../../server/uploads'

export const reserve: Action<'files', 'reserve'> = {
  async handle({ payload, caller, data }) {
    return { uploads: await reserveUploads(data, caller, payload.purpose, payload.exts) }
  },
}

export const uploaded: Action<'files', 'uploaded'> = {
  async handle({ payload, caller, data }) {
    return { files: await confirmUploads(data, caller, payload.purpose, payload.fileIDs) }
  },
}
