/** Roster files through the app's one file service (src/services/files.ts): pick + upload, and open. */
import { chooseSpreadsheet, openFile, uploadFile } from '../services/files'
import type { RosterFile } from '../services/org'

/** Lets staff pick an .xlsx and uploads it; the fileID for importRoster, or null when they cancelled. */
export async function pickAndUploadRoster(communityId: string): Promise<string | null> {
  const picked = await chooseSpreadsheet()
  if (!picked) return null
  return uploadFile(picked, `rosters/${communityId}/${Date.now()}.xlsx`)
}

/** Opens the template or an export: WeChat's document viewer, or a download in the browser. */
export const openRoster = (file: RosterFile): Promise<void> => openFile(file.url || file.fileID, file.fileName)
