/**
 * `reportRuns`: the weeklyReports / monthlyReports timers' walk of one period (core/ids.ts reportRunId), the cursor
 * saved after every unit, so a firing cut short resumes where it stopped and a finished period is left alone.
 * Reads and writes by id only.
 */
import type { ReportRunDoc } from '../../core/model'
import type { Database } from '../cloud'
import { first } from './query'

export interface ReportRuns {
  get(id: string): Promise<ReportRunDoc | null>
  /** Writes the run whole (its cursor after each unit, its end). */
  put(doc: ReportRunDoc): Promise<void>
}

export function reportRuns(db: Database): ReportRuns {
  const col = () => db.collection('reportRuns')
  return {
    get: (id) => first<ReportRunDoc>(col().where({ _id: id })),
    async put({ _id, ...doc }) {
      await col().doc(_id).set({ data: doc })
    },
  }
}
