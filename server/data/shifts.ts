/**
 * `shifts`: one duty shift of a checkpoint, core/ids.ts shiftId(checkpointId, startAt). Seats (`filled`, `free`)
 * and the handover note change only in transactions (tx.shifts); creation is add-once per id, so a template applied
 * twice writes nothing new. Reads are bounded: a checkpoint's shifts of one day (checkpointId_1_startAt_1), the one
 * that ended when another began (checkpointId_1_endAt_1), and a scope's shifts with free seats starting soon
 * (unitPath_1_free_1_startAt_1).
 */
import type { ShiftDoc } from '../../core/model'
import { eachBounded, WRITE_CONCURRENCY } from '../bounded'
import type { Database } from '../cloud'
import { addOnce, all, allIn, first, pathPrefix, rows, total } from './query'

/** The most shifts one day of a checkpoint may hold (SHIFT_BOUNDS.perDay per template, several templates). */
export const SHIFTS_PER_DAY_READ = 24

export interface Shifts {
  get(id: string): Promise<ShiftDoc | null>
  byIds(ids: readonly string[]): Promise<ShiftDoc[]>
  /** A checkpoint's shifts starting in [from, to), in order (at most `limit`, by default SHIFTS_PER_DAY_READ). */
  starting(checkpointId: string, from: Date, to: Date, limit?: number): Promise<ShiftDoc[]>
  /** The checkpoint's shift that ended exactly at `at` (the one before a shift starting then). */
  endingAt(checkpointId: string, at: Date): Promise<ShiftDoc | null>
  /** Shifts at or under a path with free seats starting in (from, to), soonest first; `more` when past `limit`. */
  withFreeSeats(path: string, from: Date, to: Date, limit: number): Promise<{ rows: ShiftDoc[]; more: boolean }>
  /** 日调度: how many shifts withFreeSeats holds over (from, to). */
  countWithFreeSeats(path: string, from: Date, to: Date): Promise<number>
  /** How many shifts start at or after `from` (the counters' repair: its walk, index startAt_1). */
  countFrom(from: Date): Promise<number>
  /** The shifts starting at or after `from` in (startAt, _id) order, `limit` after the first `skip` (the repair's
   * window of this firing). */
  pageFrom(from: Date, skip: number, limit: number): Promise<ShiftDoc[]>
  /** Adds each shift whose id is not taken yet; answers how many were new. */
  addMissing(docs: readonly ShiftDoc[]): Promise<number>
  /** The shifts whose handover note a person left (their export and deletion: index handover.by_1). */
  handedOverBy(personId: string): Promise<ShiftDoc[]>
  /** Puts `name` under every handover note a person left (their deletion: the note stays for the next shift). */
  renameHandovers(personId: string, name: string): Promise<void>
}

export function shifts(db: Database): Shifts {
  const _ = db.command
  const col = () => db.collection('shifts')
  return {
    get: (id) => first<ShiftDoc>(col().where({ _id: id })),
    byIds: (ids) => allIn<ShiftDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    starting: (checkpointId, from, to, limit = SHIFTS_PER_DAY_READ) =>
      rows<ShiftDoc>(
        col()
          .where({ checkpointId, startAt: _.gte(from).and(_.lt(to)) })
          .orderBy('startAt', 'asc')
          .limit(limit),
      ),
    endingAt: (checkpointId, at) => first<ShiftDoc>(col().where({ checkpointId, endAt: at })),
    async withFreeSeats(path, from, to, limit) {
      const found = await rows<ShiftDoc>(
        col()
          .where({ unitPath: pathPrefix(db, path), free: _.gt(0), startAt: _.gt(from).and(_.lt(to)) })
          .orderBy('startAt', 'asc')
          .limit(limit + 1),
      )
      return { rows: found.slice(0, limit), more: found.length > limit }
    },
    countWithFreeSeats: (path, from, to) =>
      total(col().where({ unitPath: pathPrefix(db, path), free: _.gt(0), startAt: _.gt(from).and(_.lt(to)) })),
    countFrom: (from) => total(col().where({ startAt: _.gte(from) })),
    pageFrom: (from, skip, limit) =>
      rows<ShiftDoc>(
        col()
          .where({ startAt: _.gte(from) })
          .orderBy('startAt', 'asc')
          .orderBy('_id', 'asc')
          .skip(skip)
          .limit(limit),
      ),
    async addMissing(docs) {
      let added = 0
      await eachBounded(docs, WRITE_CONCURRENCY, async (d) => {
        if (await addOnce(col(), d)) added++
      })
      return added
    },
    handedOverBy: (personId) => all<ShiftDoc>(col().where({ 'handover.by': personId })),
    async renameHandovers(personId, name) {
      await col()
        .where({ 'handover.by': personId })
        .update({ data: { 'handover.byName': name } })
    },
  }
}
