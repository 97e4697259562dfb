/**
 * duty.findPeople, 安排值守's picker: whom a keeper over the checkpoint may put on a shift. The name search is the
 * shared one of server/people-search.ts over the checkpoint's community (whom duty.assign accepts), a keyset page at
 * a time; on the first page the reserve force (应急力量) who answered 到岗 to a call-up of the checkpoint's
 * emergency come first as suggestions (bounded: the emergency's SUGGEST_CALLUPS newest call-ups over the community,
 * DUTY_LIMITS.suggested answers each). A phone is in full only where the caller leads over the person's home
 * (core/grid/phone-visibility.ts), else masked; a page that shows someone else's phone in full writes one audit
 * entry (duty.findPeople) before it is answered.
 */
import { DUTY_LIMITS, type DutyCandidate } from '../../../core/contract'
import { isLeaderRead, visiblePhone } from '../../../core/grid/phone-visibility'
import { maskRoom } from '../../../core/mask'
import type { PersonDoc } from '../../../core/model'
import { ancestorAt } from '../../../core/units'
import { recordRead } from '../../../server/audit'
import { viewerOf } from '../../../server/caller'
import { AppError } from '../../../server/errors'
import { findPeopleNamed } from '../../../server/people-search'
import type { Action } from '../../../server/router'
import { byId } from '../../../server/views'
import { shiftOr404, shiftUnit } from '../access'
import { belongsTo } from './seats'

/** The newest call-ups of the emergency over the community whose 到岗 answers are suggested. */
export const SUGGEST_CALLUPS = 5

export const findPeople: Action<'duty', 'findPeople'> = {
  target: (p, data) => shiftUnit(data, p.shiftId),
  async handle({ payload, caller, data, target }) {
    const { shift, checkpoint: c } = await shiftOr404(data, payload.shiftId)
    const community = await data.units.get(ancestorAt(c.unitPath, 'community') ?? '')
    if (!community || !target) throw new AppError('NOT_FOUND')
    const name = payload.name
    const first = !payload.cursor
    const [seats, page, callUps] = await Promise.all([
      data.shiftSignups.ofShifts([shift._id]),
      name
        ? findPeopleNamed(data, { community, name, limit: DUTY_LIMITS.found, after: payload.cursor })
        : Promise.resolve({ rows: [], next: null }),
      first && c.emergencyId
        ? data.callUps.ofEmergency(c.emergencyId, community.path, 0, SUGGEST_CALLUPS)
        : Promise.resolve({ rows: [], more: false }),
    ])
    // the reserve force who said they come, newest call-up first, each person once
    const answers = (
      await Promise.all(callUps.rows.map((u) => data.callUpAnswers.ofCallUp(u._id, 'coming', 0, DUTY_LIMITS.suggested)))
    ).flatMap((p) => p.rows)
    const coming = [...new Set(answers.map((a) => a.personId))]
    const reservePeople = (await data.people.byIds(coming)).filter((p) => !p.deletedAt && p.name.includes(name))
    const paths = new Map(
      (await data.units.byIds([...new Set(reservePeople.flatMap((p) => p.roles.map((g) => g.unitId)))])).map((u) => [
        u._id,
        u.path,
      ]),
    )
    const homes = byId(await data.units.byIds(reservePeople.flatMap((p) => (p.householdId ? [p.householdId] : []))))
    const order = new Map(coming.map((id, i) => [id, i]))
    const suggested = reservePeople
      .filter((p) => belongsTo(p, c, paths))
      .sort((a, b) => (order.get(a._id) ?? 0) - (order.get(b._id) ?? 0))
      .slice(0, DUTY_LIMITS.suggested)

    const on = new Set(seats.filter((s) => s.status !== 'cancelled').map((s) => s.personId))
    const reserve = new Set(coming)
    const viewer = viewerOf(caller)
    const shownInFull: string[] = []
    const candidate = (p: PersonDoc, where: string): DutyCandidate => {
      const subject = { personId: p._id, householdId: p.householdId, homePath: p.homePath }
      if (p.phone && isLeaderRead(viewer, subject)) shownInFull.push(p._id)
      return {
        personId: p._id,
        name: p.name,
        where,
        phone: p.phone ? visiblePhone(viewer, { ...subject, phone: p.phone, heads: [] }) : '',
        reserve: reserve.has(p._id),
        onShift: on.has(p._id),
      }
    }
    const suggestions = suggested.map((p) => {
      const home = p.householdId ? homes.get(p.householdId) : undefined
      return candidate(p, home ? maskRoom(home) : community.name)
    })
    const taken = new Set(suggested.map((p) => p._id))
    const rows = page.rows.filter((r) => !taken.has(r.person._id)).map((r) => candidate(r.person, r.where))
    // written before anything is returned: a read the log cannot record is not served
    await recordRead(data, caller, { action: 'duty.findPeople', unit: target, subjectIds: shownInFull })
    return { suggestions, rows, nextCursor: page.next }
  },
}
