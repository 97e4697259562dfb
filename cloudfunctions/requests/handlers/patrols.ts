/**
 * requests.logPatrol (巡查台账: a grid chief, the grid's party leader or the community logs a patrol; each finding
 * marked asRequest is reported as a request in the same call, through the report path itself) and requests.patrols
 * (a grid's log, newest first, in keyset pages; a community's grids, one page in sibling order, each with whether it
 * was patrolled on the day, read from the day markers by id — never from the patrols).
 *
 * Cost: logPatrol = the findings' reports (each its own transaction, named by the patrol) + one transaction
 * (patrol + the grid's day marker). patrols = one page of patrols (+ their images), or one page of grids + one `in`
 * read of their markers.
 */
import type { PatrolView, PatrolsView } from '../../../core/contract/requests'
import { patrolDayId, patrolId } from '../../../core/ids'
import { isSiblingCursor } from '../../../core/grid/siblings'
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
import { ancestorAt, type Unit } from '../../../core/units'
import { checkText } from '../../../server/content-check'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { attachAndCheck, checkAttachable, imagesFor } from '../../../server/uploads'
import { iso } from '../../../server/views'
import { fileRequest } from '../report'

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
    // the same tap again: what stands is the answer, nothing is reported or counted twice
    const held = await data.patrols.get(id)
    if (held) return { id, requestIds: held.findings.flatMap((f) => (f.requestId ? [f.requestId] : [])) }

    // everything that could refuse the patrol is checked before anything is written: the text (the route and the
    // findings kept in the log; findings reported are checked again by the report path) and the kept photos
    await checkText(caller.openid, route, findings.map((f) => `${f.spot} ${f.description}`).join('\n'))
    const kept = findings.filter((f) => !f.asRequest)
    const keptPhotos = kept.flatMap((f) => f.photos)
    const attachable = keptPhotos.length ? await checkAttachable(data, caller, 'request', keptPhotos) : []

    // each finding for the request path is reported under a tap id named by the patrol and its place in it, so a
    // retried call (or one that failed half-way) reports each once and answers the same ids
    const requestIds: (string | undefined)[] = []
    for (const [i, f] of findings.entries()) {
      if (!f.asRequest) {
        requestIds.push(undefined)
        continue
      }
      const filed = await fileRequest(
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
      requestIds.push(filed.id)
    }

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
    const written = await data.transaction(async (tx) => {
      if (await tx.patrols.get(id)) return false
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
      return true
    })
    if (written && attachable.length) {
      await attachAndCheck(
        data,
        attachable,
        { kind: 'request', id, unitId: grid._id, unitPath: grid.path },
        caller.openid,
      )
    }
    return { id, requestIds: requestIds.filter((r): r is string => !!r) }
  },
}

/** A page of a grid's log as leaders see it: photos 审核中 included (they lead the grid). */
async function patrolViews(
  data: Data,
  grid: Unit,
  rows: readonly PatrolDoc[],
  viewerId: string,
): Promise<PatrolView[]> {
  const images = await Promise.all(
    rows.map((p) =>
      Promise.all(
        p.findings.map(async (f) => {
          const seen = await imagesFor(data, f.photos, { personId: viewerId, leads: true })
          return [...seen.images, ...seen.checking]
        }),
      ),
    ),
  )
  return rows.map((p, i) => ({
    id: p._id,
    gridId: p.gridId,
    gridName: grid.name,
    personName: p.personName,
    day: p.day,
    startedAt: iso(p.startedAt),
    endedAt: iso(p.endedAt),
    route: p.route,
    findings: p.findings.map((f, j) => ({
      description: f.description,
      photos: images[i][j],
      category: f.category,
      spot: f.spot,
      requestId: f.requestId ?? null,
    })),
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
      if (cursor !== undefined && !isSiblingCursor(unit._id, cursor)) {
        throw new AppError('INVALID_PAYLOAD', '翻页位置不对，请刷新后再试')
      }
      const page = await data.units.childrenPage(unit._id, cursor, pageSize)
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
