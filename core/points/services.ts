/**
 * Services offered for points (积分兑换): who sees one, whether a person may redeem it now, and how its stock
 * moves. Stock is never negative; a person's vouchers of a service (active or used) never exceed its limit.
 */
import type { ServiceDoc } from '../model'
import { ancestorAt } from '../units'

/** The longest a service may stay redeemable, from now. */
export const VALID_DAYS_MAX = 730

/** The units a resident is served by: their grid and their community (from their home's path). */
export function servedUnitsOf(homePath: string | undefined): string[] {
  if (!homePath) return []
  return [ancestorAt(homePath, 'grid'), ancestorAt(homePath, 'community')].filter((u): u is string => !!u)
}

/** Whether a service is offered to a resident with this home. */
export const serves = (s: Pick<ServiceDoc, 'unitIds'>, homePath: string | undefined): boolean =>
  servedUnitsOf(homePath).some((u) => s.unitIds.includes(u))

export type RedeemRefusal = 'SERVICE_CLOSED' | 'SERVICE_SOLD_OUT' | 'SERVICE_LIMIT_REACHED'

/** Why the person cannot redeem the service now (held: their vouchers of it, active or used); null when they can. */
export function redeemRefusal(
  s: Pick<ServiceDoc, 'status' | 'validUntil' | 'stock' | 'perPersonLimit'>,
  held: number,
  now: Date,
): RedeemRefusal | null {
  if (s.status !== 'open' || +new Date(s.validUntil) <= +now) return 'SERVICE_CLOSED'
  if (s.stock <= 0) return 'SERVICE_SOLD_OUT'
  if (held >= s.perPersonLimit) return 'SERVICE_LIMIT_REACHED'
  return null
}

/** Stock after adding (or taking, when negative) `delta`; null when it would go below zero. */
export const stockAfter = (stock: number, delta: number): number | null => (stock + delta < 0 ? null : stock + delta)

/** Why a service's redeem-until date is not acceptable (Chinese), or null. */
export function validUntilProblem(validUntil: Date, now: Date): string | null {
  if (Number.isNaN(+validUntil)) return '兑换截止时间不对'
  if (+validUntil <= +now) return '兑换截止时间应晚于现在'
  if (+validUntil > +now + VALID_DAYS_MAX * 86_400_000) return `兑换截止时间最多在 ${VALID_DAYS_MAX} 天以后`
  return null
}
