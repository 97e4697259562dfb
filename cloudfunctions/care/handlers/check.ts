/**
 * The daily check (每日探访 打卡) by a helper of the care team: seen or not, a temperature, needs. ONE record per
 * helper per care person per Beijing day (core/ids.ts careCheckId): the first of the day adds one to the care
 * person's `checks` in the same transaction; a second the same day updates the record and counts nothing, so a double
 * tap or two racing calls count once. Any check closes an open 未探访.
 */
import { careDayOf } from '../../../core/care/days'
import { slotOf } from '../../../core/care/team'
import { careCheckId } from '../../../core/ids'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { detailFor } from '../access'

export const check: Action<'care', 'check'> = {
  async handle({ payload, caller, data }) {
    const me = caller.person
    if (!me) throw new AppError('NOT_REGISTERED')
    const care = await data.carePersons.get(payload.personId)
    // nobody outside the team learns whether this person is a care person
    if (!care || !care.active || !care.helperIds.includes(me._id)) {
      if (care?.active) throw new AppError('CARE_NOT_HELPER')
      throw new AppError('NOT_FOUND')
    }
    const temperature = payload.temperature === null ? null : Math.round(payload.temperature * 10) / 10
    await data.transaction(async (tx) => {
      const now = new Date()
      const day = careDayOf(now)
      const fresh = await tx.carePersons.get(care._id)
      if (!fresh || !fresh.active) throw new AppError('CARE_NOT_MARKED')
      if (!fresh.helperIds.includes(me._id)) throw new AppError('CARE_NOT_HELPER')
      const id = careCheckId(care._id, me._id, day)
      const held = await tx.careChecks.get(id)
      const fields = { seen: payload.seen, temperature, needs: payload.needs, slot: slotOf(fresh.team, me._id) }
      if (held) {
        await tx.careChecks.update(id, { ...fields, helperName: me.name, updatedAt: now })
        await tx.carePersons.update(care._id, { openAlertDay: '', updatedAt: now })
        return
      }
      await tx.careChecks.set(id, {
        ...fields,
        carePersonId: care._id,
        helperId: me._id,
        helperName: me.name,
        day,
        homePath: fresh.homePath,
        at: now,
        updatedAt: now,
      })
      await tx.carePersons.update(care._id, {
        checks: fresh.checks + 1,
        lastCheckDay: fresh.lastCheckDay > day ? fresh.lastCheckDay : day,
        openAlertDay: '',
        updatedAt: now,
      })
    })
    return detailFor(data, caller, care._id)
  },
}
