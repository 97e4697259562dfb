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
  /** Registered volunteer (志愿者): may sign up for volunteer activities and earn points. */
  volunteer?: boolean
  /** Merchants (商户联盟): the shop they run, shown where they offer services for points. */
  shopName?: string
  createdAt: Date
}
