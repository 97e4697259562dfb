/**
 * The database as a fresh environment's first staff (org.bootstrap) needs it. The audit entry of the bootstrap
 * has a fixed _id and is written in the same transaction as the street, the community and the staff member: two
 * racing calls conflict on that one document, the loser retries, finds it and writes nothing, so at most one
 * bootstrap ever lands — and it stays on record for community staff to review.
 */
import type { AuditDoc, PersonDoc } from '../core/model'
import type { Unit } from '../core/units'
import { STAFF_ROLES } from '../core/permissions'
import { getDatabase, type Database } from './cloud'
import { rows } from './query'
import { getOrNull, transaction } from './transaction'

/** The audit entry's _id: the bootstrap happens once per environment. */
export const BOOTSTRAP_AUDIT_ID = 'org.bootstrap'

type Doc = Record<string, unknown>

export interface BootstrapPlan {
  street: Unit
  community: Unit
  /** The caller as a person: a new record, or theirs with the staff role added. */
  person: PersonDoc
}

export interface BootstrapStore {
  /** Whether anyone holds a staff role (or the bootstrap ran already). */
  anyStaff(): Promise<boolean>
  /** Writes the plan unless the bootstrap ran already: false then, and nothing was written. */
  bootstrap(plan: BootstrapPlan): Promise<boolean>
}

export function createBootstrapStore(db: Database = getDatabase()): BootstrapStore {
  const _ = db.command
  return {
    async anyStaff() {
      const [staff, done] = await Promise.all([
        rows(
          db
            .collection('people')
            .where({ 'roles.role': _.in([...STAFF_ROLES]) })
            .limit(1),
        ),
        rows(db.collection('audit').where({ _id: BOOTSTRAP_AUDIT_ID }).limit(1)),
      ])
      return staff.length > 0 || done.length > 0
    },
    // a racing bootstrap conflicts on the marker at the write; transaction() retries, and the re-read stops it
    bootstrap: (plan) =>
      transaction(db, async (tx) => {
        const marker = tx.collection('audit').doc(BOOTSTRAP_AUDIT_ID)
        if (await getOrNull(marker)) return false
        const { _id: personId, ...person } = plan.person
        await tx
          .collection('units')
          .doc(plan.street._id)
          .set({ data: strip(plan.street) })
        await tx
          .collection('units')
          .doc(plan.community._id)
          .set({ data: strip(plan.community) })
        await tx
          .collection('people')
          .doc(personId)
          .set({ data: person as unknown as Doc })
        const audit: Omit<AuditDoc, '_id'> = {
          actorId: plan.person._id,
          actorName: plan.person.name,
          action: 'org.bootstrap',
          subjectIds: [plan.person._id],
          unitId: plan.community._id,
          unitPath: plan.community.path,
          at: new Date(),
        }
        await marker.set({ data: audit as unknown as Doc })
        return true
      }),
  }
}

/** A document's fields without its _id (set takes the id from doc()). */
const strip = ({ _id, ...rest }: Unit): Doc => {
  void _id
  return rest
}
