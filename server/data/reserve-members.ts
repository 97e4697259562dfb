/**
 * `reserveMembers`: one person of the reserve force (应急力量), _id = core/ids.ts reserveMemberId(personId), written
 * by emergency.register (set whole: a second registration replaces the first). Reads: by id; staff's list of a unit's
 * members filtered by kind and skill, newest registration first (index path_1_registeredAt_-1, or kind_1_path_1 with
 * a kind), one page at a time with the total; how many members a call-up reaches (a count, never a scan).
 */
import type { ReserveKind, ReserveSkill } from '../../core/contract/emergency'
import type { ReserveMemberDoc } from '../../core/model'
import type { Database } from '../cloud'
import { first, pathPrefix, rows, total } from './query'

export interface ReserveFilter {
  kinds?: readonly ReserveKind[]
  /** any of these (none: any skill or none) */
  skills?: readonly ReserveSkill[]
}

export interface ReserveMembers {
  get(personId: string): Promise<ReserveMemberDoc | null>
  put(doc: ReserveMemberDoc): Promise<void>
  /** Their deletion: the registration goes (no count is kept of it; a call-up counts answers). */
  remove(personId: string): Promise<void>
  /** Registered at or under `path` and matching the filter: one page and the total. */
  under(
    path: string,
    filter: ReserveFilter,
    skip: number,
    limit: number,
  ): Promise<{ rows: ReserveMemberDoc[]; more: boolean; total: number }>
  /** How many match: what a call-up reaches. */
  count(path: string, filter: ReserveFilter): Promise<number>
  /** Matching members in id order after `after`: a call-up's messages, one page at a time. */
  pageById(path: string, filter: ReserveFilter, after: string, limit: number): Promise<ReserveMemberDoc[]>
  /** A deleted staff member's name off what they did as staff (`registeredByName`; privacy.requestDeletion, any number of times). */
  renameStaff(personId: string, name: string): Promise<void>
}

export function reserveMembers(db: Database): ReserveMembers {
  const _ = db.command
  const col = () => db.collection('reserveMembers')
  const where = (path: string, f: ReserveFilter) => ({
    path: pathPrefix(db, path),
    ...(f.kinds?.length ? { kind: _.in([...f.kinds]) } : {}),
    ...(f.skills?.length ? { skills: _.in([...f.skills]) } : {}),
  })
  return {
    get: (personId) => first<ReserveMemberDoc>(col().where({ _id: personId })),
    async put({ _id, ...data }) {
      await col().doc(_id).set({ data })
    },
    async remove(personId) {
      await col().where({ _id: personId }).remove()
    },
    async under(path, filter, skip, limit) {
      const [found, all] = await Promise.all([
        rows<ReserveMemberDoc>(
          col()
            .where(where(path, filter))
            .orderBy('registeredAt', 'desc')
            .orderBy('_id', 'desc')
            .skip(skip)
            .limit(limit + 1),
        ),
        total(col().where(where(path, filter))),
      ])
      return { rows: found.slice(0, limit), more: found.length > limit, total: all }
    },
    count: (path, filter) => total(col().where(where(path, filter))),
    pageById: (path, filter, after, limit) =>
      rows<ReserveMemberDoc>(
        col()
          .where({ ...where(path, filter), _id: _.gt(after) })
          .orderBy('_id', 'asc')
          .limit(limit),
      ),
    async renameStaff(personId, name) {
      await col()
        .where({ registeredBy: personId })
        .update({ data: { registeredByName: name } })
    },
  }
}
