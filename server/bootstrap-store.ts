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

/** The audit entry's _id: the bootstrap happens once per environment. */
export const BOOTSTRAP_AUDIT_ID = 'org.bootstrap'

type Doc = Record<string, unknown>
interface TxDocument {
  get(): Promise<{ data: Doc | null }>
  set(opts: { data: Doc }): Promise<unknown>
}
interface Tx {
  collection(name: string): { doc(id: string): TxDocument }
}

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
    async bootstrap(plan) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await write(plan)
        } catch (error) {
          // conflicts past the SDK's retries: a racing bootstrap won if its entry is there (ours wrote nothing);
          // if it is not there yet, the winner may still be committing: try again a moment later
          if ((await rows(db.collection('audit').where({ _id: BOOTSTRAP_AUDIT_ID }).limit(1))).length) return false
          if (attempt === 5) throw error
          await new Promise((r) => setTimeout(r, 20 + Math.random() * 80 * attempt))
        }
      }
    },
  }

  function write(plan: BootstrapPlan): Promise<boolean> {
    return db.runTransaction(async (tx: Tx) => {
      const marker = tx.collection('audit').doc(BOOTSTRAP_AUDIT_ID)
      if (await exists(marker)) return false
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
    }) as Promise<boolean>
  }
}

/** The SDK rejects get() of a missing document (throwOnNotFound): that answer is "no" here. */
async function exists(doc: TxDocument): Promise<boolean> {
  try {
    return (await doc.get()).data != null
  } catch (error) {
    if (/not exist/i.test(String((error as { errMsg?: unknown; message?: unknown }).errMsg ?? error))) return false
    throw error
  }
}

/** A document's fields without its _id (set takes the id from doc()). */
const strip = ({ _id, ...rest }: Unit): Doc => {
  void _id
  return rest
}
