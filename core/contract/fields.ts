/** Payload fields shared by several actions, with the limits the functions enforce. */
import { z } from 'zod'

/** The longest display name, and the digits of a mainland mobile number: pages cap their inputs with these. */
export const FIELD_LIMITS = { name: 30, phone: 11 } as const

export const unitId = z.string().min(1).max(64)
export const recordId = z.string().min(1).max(64)
/** Where the next page of a unit's children starts: the `nextCursor` a page before gave, passed back as it was. */
export const childCursor = z.string().min(1).max(500)
/** A display name: a unit (第3网格, 5栋) or a person (王秀英). */
export const displayName = z.string().trim().min(1).max(FIELD_LIMITS.name)
/** Mainland mobile numbers: 11 digits starting with 1. */
export const mobile = z
  .string()
  .regex(new RegExp(`^1[3-9]\\d{${FIELD_LIMITS.phone - 2}}$`), `手机号应为 ${FIELD_LIMITS.phone} 位数字`)
/** A cloud storage file id (cloud://…) as uploadFile returns it. */
export const fileID = z.string().min(1).max(512)
