/**
 * Who may see a person's care flags and daily checks (关爱对象): the person's care team (四包一), grid chiefs whose
 * grid holds the person's home, and community or street staff over it. Nobody else — not the building head or the
 * party leader of their building, not neighbours, merchants, departments or other residents — even where their
 * role lets them see the household itself (grid.households). A person's own 导出我的数据 is their own data and is
 * not decided here.
 */
import { CARE_LEADERS } from '../permissions'
import type { Role } from '../roles'
import { isWithin } from '../units'

export interface CareViewer {
  personId?: string
  grants: readonly { role: Role; path: string }[]
}

export interface CareSubject {
  /** Where the person lives (their household's path); none: nobody sees by role. */
  homePath?: string
  /** The person's care team, when they have a care record. */
  helperIds?: readonly string[]
}

/** Why a viewer may see: on the team, or by role over the home; null: they may not. */
export type CareAccess = 'helper' | 'leader' | null

/** Whether a grant of the viewer puts the home inside a role that sees care flags. */
export const leadsCare = (viewer: CareViewer, homePath: string | undefined): boolean =>
  !!homePath && viewer.grants.some((g) => CARE_LEADERS.includes(g.role) && isWithin(homePath, g.path))

/** Whether the viewer holds a care-seeing role over the whole of `unitPath` (a filter over a unit's households). */
export const leadsCareOver = (viewer: CareViewer, unitPath: string): boolean =>
  viewer.grants.some((g) => CARE_LEADERS.includes(g.role) && isWithin(unitPath, g.path))

export function careAccess(viewer: CareViewer, subject: CareSubject): CareAccess {
  if (leadsCare(viewer, subject.homePath)) return 'leader'
  if (viewer.personId && subject.helperIds?.includes(viewer.personId)) return 'helper'
  return null
}

export const maySeeCare = (viewer: CareViewer, subject: CareSubject): boolean => careAccess(viewer, subject) !== null
