/**
 * Retiring a unit with its counters: the unit's flag, its own counter emptied and what it held taken off every
 * unit above it, in one transaction. Re-read inside: a unit already retired moves nothing.
 */
import { figuresOf, negate, ZERO } from '../../core/grid/counters'
import { pathIds } from '../../core/units'
import type { Data } from '../../server/data'
import { moveInTx } from '../../server/data/unit-counters'

export async function retireCounted(data: Data, unitId: string): Promise<void> {
  await data.transaction(async (tx) => {
    const unit = await tx.units.get(unitId)
    if (!unit || unit.retired) return
    await tx.units.update(unitId, { retired: true })
    const at = new Date()
    const held = unit.level === 'household' ? { ...ZERO, households: 1 } : figuresOf(await tx.unitCounters.get(unitId))
    if (unit.level !== 'household') await tx.unitCounters.set(unitId, { path: unit.path, ...ZERO, updatedAt: at })
    await moveInTx(tx, [{ ids: pathIds(unit.path).slice(0, -1), path: unit.path, delta: negate(held) }], at)
  })
}
