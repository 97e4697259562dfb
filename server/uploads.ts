/**
 * The one upload path, server side (rules in core/uploads.ts, records in `uploads`):
 * reserve (paths under the caller's own folder) → uploaded (the file is there: its type sniffed from its bytes, its
 * size measured) → attach (the attaching function checks each image is the caller's own, for this purpose, unused)
 * → security.mediaCheckAsync → the wxa_media_check verdict. Also the files functions make (exports, recorded with
 * their expiry), what a viewer may see of an item's images, and the deletions the sweep timer and a person's
 * deletion run.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { ReservedUpload } from '../core/contract'
import type { UploadDoc } from '../core/model'
import {
  EXPORT_RETENTION_MS,
  RETENTION,
  UPLOAD_EXTS,
  UPLOAD_ID,
  UPLOAD_LIMITS,
  UPLOADERS,
  imageVisibility,
  sniffImage,
  uploadIdOf,
  uploadPath,
  verdictState,
  IMAGE_TYPES,
  type ExportPurpose,
  type ImagePurpose,
  type UploadExt,
  type UploadPurpose,
} from '../core/uploads'
import type { AuditedAction } from '../core/privacy/audit'
import type { Caller } from './caller'
import { getCloud } from './cloud'
import type { Data } from './data'
import { AppError } from './errors'

/** The folder of one person's uploads: derived from their openid, naming nobody. */
export const ownerFolder = (openid: string): string =>
  createHash('sha256').update(`uploads:${openid}`).digest('hex').slice(0, 16)

const mine = (caller: Caller): { personId: string; openid: string } => {
  if (!caller.person || !caller.openid) throw new AppError('NOT_REGISTERED')
  return { personId: caller.person._id, openid: caller.openid }
}

const blank = (now: Date): Omit<UploadDoc, '_id' | 'ownerId' | 'purpose' | 'cloudPath' | 'state'> => ({
  fileID: null,
  size: null,
  type: null,
  attachedTo: null,
  traceId: null,
  checkSentAt: null,
  checks: 0,
  label: null,
  decidedAt: null,
  expiresAt: new Date(now.getTime() + RETENTION.unattachedMs),
  createdAt: now,
})

/**
 * files.reserve: one path per picked file, recorded so that an upload never attached is deleted after a day (an
 * uploaded roster, which org.importRoster only reads, goes that way too).
 */
export async function reserveUploads(
  data: Data,
  caller: Caller,
  purpose: UploadPurpose,
  exts: readonly UploadExt[],
  now = new Date(),
): Promise<ReservedUpload[]> {
  const { personId, openid } = mine(caller)
  if (!caller.grants.some((g) => UPLOADERS[purpose].includes(g.role))) throw new AppError('FORBIDDEN')
  const wrong = exts.find((e) => !UPLOAD_EXTS[purpose].includes(e))
  if (wrong) throw new AppError('INVALID_PAYLOAD', `不能上传 .${wrong} 文件`)
  const folder = ownerFolder(openid)
  const docs: UploadDoc[] = exts.map((ext) => {
    const id = randomBytes(12).toString('hex')
    return {
      _id: id,
      ownerId: personId,
      purpose,
      cloudPath: uploadPath(purpose, folder, id, ext),
      state: 'reserved',
      ...blank(now),
    }
  })
  await data.uploads.addMany(docs)
  const maxBytes = purpose === 'roster' ? UPLOAD_LIMITS.rosterBytes : UPLOAD_LIMITS.imageBytes
  return docs.map((d) => ({ cloudPath: d.cloudPath, maxBytes }))
}

/** The audit entry of a risky image names the action that published it. */
const AUDITED_BY_PURPOSE: Record<ImagePurpose, AuditedAction> = {
  notice: 'notices.publish',
  request: 'requests.report',
  isolation: 'isolation.done',
  proposal: 'council.propose',
}

const invalid = (why: string) => new AppError('UPLOAD_INVALID', why)

