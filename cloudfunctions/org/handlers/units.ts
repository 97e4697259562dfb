/**
 * org.createUnit, org.renameUnit and org.retireUnit: keeping the grid tree. Ids never change. A new unit moves no
 * figure (staff create no households, and a unit without a counter reads as zeros); retiring one takes what its
 * subtree still counts (empty households) off the units above it, in the transaction that retires it.
 */
import { creationRefusal, newUnit, renameRefusal, retireRefusal } from '../../../core/org/placement'
import { LEVEL_LABELS } from '../../../core/units'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { unitRef } from '../../../server/views'
import { nameTaken } from '../names'
import { retireCounted } from '../retire'
import { newUnitId } from '../new-ids'

export const createUnit: Action<'org', 'createUnit'> = {
  target: (payload) => payload.parentId,
  async handle({ payload, target: parent, data }) {
    if (!parent) throw new AppError('NOT_FOUND')
    const { level, name } = payload
    const refusal = creationRefusal(level, parent)
    if (refusal) throw new AppError('INVALID_PAYLOAD', refusal)
    if (await nameTaken(data, level, name, parent)) {
      throw new AppError('NAME_TAKEN', `已有名为“${name}”的${LEVEL_LABELS[level]}`)
    }
    const unit = newUnit(newUnitId(), level, name, parent, payload.wartime)
    await data.units.add(unit)
    return { ...unitRef(unit), path: unit.path }
  },
}

export const renameUnit: Action<'org', 'renameUnit'> = {
  target: (payload) => payload.unitId,
  async handle({ payload, target: unit, data }) {
    if (!unit) throw new AppError('NOT_FOUND')
    const refusal = renameRefusal(unit)
    if (refusal) throw new AppError('INVALID_PAYLOAD', refusal)
    if (unit.name === payload.name) return unitRef(unit)
    const parent = unit.parentId ? await data.units.get(unit.parentId) : null
    if (parent && (await nameTaken(data, unit.level, payload.name, parent, unit._id))) {
      throw new AppError('NAME_TAKEN', `已有名为“${payload.name}”的${LEVEL_LABELS[unit.level]}`)
    }
    await data.units.update(unit._id, { name: payload.name })
    return unitRef({ ...unit, name: payload.name })
  },
}

export const retireUnit: Action<'org', 'retireUnit'> = {
  target: (payload) => payload.unitId,
  async handle({ target: unit, data }) {
    if (!unit) throw new AppError('NOT_FOUND')
    if (unit.retired) return unitRef(unit)
    const [below, homes, claims] = await Promise.all([
      data.units.under(unit.path, false),
      data.people.homesUnder(unit.path),
      data.claims.countPendingUnder(unit.path),
    ])
    const refusal = retireRefusal(unit, below, homes.length, claims)
    if (refusal) throw new AppError('UNIT_NOT_EMPTY', refusal)
    await retireCounted(data, unit._id)
    return unitRef(unit)
  },
}
