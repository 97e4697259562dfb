/**
 * `reports`: 周例会 / 月通报, one per community or street and period (core/ids.ts reportId). Reads: by id; a unit's
 * reports newest period first in keyset pages (indexes unitId_1_endsAt_-1, unitId_1_kind_1_endsAt_-1: a page costs
 * its rows); by ids (the timers' batches). Writes: `put` (the seed); generating and publishing write through
 * transactions (tx.reports re-reads the report: a regeneration keeps its id, createdAt and notice); a deletion renames
 * who generated and published it (generatedBy_1, notice.by_1).
 */
import type { PeriodKind } from '../../core/dashboard/stats'
import type { ReportDoc } from '../../core/model'
import type { KeysetCursor } from '../../core/requests/cursor'
import type { Database } from '../cloud'
import { allIn, first, rows } from './query'

export interface Reports {
  get(id: string): Promise<ReportDoc | null>
  byIds(ids: readonly string[]): Promise<ReportDoc[]>
  /** Up to `limit` of a unit's reports (of one kind, when given), newest period first, after the cursor. */
  ofUnit(
    unitId: string,
    kind: PeriodKind | undefined,
    after: KeysetCursor | undefined,
    limit: number,
  ): Promise<{ rows: ReportDoc[]; more: boolean }>
  /** Writes one report whole (the seed). */
  put(doc: ReportDoc): Promise<void>
  /** A deleted person's name off the reports they generated and published (privacy.requestDeletion; indexes
   * generatedBy_1, notice.by_1). Only those names change: the figures stay as generated. */
  renamePerson(personId: string, name: string): Promise<void>
}

export function reports(db: Database): Reports {
  const _ = db.command
  const col = () => db.collection('reports')
  return {
    get: (id) => first<ReportDoc>(col().where({ _id: id })),
    byIds: (ids) => allIn<ReportDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    async ofUnit(unitId, kind, after, limit) {
      const base = kind ? { unitId, kind } : { unitId }
      const where = after?.at
        ? _.or([
            { ...base, endsAt: _.lt(after.at) },
            { ...base, endsAt: after.at, _id: _.lt(after.id) },
          ])
        : base
      const found = await rows<ReportDoc>(
        col()
          .where(where)
          .orderBy('endsAt', 'desc')
          .orderBy('_id', 'desc')
          .limit(limit + 1),
      )
      return { rows: found.slice(0, limit), more: found.length > limit }
    },
    async put({ _id, ...doc }) {
      await col().doc(_id).set({ data: doc })
    },
    async renamePerson(personId, name) {
      await col()
        .where({ generatedBy: personId })
        .update({ data: { generatedByName: name } })
      await col()
        .where({ 'notice.by': personId })
        .update({ data: { 'notice.byName': name } })
    },
  }
}
