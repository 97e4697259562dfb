/**
 * Filing a request (requests.report, and each finding a patrol turns into one: cloudfunctions/requests/handlers/
 * patrols.ts prepares each here and writes them all in the patrol's own transaction): the place resolved and checked
 * against the reporter, the text content-checked, the photos checked as the reporter's own uploads
 * (`prepareReport`); then ONE transaction writes the request, its first event (反映, with its deadlines), the
 * reporter's follower row (`writeReportInTx`) and the counters' delta; after it the photos are attached (审核中) and
 * the grid's owners are told. The request id is requestId(reporter, tapId): a retried report writes nothing and
 * answers the same id (finishing the attach a failed first try left).
 */
import { CATEGORY_LABELS, type ReportPayload } from '../../core/contract/requests'
import { requestId } from '../../core/ids'
import type { PersonDoc, RequestDoc, RequestEventDoc, RequestPlace, UploadDoc } from '../../core/model'
import { beijingMonth } from '../../core/points/months'
import { openRequest } from '../../core/requests/machine'
import { LEADER_ROLES, ROLE_LABELS, type Role } from '../../core/roles'
import { ancestorAt, doorLabel, isWithin, type Unit } from '../../core/units'
import type { Caller } from '../../server/caller'
import { checkText } from '../../server/content-check'
import type { Data, TxData } from '../../server/data'
import { addInTx } from '../../server/data/request-counters'
import { AppError } from '../../server/errors'
import { attachAndCheck, checkAttachable } from '../../server/uploads'
import { counterDeltas } from '../../core/requests/rates'
import { requestSettingsOf, writeOpenedInTx } from '../../server/request-create'
import { tellAbout } from './tell'

/** Roles that report for a place in their scope (a leader on patrol, a merchant or enterprise of the community). */
const SCOPED_REPORTERS: readonly Role[] = [...LEADER_ROLES, 'department', 'merchant']

interface Placed {
  place: RequestPlace
  path: string
  gridId: string
  buildingId?: string
  communityId: string
  streetId: string
  /** the reporter as handlers read them on the timeline: 居民 王秀英, 网格长 张三 */
  label: string
}

const placeInvalid = () => new AppError('REQUEST_PLACE_INVALID')

/**
 * Where the request is, and as whom the caller reports it: a household is the reporter's own; a building or a spot
 * in a grid is where they live; or any of these within the scope of a role they hold (a leader, a department of
 * the street, a merchant of the community). Anything else is REQUEST_PLACE_INVALID.
 */
async function placeOf(data: Data, caller: Caller, person: PersonDoc, p: ReportPayload['place']): Promise<Placed> {
  const unit = await data.units.get(p.unitId)
  if (!unit || unit.retired) throw placeInvalid()
  const want: Record<ReportPayload['place']['kind'], Unit['level']> = {
    household: 'household',
    building: 'microgrid',
    spot: 'grid',
  }
  if (unit.level !== want[p.kind]) throw placeInvalid()
  const home = person.homePath
  const livesThere = p.kind === 'household' ? person.householdId === unit._id : !!home && isWithin(home, unit.path)
  const grant = caller.grants.find((g) => SCOPED_REPORTERS.includes(g.role) && isWithin(unit.path, g.path))
  if (!livesThere && !grant) throw placeInvalid()
  const gridId = ancestorAt(unit.path, 'grid')
  const communityId = ancestorAt(unit.path, 'community')
  const streetId = ancestorAt(unit.path, 'street')
  if (!gridId || !communityId || !streetId) throw placeInvalid()
  const spot = p.label.trim()
  let label: string
  if (p.kind === 'household') label = doorLabel(unit) || unit.name
  else if (p.kind === 'building') label = spot ? `${unit.name} · ${spot}` : unit.name
  else {
    if (!spot) throw new AppError('REQUEST_PLACE_INVALID', '请写明网格内的具体地点')
    label = `${unit.name} · ${spot}`
  }
  const buildingId = p.kind === 'spot' ? undefined : ancestorAt(unit.path, 'microgrid')
  return {
    place: { kind: p.kind, unitId: unit._id, label, ...(p.location ? { location: p.location } : {}) },
    path: unit.path,
    gridId,
    ...(buildingId ? { buildingId } : {}),
    communityId,
    streetId,
    // a leader reporting a spot or building in their scope speaks as the leader (a patrol's finding: 网格长 张三); from
    // their own home, as a resident
    label:
      !grant || (p.kind === 'household' && livesThere)
        ? `居民 ${person.name}`
        : `${ROLE_LABELS[grant.role]} ${person.name}`,
  }
}