/** The caller's reserved or uploaded record a fileID names, or the refusal a user should read. */
async function ownRecord(data: Data, caller: Caller, fileID: string, purpose: ImagePurpose): Promise<UploadDoc> {
  const { personId } = mine(caller)
  const ref = uploadIdOf(fileID)
  if (!ref || !UPLOAD_ID.test(ref.id)) throw invalid('请通过小程序重新选择图片')
  const doc = await data.uploads.get(ref.id)
  if (!doc || !fileID.endsWith(`/${doc.cloudPath}`)) throw invalid('图片已过期，请重新选择')
  if (doc.ownerId !== personId) throw new AppError('UPLOAD_NOT_YOURS')
  if (doc.purpose !== purpose) throw invalid('这张图片不是为这里上传的，请重新选择')
  return doc
}

/** The bytes of a stored file; null when storage has none. */
async function download(fileID: string): Promise<Buffer | null> {
  try {
    return ((await getCloud().downloadFile({ fileID })) as { fileContent: Buffer }).fileContent
  } catch (error) {
    const e = error as { errMsg?: unknown; message?: unknown }
    if (/not exist|-503003|-501007|INVALID_PARAM/i.test(`${String(e.errMsg)} ${String(e.message)}`)) return null
    throw error
  }
}

async function deleteStored(fileIDs: string[]): Promise<Set<string>> {
  const gone = new Set<string>()
  if (!fileIDs.length) return gone
  const res = (await getCloud().deleteFile({ fileList: fileIDs })) as { fileList: { fileID: string; status: number }[] }
  // deleted now, or already gone (-503003): either way nothing is left to delete
  for (const f of res.fileList) if (f.status === 0 || f.status === -503003) gone.add(f.fileID)
  return gone
}

/**
 * files.uploaded: the client's files are in storage: each is checked (the caller's own reservation, an allowed image
 * type by its bytes, within the size limit) and recorded. A file that fails is deleted, with its record, and the
 * call is refused naming why; nothing of the others is kept either (the user picks again).
 */
export async function confirmUploads(
  data: Data,
  caller: Caller,
  purpose: ImagePurpose,
  fileIDs: readonly string[],
): Promise<{ fileID: string; size: number; type: string }[]> {
  const docs = await Promise.all(fileIDs.map((f) => ownRecord(data, caller, f, purpose)))
  const checked = await Promise.all(
    docs.map(async (doc, i) => {
      const bytes = doc.state === 'reserved' ? await download(fileIDs[i]) : null
      return { doc, fileID: fileIDs[i], bytes }
    }),
  )
  let problem: string | null = null
  for (const { doc, bytes } of checked) {
    if (doc.state !== 'reserved') problem ??= '这张图片已经用过了，请重新选择'
    else if (!bytes) problem ??= '图片没有上传成功，请重新选择'
    else if (bytes.length > UPLOAD_LIMITS.imageBytes)
      problem ??= `图片过大（${(bytes.length / 1024 / 1024).toFixed(1)} MB），最大 ${UPLOAD_LIMITS.imageBytes / 1024 / 1024} MB`
    else if (!sniffImage(bytes)) problem ??= '只能上传照片或截图这类常见图片，请重新选择'
  }
  if (problem) {
    const fresh = checked.filter((c) => c.doc.state === 'reserved')
    await deleteStored(fresh.map((c) => c.fileID))
    await data.uploads.remove(fresh.map((c) => c.doc._id))
    throw invalid(problem)
  }
  return Promise.all(
    checked.map(async ({ doc, fileID, bytes }) => {
      const ext = sniffImage(bytes!)!
      const patch = { state: 'uploaded' as const, fileID, size: bytes!.length, type: IMAGE_TYPES[ext] }
      if (!(await data.uploads.updateIf(doc._id, 'reserved', patch))) throw invalid('这张图片已经用过了，请重新选择')
      return { fileID, size: patch.size, type: patch.type }
    }),
  )
}

export interface AttachTarget {
  /** what the images belong to: a notice, or a request (its report, or an event of its timeline) */
  kind: ImagePurpose
  id: string
  unitId: string
  unitPath: string
}

/**
 * Before the item is written: every image is the caller's own upload for `purpose`, checked and not attached yet
 * (else the refusal, and nothing is written). Returns the records to attach.
 */
