/**
 * The 战时网格 a person was named to lead (emergency mode), for their own export (privacy.exportMyData): what each
 * covered and whether it is still in force. On their deletion the records stay with the leader's name gone
 * (cloudfunctions/privacy/anonymise.ts, wartimeGrids.forgetLeader).
 */
import type { MyWartime } from '../contract/privacy'
import type { WartimeGridDoc } from '../model'

const iso = (d: Date | string): string => new Date(d).toISOString()

export function myWartime(led: readonly WartimeGridDoc[]): MyWartime {
  return {
    led: [...led]
      .sort((a, b) => +new Date(b.createdAt) - +new Date(a.createdAt))
      .map((w) => ({
        name: w.name,
        kind: w.kind,
        emergencyName: w.emergencyName,
        gridName: w.gridName,
        buildings: [...w.buildingNames],
        createdAt: iso(w.createdAt),
        retiredAt: w.retiredAt ? iso(w.retiredAt) : null,
      })),
  }
}
