/**
 * privacy.exportMyData (PIPL Art. 45) and privacy.requestDeletion (Art. 47): a person's own data, as JSON
 * (core/privacy/export.ts), and its deletion. Deletion anonymises the person in place: the id stays so the ledger
 * and request history still add up, but nothing in it names them any more, and their openid no longer signs them in.
 */
import { DELETED_NAME } from '../../../core/grid/phone-visibility'
import { myData } from '../../../core/privacy/export'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { anonymise } from '../anonymise'
import { careOf } from '../care'
import { councilOf } from '../council'
import { votesOf } from '../council-votes'
import { emergencyOf } from '../emergency'
import { isolationOf } from '../isolation'
import { requestsOf } from '../requests'
import { volunteeringOf } from '../volunteering'

/** The 战时网格 a person led that their export lists (a few per emergency at most). */
const WARTIME_LED = 100

export const exportMyData: Action<'privacy', 'exportMyData'> = {
  async handle({ caller, data }) {
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const [home, claims, points, requests, emergency, isolation, care, wartime, council] = await Promise.all([
      person.householdId ? data.units.get(person.householdId) : Promise.resolve(null),
      person.openid ? data.claims.of(person.openid) : Promise.resolve([]),
      volunteeringOf(data, person._id),
      requestsOf(data, person._id),
      emergencyOf(data, person),
      isolationOf(data, person),
      careOf(data, person),
      data.wartimeGrids.everLedBy(person._id, WARTIME_LED),
      councilOf(data, person),
    ])
    // council meetings and votes (H6): the person's votes, in the council part of the export
    const votes = await votesOf(data, person)
    // leaders saw them as a person, and (before they joined) through their claims
    const seen = await data.audit.about(
      person._id,
      claims.map((c) => c._id),
    )
    const actorNames = new Map((await data.people.byIds(seen.map((e) => e.actorId))).map((p) => [p._id, p.name]))
    return myData({
      person,
      home,
      claims,
      seen,
      actorNames,
      exportedAt: new Date(),
      points,
      requests,
      emergency,
      isolation,
      care,
      wartime,
      council: votes.length ? { ...council, votes } : council,
    })
  },
}

export const requestDeletion: Action<'privacy', 'requestDeletion'> = {
  async handle({ caller, data }) {
    if (!caller.person) throw new AppError('NOT_REGISTERED')
    await anonymise(data, caller.person, DELETED_NAME)
    return { deleted: true }
  },
}