export async function checkAttachable(
  data: Data,
  caller: Caller,
  purpose: ImagePurpose,
  fileIDs: readonly string[],
): Promise<UploadDoc[]> {
  if (new Set(fileIDs).size !== fileIDs.length) throw invalid('同一张图片只能添加一次')
  const docs = await Promise.all(fileIDs.map((f) => ownRecord(data, caller, f, purpose)))
  for (const d of docs) {
    if (d.state === 'reserved') throw invalid('图片没有上传成功，请重新选择')
    if (d.state !== 'uploaded' || d.attachedTo) throw invalid('这张图片已经用过了，请重新选择')
  }
  return docs
}

/**
 * After the item is written: its images are attached (they live with it now, no expiry) and each is sent to
 * security.mediaCheckAsync: 审核中 until the verdict event. An image another call attached meanwhile is left out of
 * this item (it shows nowhere here, as an image without a record never does).
 */
export async function attachAndCheck(data: Data, docs: readonly UploadDoc[], to: AttachTarget, openid: string) {
  const now = new Date()
  const attached: UploadDoc[] = []
  for (const d of docs) {
    const patch = { state: 'pending' as const, attachedTo: { ...to }, expiresAt: null }
    if (await data.uploads.updateIf(d._id, 'uploaded', patch)) attached.push({ ...d, ...patch })
  }
  await Promise.all(attached.map((d) => sendCheck(data, d, openid, now)))
}

/** How long the platform may take to fetch the image it checks (it pushes the verdict within 30 minutes). */
const CHECK_URL_SECONDS = 24 * 60 * 60
/** 4 = 社交日志 (posts others read), as for the text of a notice. */
const SCENE_PUBLISHED = 4

/** Sends one image to the check; a failure leaves it 审核中, and the sweep asks again later. */
async function sendCheck(data: Data, doc: UploadDoc, openid: string, now: Date): Promise<void> {
  try {
    const [url] = await tempUrls([doc.fileID!], CHECK_URL_SECONDS)
    if (!url) throw new Error(`no temp URL for ${doc.fileID}`)
    const res = (await getCloud().openapi.security.mediaCheckAsync({
      media_url: url,
      media_type: 2,
      version: 2,
      scene: SCENE_PUBLISHED,
      openid,
    })) as { traceId?: string; trace_id?: string }
    const traceId = res.traceId ?? res.trace_id ?? null
    await data.uploads.update(doc._id, { traceId, checkSentAt: now, checks: doc.checks + 1 })
  } catch (error) {
    console.warn('[uploads] mediaCheckAsync failed, the sweep asks again:', error)
    await data.uploads.update(doc._id, { checkSentAt: now, checks: doc.checks + 1 })
  }
}

/** The wxa_media_check push, as the platform delivers it to the function 消息推送 names. */
export interface MediaCheckEvent {
  MsgType: 'event'
  Event: 'wxa_media_check'
  trace_id: string
  result?: { suggest?: string; label?: number }
}

export const isMediaCheckEvent = (e: unknown): e is MediaCheckEvent =>
  typeof e === 'object' &&
  e !== null &&
  (e as MediaCheckEvent).Event === 'wxa_media_check' &&
  typeof (e as MediaCheckEvent).trace_id === 'string'

/**
 * A verdict: the image its trace id names moves from 审核中 to pass, review or risky. Only a trace id the check
 * answered us with matches (they never leave the server), so a forged event changes nothing. A risky image is
 * hidden everywhere from now on, audit-logged, and its uploader reads why on its page; its file goes after a day.
 */
export async function applyVerdict(data: Data, event: MediaCheckEvent, now = new Date()) {
  const state = verdictState(event.result?.suggest)
  const doc = event.trace_id ? await data.uploads.byTraceId(event.trace_id) : null
  if (!state || !doc) return { applied: false }
  const label = event.result?.label ?? null
  const expiresAt = state === 'risky' ? new Date(now.getTime() + RETENTION.unattachedMs) : null
  if (!(await data.uploads.updateIf(doc._id, 'pending', { state, label, decidedAt: now, expiresAt })))
    return { applied: false }
  if (state === 'risky' && doc.attachedTo) {
    const [owner] = await data.people.byIds([doc.ownerId])
    await data.audit.append({
      actorId: doc.ownerId,
      actorName: owner?.name ?? '',
      action: AUDITED_BY_PURPOSE[doc.purpose as ImagePurpose] ?? 'notices.publish',
      subjectIds: [doc.ownerId],
      unitId: doc.attachedTo.unitId,
      unitPath: doc.attachedTo.unitPath,
      at: now,
    })
  }
  return { applied: true, state }
}

