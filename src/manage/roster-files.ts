/** Roster files through the app's one file service (src/services/files.ts): pick + upload, and open. */
import { chooseSpreadsheet, openFile } from '../services/files'
import type { RosterFile } from '../services/org'
import { uploadRoster } from '../services/upload'

/** Lets staff pick an .xlsx and uploads it (a path of theirs, deleted a day later); the fileID for importRoster,
 * or null when they cancelled. */
export async function pickAndUploadRoster(): Promise<string | null> {
  const picked = await chooseSpreadsheet()
  if (!picked) return null
  return uploadRoster(picked)
}

/** Opens the template or an export: WeChat's document viewer, or a download in the browser. */
export const openRoster = (file: RosterFile): Promise<void> => openFile(file.url || file.fileID, file.fileName)
