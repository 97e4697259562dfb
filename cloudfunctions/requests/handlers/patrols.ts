/**
 * requests.logPatrol (巡查台账: a grid chief, the grid's party leader or the community logs a patrol; each finding
 * marked asRequest is reported as a request in the same call) and requests.patrols (a grid's log, newest first, in
 * keyset pages; a community's grids, one page in sibling order, each with whether it was patrolled on the day, read
 * from the day markers by id — never from the patrols).
 *
 * logPatrol checks everything first (text, photos, each finding's report), then writes the patrol, the grid's day
 * marker and every finding's request in ONE transaction, each request named findingRequestId(patrol, index): a
 * failure before the commit leaves nothing, and a retried tap finds the patrol and only finishes what follows the
 * commit (photos to the check, owners told once).
 *
 * Cost: logPatrol = the checks + one transaction (patrol + day marker + ≤ 10 requests, their events, rows and the
 * grid's, community's and street's counters once). patrols = one page of patrols (+ one read of their images), or one page of
 * grids + one `in` read of their markers.
 */
import type { PatrolView, PatrolsView, RequestFigures } from '../../../core/contract/requests'
import { findingRequestId, patrolDayId, patrolId } from '../../../core/ids'
import type { PatrolDoc } from '../../../core/model'
import {
  endOfBeijingDay,
  findingPlace,
  findingTapId,
  parsePatrolCursor,
  patrolCursor,
  patrolDayOf,
  patrolTimesIssue,
} from '../../../core/requests/patrol'
import { add, counterDeltas } from '../../../core/requests/rates'
import { ancestorAt, type Unit } from '../../../core/units'
import { checkText } from '../../../server/content-check'
import type { Data } from '../../../server/data'
import { addInTx } from '../../../server/data/request-counters'
import { AppError } from '../../../server/errors'
import { childCursor } from '../../../server/paging'
import type { Action } from '../../../server/router'
import { attachAndCheck, checkAttachable, seenImages } from '../../../server/uploads'
import { countInTx } from '../../../server/unit-stats'
import { iso } from '../../../server/views'
import { afterReport, prepareReport, writeReportInTx, type PreparedReport } from '../report'

const needGrid = (unit: Unit | null): Unit => {
  if (!unit) throw new AppError('NOT_FOUND')
  if (unit.level !== 'grid') throw new AppError('INVALID_PAYLOAD', '请选择一个网格')
  return unit
}

export const logPatrol: Action<'requests', 'logPatrol'> = {
  target: (p) => p.gridId,
  async handle({ payload, caller, data, target }) {
    const grid = needGrid(target)
    const person = caller.person
    if (!person || !caller.openid) throw new AppError('NOT_REGISTERED')
    const communityId = ancestorAt(grid.path, 'community')
    if (!communityId) throw new AppError('NOT_FOUND')
    const now = new Date()
    const startedAt = new Date(payload.startedAt)
    const endedAt = new Date(payload.endedAt)
    const timesIssue = patrolTimesIssue(startedAt, endedAt, now)
    if (timesIssue) throw new AppError('PATROL_TIMES_INVALID', timesIssue)

    const id = patrolId(person._id, payload.tapId)
    const { findings, route } = payload
    // the same tap again: the patrol stands, and what its first try may not have finished after its transaction
    // (the photos sent to the check, the grid's owners told) is finished now; nothing is reported or counted twice
    const held = await data.patrols.get(id)
    if (held) {
      await finishPatrol(data, held, person._id, caller.openid)
      return { id, requestIds: held.findings.flatMap((f) => (f.requestId ? [f.requestId] : [])) }
    }

    // everything that could refuse the patrol is checked before anything is written: the text (the route and the
    // findings kept in the log), the kept photos, and each finding to report — its place, category, text and photos
    await checkText(caller.openid, route, findings.map((f) => `${f.spot} ${f.description}`).join('\n'))
    const kept = findings.filter((f) => !f.asRequest)
    const keptPhotos = kept.flatMap((f) => f.photos)
    const attachable = keptPhotos.length ? await checkAttachable(data, caller, 'request', keptPhotos) : []
    // each finding reported is named by the patrol and its place in it (findingTapId → core/ids.ts findingRequestId)
    const reports: (PreparedReport | null)[] = []
    for (const [i, f] of findings.entries()) {
      if (!f.asRequest) {
        reports.push(null)
        continue
      }
      const prepared = await prepareReport(
        data,
        caller,
        {
          tapId: findingTapId(payload.tapId, i),
          category: f.category,
          description: f.description,
          photos: f.photos,
          place: findingPlace(grid._id, route, f),
          anonymous: false,
          urgent: false,
        },
        now,
      )
      // a finding filed without its patrol cannot be (they are written together): a stray one is not written again
      reports.push('filed' in prepared ? null : prepared)
    }
    const requestIds = findings.map((f, i) => (f.asRequest ? findingRequestId(id, i) : undefined))

    const doc: Omit<PatrolDoc, '_id'> = {
      gridId: grid._id,
      communityId,
      path: grid.path,
      personId: person._id,
      personName: person.name,
      day: patrolDayOf(startedAt),
      startedAt,
      endedAt,
      route,
      findings: findings.map((f, i) => ({
        description: f.description,
        photos: f.photos,
        category: f.category,
        spot: f.spot,
        ...(requestIds[i] ? { requestId: requestIds[i] } : {}),
      })),
      createdAt: now,
    }
    // ONE transaction: the patrol, the grid's day marker and every finding's request (its event, the reporter's row,
    // the counters' delta summed per scope) — a failure anywhere before its commit leaves nothing, not half a patrol
    const written = await data.transaction(async (tx) => {
      if (await tx.patrols.get(id)) return false
      const delta = new Map<string, { scopeKey: string; month: string; delta: RequestFigures }>()
      for (const p of reports) {
        if (!p || !(await writeReportInTx(tx, p))) continue
        for (const d of counterDeltas(null, p.request)) {
          const sum = delta.get(d.id)
          delta.set(d.id, sum ? { ...sum, delta: add(sum.delta, d.delta) } : d)
        }
      }
      for (const d of delta.values()) await addInTx(tx, [d.scopeKey], d.month, d.delta, now)
      await tx.patrols.set(id, doc)
      const dayId = patrolDayId(grid._id, doc.day)
      const marker = await tx.patrolDays.get(dayId)
      await tx.patrolDays.set(dayId, {
        gridId: grid._id,
        communityId,
        day: doc.day,
        patrols: (marker?.patrols ?? 0) + 1,
        lastPatrolId: id,
        lastBy: person.name,
        at: now,
      })
      await countInTx(tx, { kind: 'patrol', at: doc.startedAt, gridPath: grid.path })
      return true
    })
    if (written) {
      if (attachable.length)
        await attachAndCheck(
          data,
          attachable,
          { kind: 'request', id, unitId: grid._id, unitPath: grid.path },
          caller.openid,
        )
      for (const p of reports) if (p) await afterReport(data, p.request, p.event, person._id, caller.openid)
    } else await finishPatrol(data, { ...doc, _id: id }, person._id, caller.openid)
    return { id, requestIds: requestIds.filter((r): r is string => !!r) }
  },
}

