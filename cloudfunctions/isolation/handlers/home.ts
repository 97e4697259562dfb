/**
 * The household's own view (我家的隔离服务): its latest isolation and that isolation's tasks of one Beijing day with
 * each one's state and holder; and 已收到 on a delivery. Only the caller's own household, decided from their record.
 */
import { beijingMidnight } from '../../../core/isolation/schedule'
import { defaultGridPath, servesGrid } from '../../../core/isolation/serve'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { cardOf, rowsWithPhotos, taskOr404, today } from '../access'

const DAY = 24 * 3_600_000

export const mine: Action<'isolation', 'mine'> = {
  async handle({ payload, caller, data }) {
    const householdId = caller.person?.householdId
    const now = new Date()
    const day = payload.day ?? today(now)
    const grid = defaultGridPath(caller.person, caller.grants)
    const serves = !!grid && servesGrid(caller.person, caller.grants, grid)
    if (!householdId) return { isolation: null, day, tasks: [], serves }
    const [latest] = await data.isolations.ofHousehold(householdId)
    if (!latest) return { isolation: null, day, tasks: [], serves }
    const from = beijingMidnight(day)
    const [gridUnit, tasks] = await Promise.all([
      data.units.get(latest.gridId),
      data.isolationTasks.ofIsolation(latest._id, from, new Date(+from + DAY)),
    ])
    return {
      isolation: cardOf(latest, gridUnit?.name ?? '', now),
      day,
      tasks: await rowsWithPhotos(data, tasks, caller, now),
      serves,
    }
  },
}

export const received: Action<'isolation', 'received'> = {
  async handle({ payload, caller, data }) {
    const task = await taskOr404(data, payload.taskId)
    if (!caller.person?.householdId || task.householdId !== caller.person.householdId)
      throw new AppError('ISOLATION_NOT_YOURS')
    if (task.kind !== 'supplies') throw new AppError('ISOLATION_NOT_DELIVERY')
    await data.transaction(async (tx) => {
      const t = await tx.isolationTasks.get(task._id)
      if (!t) throw new AppError('NOT_FOUND')
      if (t.state === 'cancelled') throw new AppError('ISOLATION_TASK_CANCELLED')
      if (t.receivedAt) return
      const now = new Date()
      await tx.isolationTasks.update(t._id, { receivedAt: now, updatedAt: now })
    })
    return (await rowsWithPhotos(data, [await taskOr404(data, task._id)], caller, new Date()))[0]
  },
}
