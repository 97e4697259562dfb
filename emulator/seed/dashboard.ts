/**
 * The dashboard's period figures of the demo (数据看板, issue 13 item 3): unitStats and their statMarks recounted
 * from the seeded records themselves (core/dashboard/events.ts → core/dashboard/stats.ts recount), so the demo's
 * dashboards show the month's patrols, points, volunteering (activities, duty shifts, isolation tasks), missed care
 * checks, notices and reach, and every later move lands on counters equal to the records
 * (test/emulator/seed-dashboard.test.ts).
 */
import { eventsFrom, statRecordsOf } from '../../core/dashboard/events'
import { recount } from '../../core/dashboard/stats'
import { statMarkId, unitStatsId } from '../../core/ids'
import type { PersonDoc, StatMarkDoc, UnitStatsDoc } from '../../core/model'
import type { Unit } from '../../core/units'

export function seedDashboard({
  units,
  people,
  records,
}: {
  units: readonly Unit[]
  people: readonly PersonDoc[]
  records: Record<string, readonly object[]>
}): { unitStats: UnitStatsDoc[]; statMarks: StatMarkDoc[] } {
  const events = eventsFrom(statRecordsOf(units, people, records))
  const { stats, marks } = recount(events)
  // stamped with the latest record's time, so the same seed gives the same documents
  const at = new Date(Math.max(0, ...events.map((e) => +e.at)))
  return {
    unitStats: [...stats].map(([id, figures]) => {
      const cut = id.lastIndexOf('_')
      const unitId = id.slice(0, cut)
      const period = id.slice(cut + 1)
      return { _id: unitStatsId(unitId, period), unitId, period, ...figures, updatedAt: at }
    }),
    statMarks: marks.map((m) => ({ _id: statMarkId(m.period, m.figure, m.key), ...m })),
  }
}
