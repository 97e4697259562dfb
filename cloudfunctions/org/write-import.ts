/**
 * Writing an imported roster (core/org/roster/plan.ts): parents before children (grids, buildings, households,
 * then people, then edits of existing people), each document written once with an id chosen up front. A crash
 * midway leaves some of the file written; the same file imported again matches what is there by name and writes
 * only the rest.
 */
import type { ImportPlan } from '../../core/org/roster/plan'
import { eachBounded, WRITE_CONCURRENCY } from '../../server/bounded'
import type { Data } from '../../server/data'

export async function writeImport(data: Data, plan: ImportPlan): Promise<void> {
  for (const level of ['grid', 'microgrid', 'household'] as const) {
    const units = plan.units.filter((u) => u.level === level)
    await eachBounded(units, WRITE_CONCURRENCY, (u) => data.units.add(u))
  }
  await eachBounded(plan.wartime, WRITE_CONCURRENCY, (w) => data.units.update(w.id, { wartime: w.wartime }))
  await eachBounded(plan.people, WRITE_CONCURRENCY, (p) => data.people.add(p))
  await eachBounded(plan.updates, WRITE_CONCURRENCY, (u) => data.people.setRolesAndCare(u.id, u.roles, u.careFlags))
}
