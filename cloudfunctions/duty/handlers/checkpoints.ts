/**
 * Setting up the gates: a checkpoint at a grid or community (keepers over it), the checkpoints under a unit
 * (paged), shifts from a template over a range of days (bounded, add-once per shift id), and the community's points
 * per hour of duty (staff).
 */
import { randomBytes } from 'node:crypto'
import { newShift, planShifts, templateProblem } from '../../../core/duty/shifts'
import { checkpointId, dutySettingsId } from '../../../core/ids'
import type { CheckpointDoc, ShiftDoc } from '../../../core/model'
import { ancestorAt, ancestorPath, isWithin } from '../../../core/units'
import type { CheckpointCursor } from '../../../server/data/checkpoints'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { cardOf, checkpointOr404, checkpointUnit, leads } from '../access'

export const createCheckpoint: Action<'duty', 'createCheckpoint'> = {
  target: (p) => p.unitId,
  async handle({ payload, caller, data, target }) {
    const person = caller.person
    if (!target || !person) throw new AppError('NOT_FOUND')
    if (target.level !== 'grid' && target.level !== 'community') throw new AppError('DUTY_UNIT_LEVEL')
    // the tap's id names the checkpoint: a retry (or a twin racing it) finds the first and answers it
    const id = checkpointId(person._id, payload.tapId)
    const made = await data.checkpoints.get(id)
    if (made) return cardOf(made, (await data.units.get(made.unitId))?.name ?? '')
    const now = new Date()
    const doc: CheckpointDoc = {
      _id: id,
      name: payload.name,
      place: payload.place,
      unitId: target._id,
      unitPath: target.path,
      communityId: ancestorAt(target.path, 'community') ?? target._id,
      emergencyId: payload.emergencyId,
      secret: randomBytes(16).toString('hex'),
      createdBy: person._id,
      createdByName: person.name,
      createdAt: now,
    }
    if (!(await data.checkpoints.add(doc))) {
      const first = await data.checkpoints.get(id)
      if (first) return cardOf(first, (await data.units.get(first.unitId))?.name ?? '')
    }
    return cardOf(doc, target.name)
  },
}

const encode = (c: CheckpointDoc): string => `${c.createdAt.getTime()}:${c._id}`
function decode(cursor: string | undefined): CheckpointCursor | undefined {
  if (!cursor) return undefined
  const m = /^(\d{1,15}):(.+)$/.exec(cursor)
  if (!m) throw new AppError('INVALID_PAYLOAD', '翻页位置不对')
  return { createdAt: new Date(Number(m[1])), id: m[2] }
}

export const checkpoints: Action<'duty', 'checkpoints'> = {
  async handle({ payload, caller, data }) {
    const unit = await data.units.get(payload.unitId)
    if (!unit) throw new AppError('NOT_FOUND')
    const community = ancestorPath(unit.path, 'community')
    const home = caller.person?.homePath
    const member = !!community && !!home && isWithin(home, community)
    if (!leads(caller, { unitPath: unit.path }) && !member) throw new AppError('NOT_FOUND')
    const page = await data.checkpoints.under(unit.path, decode(payload.cursor), payload.pageSize)
    const units = new Map(
      (await data.units.byIds([...new Set(page.rows.map((c) => c.unitId))])).map((u) => [u._id, u.name]),
    )
    return {
      rows: page.rows.map((c) => cardOf(c, units.get(c.unitId) ?? '')),
      nextCursor: page.more && page.rows.length ? encode(page.rows[page.rows.length - 1]) : null,
    }
  },
}

export const addShifts: Action<'duty', 'addShifts'> = {
  target: (p, data) => checkpointUnit(data, p.checkpointId),
  async handle({ payload, data }) {
    const c = await checkpointOr404(data, payload.checkpointId)
    const problem = templateProblem(payload.template, payload.fromDay, payload.toDay)
    if (problem) throw new AppError('DUTY_TEMPLATE_INVALID')
    const now = new Date()
    const docs: ShiftDoc[] = planShifts(payload.template, payload.fromDay, payload.toDay).map((p) =>
      newShift(c, p, now),
    )
    const created = await data.shifts.addMissing(docs)
    return { created, kept: docs.length - created }
  },
}

export const updateSettings: Action<'duty', 'updateSettings'> = {
  target: (p) => p.communityId,
  async handle({ payload, caller, data, target }) {
    if (!target || target.level !== 'community') throw new AppError('INVALID_PAYLOAD', '请选择一个社区')
    await data.dutySettings.put({
      _id: dutySettingsId(target._id),
      pointsPerHour: payload.pointsPerHour,
      updatedBy: caller.person?._id ?? '',
      updatedAt: new Date(),
    })
    return { pointsPerHour: payload.pointsPerHour }
  },
}
