/**
 * A roster that passed every check (validate.ts), as the entries an import plans from (plan.ts), and the key
 * by which both match a household of the file to one the community has: building + unit + room.
 */
import type { CareFlag } from '../../model'
import type { HeadRole } from './heads'

export interface GridEntry {
  name: string
  row: number
}
export interface BuildingEntry {
  name: string
  grid: string
  wartime: boolean
  row: number
}
export interface PersonEntry {
  row: number
  name: string
  phone: string
  heads: HeadRole[]
  careFlags: CareFlag[]
}
export interface HouseholdEntry {
  row: number
  building: string
  entrance: string
  room: string
  people: PersonEntry[]
}
/** A roster that passed every check. */
export interface Roster {
  grids: GridEntry[]
  buildings: BuildingEntry[]
  households: HouseholdEntry[]
}

export const householdKey = (building: string, entrance: string, room: string): string =>
  `${building}\u0000${entrance}\u0000${room}`
