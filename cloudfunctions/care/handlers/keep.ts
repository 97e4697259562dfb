/**
 * Staff keep the care record: mark (flags and a note; no flags unmarks, the history stays), team (the four helpers)
 * and findPeople (the picker's name search). A mark changes the care record, the person's careFlags and the
 * unitCounters.care above their home in ONE transaction, with its audit entry (core/ids.ts careActId), so the count
 * on every leader screen moves exactly when the flags do.
 */
import { CARE_LIMITS, CARE_SLOT_LABELS, CARE_SLOTS, type FoundPerson } from '../../../core/contract'
import { aboveHome, personFigures, ZERO } from '../../../core/grid/counters'
import { helperIdsOf, marked, markNote, mayHelp, orderedFlags, teamProblem } from '../../../core/care/team'
import { careActId } from '../../../core/ids'
import { CARE_FLAG_LABELS, type CareHelper } from '../../../core/model'
import { ancestorAt, ancestorPath } from '../../../core/units'
import { recordActInTx } from '../../../server/audit'
import { findPeopleNamed } from '../../../server/people-search'
import { moveInTx } from '../../../server/data/unit-counters'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { byId } from '../../../server/views'
import { detailFor, personHome, personOr404 } from '../access'

export const mark: Action<'care', 'mark'> = {
  target: (p, data) => personHome(data, p.personId),
  async handle({ payload, caller, data, target }) {
    const me = caller.person
    const person = await personOr404(data, payload.personId)
    const community = person.homePath ? ancestorAt(person.homePath, 'community') : undefined
    if (!me || !target || !person.homePath || !community) throw new AppError('CARE_PERSON_INVALID')
    const flags = orderedFlags(payload.flags)
    await data.transaction(async (tx) => {
      const now = new Date()
      const [before, fresh] = await Promise.all([tx.carePersons.get(person._id), tx.people.get(person._id)])
      if (!fresh || fresh.deletedAt || !fresh.homePath) throw new AppError('CARE_PERSON_INVALID')
      const after = marked(before, fresh, community, flags, payload.note, { id: me._id, name: me.name }, now)
      const { _id, ...doc } = after
      await tx.carePersons.set(_id, doc)
      await tx.people.update(fresh._id, { careFlags: flags })
      const care = personFigures({ ...fresh, careFlags: flags }).care - personFigures(fresh).care
      await moveInTx(tx, [{ ids: aboveHome(fresh.homePath), path: fresh.homePath, delta: { ...ZERO, care } }], now)
      await recordActInTx(
        tx,
        careActId(_id, 'mark', now),
        caller,
        {
          action: 'care.mark',
          unit: target,
          subjectIds: [fresh._id],
          note: markNote(
            flags.map((f) => CARE_FLAG_LABELS[f]),
            payload.note,
          ),
        },
        now,
      )
    })
    return detailFor(data, caller, person._id)
  },
}

export const team: Action<'care', 'team'> = {
  target: (p, data) => personHome(data, p.personId),
  async handle({ payload, caller, data, target }) {
    const care = await data.carePersons.get(payload.personId)
    if (!care || !care.active || !target) throw new AppError('CARE_NOT_MARKED')
    const communityPath = ancestorPath(care.homePath, 'community') as string
    const ids = CARE_SLOTS.flatMap((s) => (payload.team[s] ? [payload.team[s]] : []))
    const helpers = byId(await data.people.byIds(ids))
    const roleUnits = byId(await data.units.byIds([...helpers.values()].flatMap((p) => p.roles.map((r) => r.unitId))))
    const allowed = (id: string) => {
      const h = helpers.get(id)
      const paths = (h?.roles ?? []).flatMap((r) => {
        const u = roleUnits.get(r.unitId)
        return u ? [u.path] : []
      })
      return mayHelp(h, paths, care._id, communityPath)
    }
    if (teamProblem(payload.team, allowed)) throw new AppError('CARE_HELPER_INVALID')
    const newTeam = Object.fromEntries(
      CARE_SLOTS.map((s): [string, CareHelper | null] => {
        const id = payload.team[s]
        const h = id ? helpers.get(id) : undefined
        return [s, h ? { personId: h._id, name: h.name } : null]
      }),
    ) as typeof care.team
    await data.transaction(async (tx) => {
      const now = new Date()
      const fresh = await tx.carePersons.get(care._id)
      if (!fresh || !fresh.active) throw new AppError('CARE_NOT_MARKED')
      await tx.carePersons.update(care._id, { team: newTeam, helperIds: helperIdsOf(newTeam), updatedAt: now })
      await recordActInTx(
        tx,
        careActId(care._id, 'team', now),
        caller,
        {
          action: 'care.team',
          unit: target,
          subjectIds: [care._id, ...helperIdsOf(newTeam)],
          note: CARE_SLOTS.map((s) => `${CARE_SLOT_LABELS[s]}：${newTeam[s]?.name ?? '空缺'}`).join('；'),
        },
        now,
      )
    })
    return detailFor(data, caller, care._id)
  },
}

export const findPeople: Action<'care', 'findPeople'> = {
  target: (p) => p.unitId,
  async handle({ payload, data, target }) {
    const community = target ? await data.units.get(ancestorAt(target.path, 'community') ?? '') : null
    if (!community) throw new AppError('INVALID_PAYLOAD', '请选择社区或其中的网格')
    // the search is shared with duty.findPeople (server/people-search.ts)
    const page = await findPeopleNamed(data, { community, name: payload.name, limit: CARE_LIMITS.found })
    const rows: FoundPerson[] = page.rows.map((r) => ({
      personId: r.person._id,
      name: r.person.name,
      where: r.where,
      joined: !!r.person.openid,
    }))
    return { rows: rows.slice(0, CARE_LIMITS.found) }
  },
}
