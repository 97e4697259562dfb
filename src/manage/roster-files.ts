/** Roster files: waits for the app's file service (src/services/files.ts). */
import { ServiceError } from '../services/errors'
import type { RosterFile } from '../services/org'

const notReady = (): never => {
  throw new ServiceError('INTERNAL', '文件功能尚未就绪')
}

export async function pickAndUploadRoster(communityId: string): Promise<string | null> {
  return communityId ? notReady() : null
}

export const openRoster = async (file: RosterFile): Promise<void> => (file ? notReady() : undefined)
