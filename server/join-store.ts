/**
 * The database as the `join` function needs it: invites, claims, group bindings, and the few writes to
 * `people` that joining and leaving make. Like repository.ts, every query shape lives here, next to the indexes
 * of core/schema.ts that serve it (invites by _id, claims openid_1 and status_1_householdPath_1, groups by _id
 * and gridId_1, units parentId_1, people householdId_1 / openid_1). Compare-and-set steps run in transactions:
 * a transaction may only touch single documents, so what must be queried is read before it starts.
 */
import { createHash } from 'node:crypto'
import type { ClaimDoc, GroupDoc, InviteDoc, PersonDoc } from '../core/model'
import type { Unit } from '../core/units'
import { getDatabase, type Database } from './cloud'
import { type Query, rows, all, total, pathPrefix } from './query'
import { subscriptionStore } from './subscription-store'
import { transaction, type Tx } from './transaction'

/** A claim being decided: the people to write are found before the transaction (queries are not allowed in it). */
export interface Decision {
  claimId: string
  approve: boolean
  reason?: string
  decidedBy: string
  household: Unit
  /** The person already carrying the claimant's openid (a leader living elsewhere, a resident moving in). */
  claimant: PersonDoc | null
  /** An imported member of the household with the claim's name and phone and no openid yet. */
  twin: PersonDoc | null
}

export type DecideOutcome = { ok: true; claim: ClaimDoc } | { ok: false }

export type BindOutcome = { bound: GroupDoc; created: boolean }

export interface JoinStore {
  addInvite(doc: InviteDoc): Promise<void>
  invite(token: string): Promise<InviteDoc | null>
  /** The join posters of a unit not yet revoked (expired ones too), newest first (invites unitId_1). */
  postersOf(unitId: string): Promise<InviteDoc[]>
  /** Revokes an invite: its token stops opening anything. */
  revokeInvite(token: string, at: Date): Promise<void>
  /** Every household of a micro-grid, retired ones left out. */
  householdsOf(microgridId: string): Promise<Unit[]>
  householdMembers(householdId: string): Promise<PersonDoc[]>
  personByOpenid(openid: string): Promise<PersonDoc | null>
  /**
   * Adds a pending claim unless this openid has one pending (also one added at the same moment): `null` then.
   * The id is derived from the openid and how many claims it has made, so two concurrent claims collide on _id.
   */
  addClaim(doc: Omit<ClaimDoc, '_id'>): Promise<ClaimDoc | null>
  claim(id: string): Promise<ClaimDoc | null>
  claimsOf(openid: string): Promise<ClaimDoc[]>
  pendingClaimsUnder(path: string): Promise<ClaimDoc[]>
  /** Decides a pending claim; `{ ok: false }` when it was already decided (by someone else, a moment ago). */
  decide(decision: Decision): Promise<DecideOutcome>
  /** Takes the person out of their household: their notice subscriptions go, then resident role, householdId and
   * homePath in one update. */
  leave(person: PersonDoc): Promise<void>
  group(openGId: string): Promise<GroupDoc | null>
  groupsOf(gridId: string): Promise<GroupDoc[]>
  /** Binds a group unless it is bound already; the group's _id is its openGId, so only one first open wins. */
  bind(doc: GroupDoc): Promise<BindOutcome>
  unbind(openGId: string): Promise<void>
}

/** The service answers a duplicate _id with -502001 (DATABASE_DUPLICATE_WRITE). */
const isDuplicate = (error: unknown): boolean => {
  const e = error as { errCode?: unknown; code?: unknown; message?: unknown } | null
  return e?.errCode === -502001 || e?.code === 'DATABASE_DUPLICATE_WRITE' || /duplicate/i.test(String(e?.message))
}

