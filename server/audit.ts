/**
 * The audit log of unmasked reads (PIPL Art. 51/55): every call in which a leader sees other people's phones or
 * rooms in full writes ONE entry naming them all. Append-only: entries are never updated, except that a person
 * who asks to be deleted loses their name as an actor (their id stays).
 */
import type { AuditedAction } from '../core/privacy/audit'
import type { Unit } from '../core/units'
import type { Caller } from './caller'
import type { Data, TxData } from './data'

export interface ReadRecord {
  /** The action that showed the data, e.g. 'grid.households': only labelled ones (core/privacy/audit.ts). */
  action: AuditedAction
  /** The unit the read was about; community staff read the log of everything under their community. */
  unit: Pick<Unit, '_id' | 'path'>
  /** Everyone whose data was shown in full. */
  subjectIds: readonly string[]
  /** Claims shown in full whose claimant is nobody's person yet (a visitor): named by the claim. */
  claimIds?: readonly string[]
}

/** Writes the entry of one read; a read that showed nobody in full writes nothing. */
export async function recordRead(data: Data, caller: Caller, read: ReadRecord): Promise<void> {
  const subjectIds = [...new Set(read.subjectIds)]
  const claimIds = [...new Set(read.claimIds ?? [])]
  if (!caller.person || subjectIds.length + claimIds.length === 0) return
  await data.audit.append({
    actorId: caller.person._id,
    actorName: caller.person.name,
    action: read.action,
    subjectIds,
    ...(claimIds.length ? { claimIds } : {}),
    unitId: read.unit._id,
    unitPath: read.unit.path,
    at: new Date(),
  })
}

/** An act staff must be able to review (a points adjustment): who did it, to whom, over which unit, and what. */
export interface ActRecord {
  action: AuditedAction
  unit: Pick<Unit, '_id' | 'path'>
  subjectIds: readonly string[]
  /** what was done, in Chinese */
  note: string
}

/**
 * Writes the entry of an act INSIDE the act's own transaction, under a deterministic id (the act's), so the entry
 * exists exactly when the act committed and a retry writes it once.
 */
export async function recordActInTx(tx: TxData, id: string, caller: Caller, act: ActRecord, at: Date): Promise<void> {
  if (!caller.person) return
  await tx.audit.set(id, {
    actorId: caller.person._id,
    actorName: caller.person.name,
    action: act.action,
    subjectIds: [...new Set(act.subjectIds)],
    unitId: act.unit._id,
    unitPath: act.unit.path,
    note: act.note,
    at,
  })
}
