/**
 * The rules of stored files: which images the app accepts for which purpose, where an upload goes, how its
 * image check moves (审核中 → 通过 / 复核 / 违规), who may see an image before it passed, and how long each kind of
 * file lives. Pure: the I/O is server/uploads.ts; the client picks and uploads through src/services/upload.ts.
 */
import { PUBLISHERS, STAFF_ROLES } from './permissions'
import { ROLES, type Role } from './roles'

/** What a resident or leader uploads an image for: a notice's images; a request's photos (诉求: the report, a
 * handler's 办结, a patrol's findings). Activities and proposals join here. */
export const IMAGE_PURPOSES = ['notice', 'request', 'isolation', 'proposal'] as const
export type ImagePurpose = (typeof IMAGE_PURPOSES)[number]

/** What a client uploads for: images, and the spreadsheets staff import (org.importRoster reads them). */
export const UPLOAD_PURPOSES = [...IMAGE_PURPOSES, 'roster'] as const
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number]

/** Who may upload for each purpose (the roles of whoever uses the file: notice images, the publishers; a request's
 * photos, everyone who reports or handles one — residents, leaders, departments, merchants and enterprises). */
export const UPLOADERS: Record<UploadPurpose, readonly Role[]> = {
  notice: PUBLISHERS,
  request: ROLES,
  // a volunteer's photo of a done isolation task (隔离服务): anyone may serve, the isolation function checks who
  isolation: ROLES,
  // a council proposal's photos (议题): residents and the heads raise them, the council function checks who
  proposal: ROLES,
  roster: STAFF_ROLES,
}

/** Files a function makes with personal data (roster exports, and the template with them; volunteers' hours from
 * points.exportHours), deleted a short time after they are made (EXPORT_RETENTION_MS). */
export const EXPORT_PURPOSES = ['rosterExport', 'hoursExport', 'reportExport'] as const
export type ExportPurpose = (typeof EXPORT_PURPOSES)[number]

export type FilePurpose = UploadPurpose | ExportPurpose

/** Image types the app accepts, by what their first bytes say (never by the name the client gave). */
export const IMAGE_TYPES = { jpg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp' } as const
export type ImageExt = keyof typeof IMAGE_TYPES
/** What a reserved path may end with. */
export type UploadExt = ImageExt | 'xlsx'
export const UPLOAD_EXTS: Record<UploadPurpose, readonly UploadExt[]> = {
  notice: Object.keys(IMAGE_TYPES) as ImageExt[],
  request: Object.keys(IMAGE_TYPES) as ImageExt[],
  isolation: Object.keys(IMAGE_TYPES) as ImageExt[],
  proposal: Object.keys(IMAGE_TYPES) as ImageExt[],
  roster: ['xlsx'],
}

/** The most an image may weigh after the client compressed it, and how many one pick may reserve. */
export const UPLOAD_LIMITS = { imageBytes: 2 * 1024 * 1024, rosterBytes: 5 * 1024 * 1024, perPick: 9 } as const

const HOUR_MS = 60 * 60 * 1000
/**
 * How long files live. An export's temporary URL expires with it; an image picked and never attached goes after a
 * day; an image whose verdict never came is asked again after `recheckAfter`, at most `maxChecks` times.
 */
export const RETENTION = {
  exportMs: HOUR_MS,
  unattachedMs: 24 * HOUR_MS,
  recheckAfterMs: 6 * HOUR_MS,
  maxChecks: 3,
} as const

/** How long each kind of export lives: as long as its download URL, an hour (the sweep deletes it then). */
export const EXPORT_RETENTION_MS: Record<ExportPurpose, number> = {
  rosterExport: RETENTION.exportMs,
  hoursExport: RETENTION.exportMs,
  reportExport: RETENTION.exportMs,
}

/**
 * `reserved`: a path handed out; `uploaded`: the file is there and the server checked its type and size, not yet
 * attached. An attached image's check: `pending` (sent, no verdict: 审核中), `review` (the platform is unsure and
 * asks for a person's review: still 审核中 here), `pass`, `risky` (hidden everywhere). `export`: a file a function
 * made, no check.
 */
export const UPLOAD_STATES = ['reserved', 'uploaded', 'pending', 'review', 'pass', 'risky', 'export'] as const
export type UploadState = (typeof UPLOAD_STATES)[number]

/** What the platform's verdict (result.suggest of wxa_media_check) makes of an image. */
export function verdictState(suggest: unknown): 'pass' | 'review' | 'risky' | null {
  return suggest === 'pass' || suggest === 'review' || suggest === 'risky' ? suggest : null
}

/** How an image is shown to a viewer: to everyone, only as 审核中 (its uploader and the scope's leaders), or not. */
export type ImageVisibility = 'shown' | 'checking' | 'hidden'

export function imageVisibility(state: UploadState, viewerMaySeeUnchecked: boolean): ImageVisibility {
  if (state === 'pass') return 'shown'
  if (state === 'pending' || state === 'review') return viewerMaySeeUnchecked ? 'checking' : 'hidden'
  return 'hidden'
}

/** The extension of a type sniffed from a file's first bytes; null when it is none of IMAGE_TYPES. */
export function sniffImage(head: Uint8Array): ImageExt | null {
  const at = (i: number, ...bytes: number[]) => bytes.every((b, k) => head[i + k] === b)
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpg'
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png'
  if (at(0, 0x47, 0x49, 0x46, 0x38)) return 'gif'
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'webp'
  return null
}

/** The id of an upload record and of its file: 24 hex characters. */
export const UPLOAD_ID = /^[0-9a-f]{24}$/

/**
 * Where an upload goes: `uploads/<purpose>/<owner folder>/<upload id>.<ext>`. The owner folder is derived from
 * the uploader's openid by the server (server/uploads.ts), so one person's uploads share a folder that names
 * nobody.
 */
export const uploadPath = (purpose: UploadPurpose, ownerFolder: string, id: string, ext: UploadExt): string =>
  `uploads/${purpose}/${ownerFolder}/${id}.${ext}`

/** The upload id a fileID (cloud://<env>.<bucket>/<path>) names when its path is an upload path; else null. */
export function uploadIdOf(fileID: string): { purpose: string; ownerFolder: string; id: string } | null {
  const m = /\/uploads\/([a-zA-Z]+)\/([0-9a-f]{16})\/([0-9a-f]{24})\.(jpg|png|gif|webp|xlsx)$/.exec(fileID)
  return m ? { purpose: m[1], ownerFolder: m[2], id: m[3] } : null
}

/** The Chinese a publisher reads about images of theirs that failed the check. */
export const withheldLine = (n: number): string => `${n} 张图片未通过内容安全审核，已对所有人隐藏`
