/**
 * A request (诉求) made by staff server-side, for a function other than `requests` (the council's decision that needs
 * work, issue 13): the same pure opening (core/requests/machine.ts openRequest, with the community's and street's
 * settings) and the same documents the requests function writes for a report — the request, its first event (反映,
 * with its deadlines), the reporter's follower row and the counters' delta — inside the caller's transaction, so the
 * request lands with whatever it was made for. From there it is a request like any other (inbox, deadlines, rates).
 */
import { requestFollowerId, requestSettingsId } from '../core/ids'
import type { RequestDoc, RequestEventDoc } from '../core/model'
import { beijingMonth } from '../core/points/months'
import { openRequest, type RequestDraft } from '../core/requests/machine'
import { counterDeltas } from '../core/requests/rates'
import { mergeSettings, type RequestSettings } from '../core/requests/settings'
import type { Data, TxData } from './data'
import { addInTx } from './data/request-counters'
import { AppError } from './errors'

/** The settings in force for a community and its street (defaults where nothing is stored). */
export async function requestSettingsOf(data: Data, communityId: string, streetId: string): Promise<RequestSettings> {
  const ids = [communityId, streetId].filter(Boolean).map(requestSettingsId)
  const docs = ids.length ? await data.requestSettings.byIds(ids) : []
  const of = (id: string) => docs.find((d) => d._id === requestSettingsId(id)) ?? null
  return mergeSettings(of(communityId), of(streetId))
}

export interface StaffRequest {
  request: RequestDoc
  event: RequestEventDoc
}

/** Opens the request (refused: the category is off in the community) — nothing written yet. */
export function openStaffRequest(
  draft: Omit<RequestDraft, 'month'>,
  reporter: { personId: string; name: string; label: string },
  settings: RequestSettings,
  now: Date,
): StaffRequest {
  const opened = openRequest({ ...draft, month: beijingMonth(now) }, reporter, now, settings)
  if (!opened.ok) throw new AppError(opened.code, opened.detail)
  return { request: opened.request, event: opened.event }
}

/** Inside a transaction: an opened request, its first event and the reporter's follower row — false (nothing
 * written) when a request of that id exists (a retry, or a twin of the same tap). The counters are the caller's. */
export async function writeOpenedInTx(tx: TxData, r: StaffRequest, now: Date): Promise<boolean> {
  const { request, event } = r
  if (await tx.requests.get(request._id)) return false
  const { _id, ...doc } = request
  await tx.requests.set(_id, doc)
  const { _id: eventId, ...eventDoc } = event
  await tx.requestEvents.set(eventId, eventDoc)
  await tx.requestFollowers.set(requestFollowerId(_id, request.reporterId), {
    requestId: _id,
    personId: request.reporterId,
    kind: 'reporter',
    since: now,
    requestUpdatedAt: request.updatedAt,
  })
  return true
}

/** Inside a transaction: writeOpenedInTx and the counters' delta. */
export async function writeStaffRequestInTx(tx: TxData, r: StaffRequest, now: Date): Promise<boolean> {
  if (!(await writeOpenedInTx(tx, r, now))) return false
  for (const d of counterDeltas(null, r.request)) await addInTx(tx, [d.scopeKey], d.month, d.delta, now)
  return true
}
