/**
 * Who the caller is to an isolation or a task, and the views every handler answers with. A keeper
 * (ISOLATION_KEEPERS) over the household manages it; a server of the grid (core/isolation/serve.ts) takes its tasks;
 * a resident of the household reads its own. Decided here from the caller's grants and home, never the payload.
 */
import type { IsolationCard, IsolationTaskRow } from '../../core/contract'
import { ISOLATION_KEEPERS } from '../../core/permissions'
import { addDays, beijingDayOf } from '../../core/isolation/schedule'
import { isOverdue, stateLabel } from '../../core/isolation/tasks'
import type { IsolationDoc, IsolationTaskDoc } from '../../core/model'
import { isWithin } from '../../core/units'
import type { Caller } from '../../server/caller'
import type { Data } from '../../server/data'
import { AppError } from '../../server/errors'
import { seenImages, type SeenImages } from '../../server/uploads'
import { iso } from '../../server/views'

/** A keeper over the household (its grid chief, its community's or street's staff). */
export const keeps = (caller: Caller, householdPath: string): boolean =>
  caller.grants.some(
    (g) => (ISOLATION_KEEPERS as readonly string[]).includes(g.role) && isWithin(householdPath, g.path),
  )

export async function isolationOr404(data: Data, id: string): Promise<IsolationDoc> {
  const i = await data.isolations.get(id)
  if (!i) throw new AppError('NOT_FOUND')
  return i
}

export async function taskOr404(data: Data, id: string): Promise<IsolationTaskDoc> {
  const t = await data.isolationTasks.get(id)
  if (!t) throw new AppError('NOT_FOUND')
  return t
}

/** In force at `now`: not ended, not past its end (a period starting later counts as in force: it is planned). */
export const inForce = (i: Pick<IsolationDoc, 'status' | 'endAt'>, now: Date): boolean =>
  i.status === 'active' && +new Date(i.endAt) > +now

export function cardOf(i: IsolationDoc, gridName: string, now: Date): IsolationCard {
  return {
    id: i._id,
    household: { id: i.householdId, name: i.householdName },
    grid: { id: i.gridId, name: gridName },
    startDay: i.startDay,
    days: i.days,
    lastDay: addDays(i.startDay, i.days - 1),
    endAt: iso(i.endAt),
    reason: i.reason,
    supplies: { times: [...i.supplies.times], note: i.supplies.note },
    garbage: { times: [...i.garbage.times] },
    active: inForce(i, now),
    endedAt: i.endedAt ? iso(i.endedAt) : null,
    endedBy: i.endedByName,
    tasks: i.tasks,
    createdBy: i.createdByName,
    createdAt: iso(i.createdAt),
  }
}

export async function cardsOf(data: Data, rows: readonly IsolationDoc[], now: Date): Promise<IsolationCard[]> {
  const grids = new Map((await data.units.byIds(rows.map((r) => r.gridId))).map((u) => [u._id, u.name]))
  return rows.map((r) => cardOf(r, grids.get(r.gridId) ?? '', now))
}

export function rowOf(
  t: IsolationTaskDoc,
  viewerId: string | undefined,
  now: Date,
  seen: Pick<SeenImages, 'photos' | 'checking' | 'withheld'> = { photos: [], checking: [], withheld: 0 },
): IsolationTaskRow {
  return {
    id: t._id,
    isolationId: t.isolationId,
    household: { id: t.householdId, name: t.householdName },
    kind: t.kind,
    day: t.day,
    slot: t.slot,
    dueAt: iso(t.dueAt),
    note: t.note,
    state: t.state,
    stateLabel: stateLabel(t, now),
    overdue: isOverdue(t, now),
    holderName: t.holderName,
    mine: !!viewerId && t.holderId === viewerId,
    claimedAt: t.claimedAt ? iso(t.claimedAt) : null,
    doneAt: t.doneAt ? iso(t.doneAt) : null,
    doneNote: t.doneNote,
    photos: seen.photos,
    checkingPhotos: seen.checking,
    withheldPhotos: seen.withheld,
    receivedAt: t.receivedAt ? iso(t.receivedAt) : null,
  }
}

/**
 * Rows with their photos as this viewer may see them (server/uploads.ts seenImages: passed ones for everyone who
 * sees the task; 审核中 ones for the volunteer who took them and the household's keepers; the count of refused ones
 * for that volunteer alone). Every row's photos in one read.
 */
export async function rowsWithPhotos(
  data: Data,
  tasks: readonly IsolationTaskDoc[],
  caller: Caller,
  now: Date,
): Promise<IsolationTaskRow[]> {
  const viewer = caller.person?._id
  const seen = await seenImages(
    data,
    viewer,
    tasks.map((t) => ({ fileIDs: t.photos, leads: keeps(caller, t.householdPath) })),
  )
  return tasks.map((t, i) => rowOf(t, viewer, now, seen[i]))
}

export const today = (now: Date): string => beijingDayOf(now)

/** Keyset cursors on the wire: `<ms>:<id>`. */
export function decodeCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (!cursor) return undefined
  const m = /^(\d{1,15}):(.+)$/.exec(cursor)
  if (!m) throw new AppError('INVALID_PAYLOAD', '翻页位置不对，请从第一页重新加载')
  return { at: new Date(Number(m[1])), id: m[2] }
}
export const encodeCursor = (at: Date, id: string): string => `${+new Date(at)}:${id}`
