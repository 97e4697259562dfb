/**
 * privacy.exportMyData (PIPL Art. 45) and privacy.requestDeletion (Art. 47): a person's own data, as JSON, and
 * its deletion. Deletion anonymises the person in place: the id stays so the ledger and request history still
 * add up, but nothing in it names them any more, and their openid no longer signs them in.
 */
import type { MyData, ParsedPayload } from '../../../core/contract'
import { DELETED_NAME } from '../../../core/grid/phone-visibility'
import { AppError } from '../../../server/errors'
import { privacyStore } from '../../../server/privacy-store'
import type { ActionDef } from '../../../server/router'
import { iso, json } from '../json'

export const exportMyData: ActionDef<ParsedPayload<'privacy', 'exportMyData'>, MyData> = {
  async handle({ caller, repo }) {
    const person = caller.person
    if (!person) throw new AppError('NOT_REGISTERED')
    const store = privacyStore()
    const [home, claims] = await Promise.all([
      person.householdId ? repo.unit(person.householdId) : Promise.resolve(null),
      person.openid ? store.claimsOf(person.openid) : Promise.resolve([]),
    ])
    // leaders saw them as a person, and (before they joined) through their claims
    const seen = await store.auditAbout(
      person._id,
      claims.map((c) => c._id),
    )
    const actors = new Map((await store.people(seen.map((e) => e.actorId))).map((p) => [p._id, p.name]))
    // the openid is how WeChat identifies the caller to this app: of no use to them, and not to be carried around
    const withoutOpenid = <T extends { openid?: string }>({ openid, ...rest }: T): Omit<T, 'openid'> => (
      void openid,
      rest
    )
    return {
      exportedAt: new Date().toISOString(),
      person: json(withoutOpenid(person)),
      household: home ? { _id: home._id, name: home.name } : null,
      claims: claims.sort((a, b) => +new Date(b.createdAt) - +new Date(a.createdAt)).map((c) => json(withoutOpenid(c))),
      seenBy: seen.map((e) => ({ actorName: actors.get(e.actorId) ?? e.actorName, action: e.action, at: iso(e.at) })),
    }
  },
}

export const requestDeletion: ActionDef<ParsedPayload<'privacy', 'requestDeletion'>, { deleted: true }> = {
  async handle({ caller }) {
    if (!caller.person) throw new AppError('NOT_REGISTERED')
    await privacyStore().anonymise(caller.person, DELETED_NAME)
    return { deleted: true }
  },
}
