/**
 * One request as a viewer may see it (requests.detail, and the answer of every requests.act): the request, its
 * timeline, its photos as the viewer may see them, and exactly the moves the machine allows this viewer now. A
 * handler sees the reporter's phone in full, which is an unmasked read and is audit-logged (server/audit.ts).
 */
import type { RequestView } from '../../core/contract/requests'
import type { RequestDoc } from '../../core/model'
import { allowedMoves } from '../../core/requests/machine'
import { recordRead } from '../../server/audit'
import type { Caller } from '../../server/caller'
import type { Data } from '../../server/data'
import { AppError } from '../../server/errors'
import { seenImages } from '../../server/uploads'
import { actorOf, leadsOver, maySee, relationOf } from './access'
import { viewOf } from './views'
import { requestSettingsOf } from '../../server/request-create'

/**
 * The view of `request` (already read) for the caller; REQUEST_NOT_FOUND when they may not see it. `now` decides
 * which moves are open (a department's 报到 limit).
 */
export async function detailFor(
  data: Data,
  caller: Caller,
  request: RequestDoc,
  now = new Date(),
): Promise<RequestView> {
  const person = caller.person
  if (!person) throw new AppError('NOT_REGISTERED')
  const [events, rel, settings] = await Promise.all([
    data.requestEvents.ofRequest(request._id),
    relationOf(data, caller, request),
    requestSettingsOf(data, request.communityId, request.streetId),
  ])
  const departments = [...new Set(events.flatMap((e) => (e.departmentId ? [e.departmentId] : [])))]
  if (!maySee(caller, request, rel, departments)) throw new AppError('REQUEST_NOT_FOUND')
  // handlers: a leader over the place, or a department the request is (or was) with
  const handler =
    leadsOver(caller, request) ||
    caller.grants.some(
      (g) =>
        g.role === 'department' &&
        g.unitId === request.streetId &&
        !!g.departmentId &&
        (request.departmentId === g.departmentId || departments.includes(g.departmentId)),
    )
  const withPhotos = events.filter((e) => e.photos?.length)
  const [grid, [reporter], [photos, ...eventPhotos]] = await Promise.all([
    data.units.get(request.gridId),
    data.people.byIds([request.reporterId]),
    // the report's photos and each step's, as this viewer may see them (server/uploads.ts, the one rule)
    seenImages(data, person._id, [
      { fileIDs: request.photos, leads: handler },
      ...withPhotos.map((e) => ({ fileIDs: e.photos ?? [], leads: handler })),
    ]),
  ])
  const moves = allowedMoves(request, actorOf(caller, rel), now, settings)
  if (handler && reporter && reporter._id !== person._id)
    await recordRead(data, caller, {
      action: 'requests.detail',
      unit: grid ?? { _id: request.gridId, path: request.path },
      subjectIds: [reporter._id],
    })
  return viewOf({
    request,
    events,
    grid,
    reporter: reporter ?? null,
    settings,
    viewerId: person._id,
    handler,
    following: rel.isFollower,
    moves,
    photos: photos.photos,
    eventPhotos: new Map(withPhotos.map((e, i) => [e.seq, eventPhotos[i].photos])),
    checkingPhotos: photos.checking,
    eventChecking: new Map(withPhotos.map((e, i) => [e.seq, eventPhotos[i].checking])),
    // the viewer's own photos the check refused: hidden from everyone, counted so their uploader reads why
    withheldPhotos: photos.withheld,
    eventWithheld: new Map(withPhotos.map((e, i) => [e.seq, eventPhotos[i].withheld])),
  })
}

/** The view of a request by id. */
export async function detailById(data: Data, caller: Caller, id: string, now = new Date()): Promise<RequestView> {
  const request = await data.requests.get(id)
  if (!request) throw new AppError('REQUEST_NOT_FOUND')
  return detailFor(data, caller, request, now)
}
