/**
 * requests.similar: the duplicate hints of the report page — open requests of the category in the place's building,
 * else in its grid (a spot: the grid), newest first, at most REQUEST_LIMITS.similar; titles and public places only,
 * never who reported them. Read by anyone living in the grid or leading over it.
 */
import { REQUEST_LIMITS } from '../../../core/contract/requests'
import { requestFollowerId } from '../../../core/ids'
import { ancestorAt, ancestorPath, isWithin } from '../../../core/units'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { similarOf } from '../views'

export const similar: Action<'requests', 'similar'> = {
  async handle({ payload, caller, data }) {
    const me = caller.person
    if (!me) throw new AppError('NOT_REGISTERED')
    const unit = await data.units.get(payload.unitId)
    const gridPath = unit ? ancestorPath(unit.path, 'grid') : undefined
    const gridId = unit ? ancestorAt(unit.path, 'grid') : undefined
    if (!unit || !gridPath || !gridId || unit.retired) throw new AppError('NOT_FOUND')
    const related =
      (!!me.homePath && isWithin(me.homePath, gridPath)) || caller.grants.some((g) => isWithin(unit.path, g.path))
    if (!related) throw new AppError('NOT_FOUND')
    const buildingId = ancestorAt(unit.path, 'microgrid')
    const limit = REQUEST_LIMITS.similar
    let found = buildingId ? await data.requests.openInBuilding(buildingId, payload.category, limit) : []
    if (!found.length) found = await data.requests.openInGrid(gridId, payload.category, limit)
    const mine = new Set(
      (await data.requestFollowers.byIds(found.map((r) => requestFollowerId(r._id, me._id)))).map((f) => f.requestId),
    )
    return { rows: found.map((r) => similarOf(r, mine.has(r._id))) }
  },
}
