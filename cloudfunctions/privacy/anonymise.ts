/**
 * Deleting a person (privacy.requestDeletion, PIPL Art. 47): their personal data goes, their id stays where the
 * ledger and request history need it. Claims, the audit, subscriptions, the name on the notices they published and
 * on their relays go first and the person last, so a failure part way leaves the caller registered and able to ask
 * again: each step is idempotent.
 */
import type { PersonDoc } from '../../core/model'
import type { Data } from '../../server/data'

export async function anonymise(data: Data, person: PersonDoc, name: string): Promise<void> {
  // a claim keeps its household and decision for the request history; who made it goes
  if (person.openid) await data.claims.anonymiseOf(person.openid)
  await data.audit.renameActor(person._id, name)
  // no more messages: the subscriptions go (the WeChat identity is the person's, and goes with it below)
  await data.subscriptions.forget(person._id)
  // notices they published keep the unit that spoke (和平里社区 · 许玉兰 → 和平里社区); relays keep their note
  await data.notices.unsign(person._id, person.name)
  await data.relays.unsign(person._id)
  await data.people.anonymise(person._id, name, new Date())
}
