/** Documents as stored in the cloud database (collection `people`; `units` is in units.ts). */
import type { RoleGrant } from './roles'

export interface PersonDoc {
  _id: string
  /** Set once the person has opened the mini-program; imported residents have none yet. */
  openid?: string
  name: string
  phone: string
  householdId?: string
  /** Path of the household, copied so "residents under X" is one prefix query. */
  homePath?: string
  roles: RoleGrant[]
  createdAt: Date
}