/**
 * What a patrol's call does after its transaction, done again for a patrol that stands: the kept findings' photos
 * the patroller uploaded and nothing attached yet go to the check, and each finding's request finishes its report
 * (photos attached, the grid's owners told — once, whoever was told already).
 */
async function finishPatrol(data: Data, p: PatrolDoc, personId: string, openid: string): Promise<void> {
  const keptPhotos = p.findings.flatMap((f) => (f.requestId ? [] : f.photos))
  if (keptPhotos.length) {
    const left = (await data.uploads.byFileIDs(keptPhotos)).filter(
      (u) => u.state === 'uploaded' && u.ownerId === personId,
    )
    if (left.length)
      await attachAndCheck(data, left, { kind: 'request', id: p._id, unitId: p.gridId, unitPath: p.path }, openid)
  }
  const ids = p.findings.flatMap((f) => (f.requestId ? [f.requestId] : []))
  if (!ids.length) return
  // a retry only: each finding's first event (反映) read back, one short read a finding
  for (const r of await data.requests.byIds(ids)) {
    const [reported] = await data.requestEvents.ofRequest(r._id, 1)
    if (reported) await afterReport(data, r, reported, personId, openid)
  }
}

/**
 * A page of a grid's log as leaders see it: photos 审核中 included (they lead the grid); the patroller alone is told
 * how many of a finding's photos the check refused (withheldPhotos). Every finding's photos in one read.
 */
async function patrolViews(
  data: Data,
  grid: Unit,
  rows: readonly PatrolDoc[],
  viewerId: string,
): Promise<PatrolView[]> {
  const seen = await seenImages(
    data,
    viewerId,
    rows.flatMap((p) => p.findings.map((f) => ({ fileIDs: f.photos, leads: true }))),
  )
  let k = 0
  return rows.map((p) => ({
    id: p._id,
    gridId: p.gridId,
    gridName: grid.name,
    personName: p.personName,
    day: p.day,
    startedAt: iso(p.startedAt),
    endedAt: iso(p.endedAt),
    route: p.route,
    findings: p.findings.map((f) => {
      const photos = seen[k++]
      return {
        description: f.description,
        photos: photos.photos,
        checkingPhotos: photos.checking,
        withheldPhotos: photos.withheld,
        category: f.category,
        spot: f.spot,
        requestId: f.requestId ?? null,
      }
    }),
  }))
}

export const patrols: Action<'requests', 'patrols'> = {
  target: (p) => p.unitId,
  async handle({ payload, caller, data, target: unit }): Promise<PatrolsView> {
    if (!unit) throw new AppError('NOT_FOUND')
    const { day, cursor, pageSize } = payload
    if (unit.level === 'grid') {
      // the log up to the end of `day`, newest first
      const after = cursor === undefined ? undefined : parsePatrolCursor(cursor)
      if (after === null) throw new AppError('INVALID_PAYLOAD', '翻页位置不对，请刷新后再试')
      const page = await data.patrols.ofGrid(unit._id, endOfBeijingDay(day), after, pageSize)
      const rows = await patrolViews(data, unit, page.rows, caller.person?._id ?? '')
      const last = page.rows[page.rows.length - 1]
      return { kind: 'grid', rows, nextCursor: page.more && last ? patrolCursor(last) : null }
    }
    if (unit.level === 'community') {
      const page = await data.units.childrenPage(unit._id, childCursor(unit._id, cursor), pageSize)
      const markers = new Map(
        (await data.patrolDays.byIds(page.rows.map((g) => patrolDayId(g._id, day)))).map((m) => [m.gridId, m]),
      )
      const last = page.rows[page.rows.length - 1]
      return {
        kind: 'community',
        day,
        grids: page.rows.map((g) => {
          const m = markers.get(g._id)
          return { gridId: g._id, name: g.name, patrolled: !!m, patrols: m?.patrols ?? 0, lastBy: m?.lastBy ?? null }
        }),
        nextCursor: page.more && last?.siblingKey ? last.siblingKey : null,
      }
    }
    throw new AppError('INVALID_PAYLOAD', '请选择一个网格或社区')
  },
}