/** How many files one getTempFileURL call may name (the platform's limit). */
const URLS_PER_CALL = 50

async function tempUrls(fileIDs: string[], maxAge: number): Promise<string[]> {
  if (!fileIDs.length) return []
  const byId = new Map<string, string>()
  for (let i = 0; i < fileIDs.length; i += URLS_PER_CALL) {
    const slice = fileIDs.slice(i, i + URLS_PER_CALL)
    const res = (await getCloud().getTempFileURL({ fileList: slice.map((fileID) => ({ fileID, maxAge })) })) as {
      fileList: { fileID: string; status: number; tempFileURL: string }[]
    }
    for (const f of res.fileList) if (f.status === 0 && f.tempFileURL) byId.set(f.fileID, f.tempFileURL)
  }
  return fileIDs.map((f) => byId.get(f) ?? '')
}

/** How long a URL of an image shown in a page lasts (the page is read again long before). */
const VIEW_URL_SECONDS = 2 * 60 * 60

/** One item's images (a notice's, a request's report or one of its steps, a patrol's finding, an isolation task's, a
 * proposal's) and whether the viewer leads the item's scope (then they see its images 审核中 too). */
export interface ImageGroup {
  fileIDs: readonly string[]
  leads: boolean
}

/** What one viewer gets of one group: `images` passed, `checking` 审核中, `photos` both in the item's order (for
 * pages that show 审核中 images among the others), `withheld` how many of the viewer's own the check refused. */
export interface SeenImages {
  images: string[]
  checking: string[]
  photos: string[]
  withheld: number
}

/**
 * THE rule of who sees which uploaded image, for every item that has them: an image that passed the check is
 * returned to everyone who may see the item; one 审核中 (pending, review) only to its uploader and, with `leads`, the
 * scope's leaders; a risky one (or one with no record: never checked) to nobody, not even its uploader — who alone
 * is told how many of theirs were withheld (`withheld`, 0 for anyone else; the page says core/uploads.ts
 * withheldLine). Many groups at once: one read of their records and their URLs in calls of 50, however many items a
 * page holds.
 */
export async function seenImages(
  data: Data,
  viewerId: string | undefined,
  groups: readonly ImageGroup[],
): Promise<SeenImages[]> {
  const all = [...new Set(groups.flatMap((g) => g.fileIDs))]
  if (!all.length) return groups.map(() => ({ images: [], checking: [], photos: [], withheld: 0 }))
  const records = new Map((await data.uploads.byFileIDs(all)).map((d) => [d.fileID, d]))
  const decided = groups.map((g) => {
    const out = { images: [] as string[], checking: [] as string[], seen: [] as string[], withheld: 0 }
    for (const f of g.fileIDs) {
      const d = records.get(f)
      if (!d) continue
      const own = !!viewerId && d.ownerId === viewerId
      const seen = imageVisibility(d.state, own || g.leads)
      if (seen === 'shown') out.images.push(f)
      else if (seen === 'checking') out.checking.push(f)
      else if (own && d.state === 'risky') out.withheld++
      if (seen !== 'hidden') out.seen.push(f)
    }
    return out
  })
  const wanted = [...new Set(decided.flatMap((d) => d.seen))]
  const urls = await tempUrls(wanted, VIEW_URL_SECONDS)
  const urlOf = new Map(wanted.map((f, i) => [f, urls[i]]))
  const toUrls = (fs: string[]) => fs.map((f) => urlOf.get(f) ?? '').filter(Boolean)
  return decided.map((d) => ({
    images: toUrls(d.images),
    checking: toUrls(d.checking),
    photos: toUrls(d.seen),
    withheld: d.withheld,
  }))
}

