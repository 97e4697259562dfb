/** org.createUnit, org.renameUnit and org.retireUnit: keeping the grid tree. Ids never change. */
import { randomBytes } from 'node:crypto'
import type { Payload, Result } from '../../../core/contract'
import { LEVEL_LABELS, childPath, type Unit } from '../../../core/units'
import { AppError } from '../../../server/errors'
import type { ActionDef } from '../../../server/router'
import { createTreeStore } from '../../../server/tree-store'
import { ref } from '../../grid/unit-views'
import { PARENT_LEVEL, nameTaken } from './names'

/** Ids of units staff create: opaque, unique, chosen before the insert because the path contains the id. */
export const newUnitId = (): string => `u${randomBytes(8).toString('hex')}`

export const createUnit: ActionDef<Payload<'org', 'createUnit'>, Result<'org', 'createUnit'>> = {
  target: (payload) => payload.parentId,
  async handle({ payload, target: parent }) {
    if (!parent) throw new AppError('NOT_FOUND')
    const { level, name } = payload
    const want = PARENT_LEVEL[level]
    if (parent.level !== want) {
      throw new AppError('INVALID_PAYLOAD', `${LEVEL_LABELS[level]}只能建在${LEVEL_LABELS[want ?? 'street']}下`)
    }
    if (parent.retired) throw new AppError('INVALID_PAYLOAD', `“${parent.name}”已撤销`)
    const store = createTreeStore()
    if (await nameTaken(store, level, name, parent)) {
      throw new AppError('NAME_TAKEN', `已有名为“${name}”的${LEVEL_LABELS[level]}`)
    }
    const _id = newUnitId()
    const unit: Unit = { _id, level, name, parentId: parent._id, path: childPath(parent.path, _id) }
    if (level === 'microgrid' && payload.wartime) unit.wartime = true
    await store.addUnit(unit)
    return { ...ref(unit), path: unit.path }
  },
}

export const renameUnit: ActionDef<Payload<'org', 'renameUnit'>, Result<'org', 'renameUnit'>> = {
  target: (payload) => payload.unitId,
  async handle({ payload, target: unit }) {
    if (!unit) throw new AppError('NOT_FOUND')
    if (unit.level === 'household') throw new AppError('INVALID_PAYLOAD', '住户按楼栋、单元、房号命名，不能改名')
    if (unit.name === payload.name) return ref(unit)
    const store = createTreeStore()
    const parent = unit.parentId ? await store.unit(unit.parentId) : null
    if (parent && (await nameTaken(store, unit.level, payload.name, parent, unit._id))) {
      throw new AppError('NAME_TAKEN', `已有名为“${payload.name}”的${LEVEL_LABELS[unit.level]}`)
    }
    await store.updateUnit(unit._id, { name: payload.name })
    return ref({ ...unit, name: payload.name })
  },
}

export const retireUnit: ActionDef<Payload<'org', 'retireUnit'>, Result<'org', 'retireUnit'>> = {
  target: (payload) => payload.unitId,
  async handle({ target: unit }) {
    if (!unit) throw new AppError('NOT_FOUND')
    if (unit.retired) return ref(unit)
    const store = createTreeStore()
    const [below, homes, claims] = await Promise.all([
      store.unitsUnder(unit.path, false),
      store.homesUnder(unit.path),
      store.countPendingClaimsUnder(unit.path),
    ])
    const active = below.filter((u) => u._id !== unit._id && !u.retired)
    const inUse = [
      active.length ? `${active.length} 个网格或楼栋` : '',
      homes.length ? `${homes.length} 位居民` : '',
      claims ? `${claims} 条待确认的入户申请` : '',
    ].filter(Boolean)
    if (inUse.length) throw new AppError('UNIT_NOT_EMPTY', `还有${inUse.join('、')}`)
    await store.updateUnit(unit._id, { retired: true })
    return ref(unit)
  },
}