/** A report checked and decided, not yet written: what `writeReportInTx` writes and `afterReport` finishes. */
export interface PreparedReport {
  request: RequestDoc
  event: RequestEventDoc
  uploads: UploadDoc[]
  openid: string
  personId: string
  now: Date
}

/**
 * Everything that could refuse a report, checked before anything is written: the place against the reporter, the
 * category against the community's settings, the text, the photos. `{ filed }` when this tap filed it already.
 */
export async function prepareReport(
  data: Data,
  caller: Caller,
  input: ReportPayload,
  now = new Date(),
): Promise<PreparedReport | { filed: RequestDoc }> {
  const person = caller.person
  if (!person || !caller.openid) throw new AppError('NOT_REGISTERED')
  const openid = caller.openid
  const id = requestId(person._id, input.tapId)

  const filed = await data.requests.get(id)
  if (filed) return { filed }

  const at = await placeOf(data, caller, person, input.place)
  const settings = await requestSettingsOf(data, at.communityId, at.streetId)
  const opened = openRequest(
    {
      id,
      category: input.category,
      description: input.description.trim(),
      photos: input.photos,
      place: at.place,
      path: at.path,
      gridId: at.gridId,
      ...(at.buildingId ? { buildingId: at.buildingId } : {}),
      communityId: at.communityId,
      streetId: at.streetId,
      anonymous: input.anonymous,
      urgent: input.urgent,
      month: beijingMonth(now),
    },
    { personId: person._id, name: person.name, label: at.label },
    now,
    settings,
  )
  if (!opened.ok) throw new AppError(opened.code, opened.detail)

  // refused text: CONTENT_RISKY; someone else's or a used photo: UPLOAD_NOT_YOURS / UPLOAD_INVALID — nothing written
  await checkText(openid, CATEGORY_LABELS[input.category], `${input.description}\n${at.place.label}`)
  const uploads = await checkAttachable(data, caller, 'request', input.photos)
  return { request: opened.request, event: opened.event, uploads, openid, personId: person._id, now }
}

/**
 * Inside a transaction: the request, its first event and the reporter's follower row — false when a twin of this
 * tap got there first (it stands). The counters' delta is the caller's to add (`counterDeltas(null, request)`), so
 * that a patrol filing several requests of one grid moves each counter once.
 */
export async function writeReportInTx(tx: TxData, p: PreparedReport): Promise<boolean> {
  return writeOpenedInTx(tx, p, p.now)
}

/** After the transaction: the photos attached (审核中) and the grid's owners told (once: the message is spent per
 * request:<id>:1, so a retry that gets here again tells nobody twice). */
export async function afterReport(data: Data, r: RequestDoc, event: RequestEventDoc, personId: string, openid: string) {
  await finishAttach(data, r, personId, openid)
  await tellAbout(data, null, r, event, [])
}

/** Files one request (see the module comment); `{ id }` of the request, new or already filed by this tap. */
export async function fileRequest(
  data: Data,
  caller: Caller,
  input: ReportPayload,
  now = new Date(),
): Promise<{ id: string }> {
  const p = await prepareReport(data, caller, input, now)
  if ('filed' in p) {
    await finishAttach(data, p.filed, p.filed.reporterId, caller.openid as string)
    return { id: p.filed._id }
  }
  const { request, event } = p
  const wrote = await data.transaction(async (tx) => {
    if (!(await writeReportInTx(tx, p))) return false
    for (const d of counterDeltas(null, request)) await addInTx(tx, [d.scopeKey], d.month, d.delta, now)
    return true
  })
  if (!wrote) return { id: request._id }

  await attachAndCheck(
    data,
    p.uploads,
    { kind: 'request', id: request._id, unitId: request.gridId, unitPath: request.path },
    p.openid,
  )
  await tellAbout(data, null, request, event, [])
  return { id: request._id }
}

/** A retried report: the photos a first try wrote but did not attach are attached now (nothing else is redone). */
export async function finishAttach(data: Data, r: RequestDoc, personId: string, openid: string): Promise<void> {
  if (!r.photos.length) return
  const left = (await data.uploads.byFileIDs(r.photos)).filter((u) => u.state === 'uploaded' && u.ownerId === personId)
  if (left.length)
    await attachAndCheck(data, left, { kind: 'request', id: r._id, unitId: r.gridId, unitPath: r.path }, openid)
}
