/**
 * What a 收到 needs of its notice, kept per function instance: a flash crowd presses 收到 on one notice, and each
 * read of it was a database request of its own (the CPU of a burst is its requests, docs/benchmarks.md).
 *
 * Only fields that never change once a notice is published are kept: its id, the ids of the units it was
 * published to, when it ends, its urgency and how its 收到 are counted. Its paths (unitPaths) are rewritten when a unit moves (notices.rebasePaths),
 * so the audience is decided by ids instead (core/notices/audience.ts addressedTo), the same test as the paths'
 * and needing nothing that can go stale. Who
 * calls is never cached here: the caller, their household and their roles are read on every call (router).
 *
 * Bounds: at most MAX_NOTICES entries (the oldest goes first) and TTL_MS each, so an instance holds a few KB, and
 * if a later change ever edits one of these fields (none does today), an instance sees it within TTL_MS.
 */
import type { NoticeDoc } from '../../core/model'
import type { Data } from '../../server/data'

export type AckNotice = Pick<NoticeDoc, '_id' | 'unitIds' | 'expiresAt' | 'urgency' | 'counting'>

export const TTL_MS = 30_000
export const MAX_NOTICES = 64

const kept = new Map<string, { notice: AckNotice; until: number }>()

/** The notice as a 收到 needs it, or null when there is none (a missing one is never kept: it may be published). */
export async function ackNotice(data: Data, noticeId: string, now = Date.now()): Promise<AckNotice | null> {
  const hit = kept.get(noticeId)
  if (hit && hit.until > now) return hit.notice
  kept.delete(noticeId)
  const doc = await data.notices.get(noticeId)
  if (!doc) return null
  const notice: AckNotice = {
    _id: doc._id,
    unitIds: [...doc.unitIds],
    expiresAt: new Date(doc.expiresAt),
    urgency: doc.urgency,
    counting: doc.counting ?? 'now',
  }
  if (kept.size >= MAX_NOTICES) kept.delete(kept.keys().next().value as string)
  kept.set(noticeId, { notice, until: now + TTL_MS })
  return notice
}

/** How many notices this instance keeps now (tests). */
export const keptNotices = (): number => kept.size
