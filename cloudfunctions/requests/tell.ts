/**
 * Telling people about a move, by subscribe message (as notices and volunteering do, server/recipients.ts): the
 * reporter and followers when the state changed, the new owner when the request reached them (上报, 吹哨派单, the
 * timer's 超时自动上报, a return down a level). After the transaction: a message that fails never undoes the move, and
 * each message is spent with the purpose request:<id>:<seq>, so a retried move or firing tells nobody twice.
 */
import type { RequestDoc, RequestEventDoc } from '../../core/model'
import { ownerGrant } from '../../core/requests/machine'
import { REQUEST_TEMPLATE, requestMessage, requestPurpose, whoToTell, type Tell } from '../../core/requests/messages'
import type { Data } from '../../server/data'
import { spendAndSendAs, type Recipient } from '../../server/recipients'
import { byId } from '../../server/views'

/** The people who own the request at its current level (whose inbox it is in). */
export async function ownersOf(data: Data, r: RequestDoc): Promise<string[]> {
  const unitIds =
    r.level === 'grid'
      ? [r.gridId, ...(r.buildingId ? [r.buildingId] : [])]
      : r.level === 'community'
        ? [r.communityId]
        : [r.streetId]
  const [people, units] = await Promise.all([data.people.holdingRolesOver(unitIds), data.units.byIds(unitIds)])
  const paths = new Map(units.map((u) => [u._id, u.path]))
  return people
    .filter((p) => !p.deletedAt)
    .filter((p) =>
      ownerGrant(
        r,
        p.roles.flatMap((g) => {
          const path = paths.get(g.unitId)
          return path ? [{ ...g, path }] : []
        }),
      ),
    )
    .map((p) => p._id)
}

/**
 * The people among `personIds` who accepted a request message and can be sent one: not deleted, with a WeChat
 * identity. Unlike a notice's subscribers, a handler need not live in the area (a department's or the street's staff
 * often do not), so no home is required.
 */
async function recipientsOf(data: Data, personIds: readonly string[]): Promise<Recipient[]> {
  const subs = await data.subscriptions.ofPeople(personIds, REQUEST_TEMPLATE.id)
  const people = byId(await data.people.byIds(subs.map((s) => s.personId)))
  return subs.flatMap((sub): Recipient[] => {
    const p = people.get(sub.personId)
    if (!p || p.deletedAt || !p.openid) return []
    return [{ sub, personId: p._id, openid: p.openid, homePath: p.homePath ?? sub.homePath }]
  })
}

/** Sends one message to each person (who subscribed to the template); how many WeChat took. */
async function send(data: Data, personIds: readonly string[], r: RequestDoc, tell: Tell, e: RequestEventDoc) {
  const ids = [...new Set(personIds)]
  if (!ids.length) return 0
  const recipients = await recipientsOf(data, ids)
  const note = `${e.actorLabel}：${e.note ?? e.reason ?? ''}`.replace(/：$/, '')
  const results = await Promise.all(
    recipients.map((to) =>
      spendAndSendAs(
        data,
        to,
        requestMessage(r, tell, note, e.at, { openid: to.openid, templateId: to.sub.templateId }),
        `requests ${r._id}`,
        requestPurpose(r._id, e.seq),
      ),
    ),
  )
  return results.filter((s) => s === 'sent').length
}

/**
 * Tells whoever a move concerns (core/requests/messages.ts whoToTell): `followers` are the people attached to the
 * request (its reporter among them); the actor is never told of their own move. Failures are logged, never thrown.
 */
export async function tellAbout(
  data: Data,
  before: RequestDoc | null,
  after: RequestDoc,
  event: RequestEventDoc,
  followers: readonly string[],
): Promise<number> {
  try {
    const who = whoToTell(before, after)
    const others = (ids: readonly string[]) => ids.filter((id) => id !== event.actorId)
    let sent = 0
    if (who.followers) sent += await send(data, others(followers), after, { kind: 'state', state: after.state }, event)
    if (who.owner) sent += await send(data, others(await ownersOf(data, after)), after, { kind: 'owner' }, event)
    return sent
  } catch (error) {
    console.warn(`[requests tell] ${after._id} #${event.seq} failed`, error)
    return 0
  }
}