/** seenImages of one item. */
export async function imagesFor(
  data: Data,
  fileIDs: readonly string[],
  viewer: { personId: string | undefined; leads: boolean },
): Promise<SeenImages> {
  const [seen] = await seenImages(data, viewer.personId, [{ fileIDs, leads: viewer.leads }])
  return seen
}

/** A file a function made with personal data: recorded so the sweep deletes it its purpose's retention after. */
export async function recordExport(
  data: Data,
  file: { ownerId: string; purpose: ExportPurpose; fileID: string; cloudPath: string },
  now = new Date(),
): Promise<Date> {
  const expiresAt = new Date(now.getTime() + EXPORT_RETENTION_MS[file.purpose])
  await data.uploads.add({
    _id: randomBytes(12).toString('hex'),
    ...blank(now),
    ownerId: file.ownerId,
    purpose: file.purpose,
    cloudPath: file.cloudPath,
    fileID: file.fileID,
    state: 'export',
    expiresAt,
  })
  return expiresAt
}

/** Deletes the files of these records and then the records (a record whose file would not go stays, for later). */
async function deleteRecords(data: Data, docs: readonly UploadDoc[]): Promise<number> {
  // a reservation the client uploaded to but never confirmed (files.uploaded) has no fileID on record: its file is
  // named from the environment's own fileID prefix, so an upload cut short never outlives its day either
  const prefix = docs.some((d) => !d.fileID) ? await fileIdPrefix() : ''
  const fileIDOf = (d: UploadDoc): string => d.fileID ?? prefix + d.cloudPath
  const gone = await deleteStored(docs.map(fileIDOf))
  const done = docs.filter((d) => gone.has(fileIDOf(d)))
  await data.uploads.remove(done.map((d) => d._id))
  return done.length
}

/** Where probe files go: written and deleted at once, only to learn the environment's fileID prefix. */
const PROBE_PATH = 'uploads/probe/prefix'

/**
 * `cloud://<env>.<bucket>/`: what this environment's fileIDs start with (the SDK names no API for it), learnt
 * from a file of our own, which is deleted straight away.
 */
async function fileIdPrefix(): Promise<string> {
  const { fileID } = await getCloud().uploadFile({ cloudPath: PROBE_PATH, fileContent: Buffer.alloc(0) })
  await deleteStored([fileID])
  if (!fileID.endsWith(`/${PROBE_PATH}`)) throw new Error(`unexpected fileID ${fileID}`)
  return fileID.slice(0, fileID.length - PROBE_PATH.length)
}

const BATCH = 50

/** A deleted person's files go with them (privacy.requestDeletion), in batches until none is left. */
export async function deleteFilesOf(data: Data, ownerId: string): Promise<number> {
  let deleted = 0
  for (let round = 0; round < 100; round++) {
    const docs = await data.uploads.ofOwner(ownerId, BATCH)
    if (!docs.length) break
    const n = await deleteRecords(data, docs)
    deleted += n
    if (n < docs.length) break // storage refused some: the sweep's next firing retries through expiresAt
  }
  return deleted
}

/**
 * The `sweep` timer: files whose time is up are deleted (exports an hour after, uploads never attached after a
 * day, risky images a day after their verdict), and images whose verdict never came are sent again. Bounded per
 * firing (`rounds` batches of 50); what is left waits for the next firing, which starts where this one stopped.
 */
export async function sweepFiles(data: Data, firedAt: Date, rounds = 4) {
  let deleted = 0
  let rechecked = 0
  for (let round = 0; round < rounds; round++) {
    const due = await data.uploads.expired(firedAt, BATCH)
    if (!due.length) break
    const n = await deleteRecords(data, due)
    deleted += n
    if (n === 0) break
  }
  // after maxChecks sends an image stays 审核中, for its uploader and the leaders only
  const stale = await data.uploads.unanswered(
    new Date(firedAt.getTime() - RETENTION.recheckAfterMs),
    RETENTION.maxChecks,
    BATCH,
  )
  for (const d of stale) {
    const [owner] = await data.people.byIds([d.ownerId])
    if (!owner?.openid) continue
    await sendCheck(data, d, owner.openid, firedAt)
    rechecked++
  }
  return { deleted, rechecked }
}