export function createJoinStore(db: Database): JoinStore {
  const _ = db.command
  const col = (name: 'invites' | 'claims' | 'groups' | 'people' | 'units') => db.collection(name)
  const first = async <T>(query: Query): Promise<T | null> => (await rows<T>(query.limit(1)))[0] ?? null
  const pendingOf = (openid: string) => first<ClaimDoc>(col('claims').where({ openid, status: 'pending' }))

  return {
    async addInvite(doc) {
      await col('invites').add({ data: doc })
    },
    invite: (token) => first<InviteDoc>(col('invites').where({ _id: token })),
    async postersOf(unitId) {
      const docs = await all<InviteDoc>(
        col('invites').where({ unitId, kind: 'join', posterFileID: _.exists(true), revokedAt: _.exists(false) }),
      )
      return docs.sort((a, b) => +new Date(b.createdAt) - +new Date(a.createdAt))
    },
    async revokeInvite(token, at) {
      await col('invites')
        .doc(token)
        .update({ data: { revokedAt: at } })
    },
    householdsOf: (microgridId) =>
      all<Unit>(col('units').where({ parentId: microgridId, level: 'household', retired: _.neq(true) })),
    householdMembers: (householdId) => all<PersonDoc>(col('people').where({ householdId })),
    personByOpenid: (openid) => first<PersonDoc>(col('people').where({ openid })),
    async addClaim(doc) {
      // count first, then look for a pending claim: a concurrent claim either already shows as pending, or
      // counted the same number and collides on _id below
      const made = await total(col('claims').where({ openid: doc.openid }))
      if (await pendingOf(doc.openid)) return null
      const _id = createHash('sha256')
        .update(`${doc.openid}\n${made + 1}`)
        .digest('hex')
        .slice(0, 32)
      try {
        await col('claims').add({ data: { _id, ...doc } })
        return { _id, ...doc }
      } catch (error) {
        if (!isDuplicate(error)) throw error
      }
      // a collision is a concurrent claim, unless this openid's earlier claims were anonymised (privacy)
      if (await pendingOf(doc.openid)) return null
      const { _id: fresh } = (await col('claims').add({ data: doc })) as { _id: string }
      return { _id: fresh, ...doc }
    },
    claim: (id) => first<ClaimDoc>(col('claims').where({ _id: id })),
    async claimsOf(openid) {
      const claims = await all<ClaimDoc>(col('claims').where({ openid }))
      return claims.sort((a, b) => +new Date(b.createdAt) - +new Date(a.createdAt))
    },
    async pendingClaimsUnder(path) {
      const under = pathPrefix(db, path)
      const claims = await all<ClaimDoc>(col('claims').where({ status: 'pending', householdPath: under }))
      return claims.sort((a, b) => +new Date(a.createdAt) - +new Date(b.createdAt))
    },

    async decide(d) {
      const outcome = await transaction(db, (tx) => decideIn(tx, d))
      // someone already known moved in: what copies their home follows (a leave or a deletion drops it instead)
      if (outcome.ok && d.approve && d.claimant)
        await subscriptionStore(db).rehome(d.claimant._id, d.household.path, new Date())
      return outcome
    },

    async leave(person) {
      // the home goes first from what copies it: no message about the old building after this call, even if the
      // person update below fails (the call, repeated, finishes)
      await subscriptionStore(db).forget(person._id)
      await col('people')
        .doc(person._id)
        .update({
          data: {
            roles: person.roles.filter((g) => g.role !== 'resident'),
            householdId: _.remove(),
            homePath: _.remove(),
          },
        })
    },

    group: (openGId) => first<GroupDoc>(col('groups').where({ _id: openGId })),
    groupsOf: (gridId) => all<GroupDoc>(col('groups').where({ gridId })),
    async bind(doc) {
      try {
        await col('groups').add({ data: doc })
        return { bound: doc, created: true }
      } catch (error) {
        if (!isDuplicate(error)) throw error
        const existing = await first<GroupDoc>(col('groups').where({ _id: doc._id }))
        if (!existing) throw error
        return { bound: existing, created: false }
      }
    },
    async unbind(openGId) {
      await col('groups').doc(openGId).remove()
    },
  }
}

async function addPerson(
  tx: Tx,
  claim: ClaimDoc,
  home: { householdId: string; homePath: string },
  resident: PersonDoc['roles'][number],
): Promise<string> {
  const doc: Omit<PersonDoc, '_id'> = {
    openid: claim.openid,
    name: claim.name,
    phone: claim.phone,
    ...home,
    roles: [resident],
    createdAt: new Date(),
  }
  return (await tx.collection('people').add({ data: doc as unknown as Record<string, unknown> }))._id
}

let store: JoinStore | null = null

/** The store over the function's own database (one per warm instance, like the SDK itself). */
export const joinStore = (): JoinStore => (store ??= createJoinStore(getDatabase()))

/**
 * A claim decided inside one transaction; a second decider's update conflicts at the write, transaction() retries
 * it, and the re-read of the claim stops it.
 */
async function decideIn(tx: Tx, d: Decision): Promise<DecideOutcome> {
  const claimRef = tx.collection('claims').doc(d.claimId)
  const claim = (await claimRef.get()).data as ClaimDoc | null
  // the compare of compare-and-set: a second decider's transaction conflicts, retries, and stops here
  if (!claim || claim.status !== 'pending') return { ok: false }
  const decidedAt = new Date()
  if (!d.approve) {
    const patch = { status: 'rejected' as const, reason: d.reason ?? '', decidedBy: d.decidedBy, decidedAt }
    await claimRef.update({ data: patch })
    return { ok: true, claim: { ...claim, ...patch } }
  }
  const home = { householdId: d.household._id, homePath: d.household.path }
  const resident = { role: 'resident' as const, unitId: d.household._id }
  let personId: string
  if (d.claimant) {
    // already known by this openid: move them into the household, one resident role at a time
    const ref = tx.collection('people').doc(d.claimant._id)
    const current = ((await ref.get()).data ?? d.claimant) as PersonDoc
    const roles = [...current.roles.filter((g) => g.role !== 'resident'), resident]
    await ref.update({ data: { ...home, roles } })
    personId = d.claimant._id
  } else if (d.twin) {
    const ref = tx.collection('people').doc(d.twin._id)
    const current = (await ref.get()).data as PersonDoc | null
    if (current && !current.openid && current.householdId === d.household._id) {
      const roles = [...current.roles.filter((g) => g.role !== 'resident'), resident]
      await ref.update({ data: { ...home, roles, openid: claim.openid } })
      personId = d.twin._id
    } else {
      personId = await addPerson(tx, claim, home, resident)
    }
  } else {
    personId = await addPerson(tx, claim, home, resident)
  }
  const patch = { status: 'approved' as const, personId, decidedBy: d.decidedBy, decidedAt }
  await claimRef.update({ data: patch })
  return { ok: true, claim: { ...claim, ...patch } }
}
