/**
 * The volunteering rules a community may set for itself (after Engelsystem's config and the city schemes in
 * ../shared research), and the product's defaults that hold until its staff change them. They are stored per
 * community (the `pointsSettings` collection, validated by ./settings.ts) and read by the handlers that apply
 * them; the pure rules here take them as an argument and fall back to these defaults. Per activity,
 * cancelBeforeHours (its default comes from here) and each role's points rule are set when it is posted.
 */
import type { ExpiryRule } from './expiry'

/** The roles whose grants and deductions are limited per Beijing month (core/permissions.ts ADJUSTERS). */
export const ADJUSTER_ROLES = ['partyLeader', 'gridChief', 'communityStaff', 'streetStaff'] as const
export type AdjusterRole = (typeof ADJUSTER_ROLES)[number]

export interface VolunteerRules {
  /** Cancelling later than this many hours before the start counts as a no-show (the default of a new activity). */
  cancelBeforeHours: number
  /** This many no-shows within `noShowWindowDays` … */
  noShowLimit: number
  noShowWindowDays: number
  /** … bar signing up for this many days after the last of them. */
  barDays: number
  /** Check-in opens this many minutes before the start and closes this many after it; check-out the same around the end. */
  checkOpensBeforeMinutes: number
  checkClosesAfterMinutes: number
  /** Night hours (北京时间) for a role's night multiplier: from nightFromHour:00 to nightToHour:00 (equal: none). */
  nightFromHour: number
  nightToHour: number
  /** Star levels (星级志愿者) by total hours, lowest first (1 to 5 levels). */
  starHours: readonly number[]
  /** Teams one person may belong to at once. */
  teamLimit: number
  /** When earned and granted points expire; null: the environment's rule (POINTS_EXPIRY, docs/deploy.md). */
  expiry: ExpiryRule | null
  /** Points per Beijing month each role may grant and deduct in total (core/points/adjustments.ts). */
  adjustLimits: Record<AdjusterRole, { grant: number; deduct: number }>
}

/** The defaults (the 红山 street's figures): what a community that set nothing lives by. */
export const VOLUNTEER_RULES: VolunteerRules = {
  cancelBeforeHours: 3,
  noShowLimit: 2,
  noShowWindowDays: 365,
  barDays: 30,
  checkOpensBeforeMinutes: 30,
  checkClosesAfterMinutes: 60,
  nightFromHour: 22,
  nightToHour: 6,
  starHours: [100, 300, 600, 1000, 1500],
  teamLimit: 5,
  expiry: null,
  adjustLimits: {
    partyLeader: { grant: 200, deduct: 100 },
    gridChief: { grant: 500, deduct: 200 },
    communityStaff: { grant: 2000, deduct: 1000 },
    streetStaff: { grant: 5000, deduct: 2000 },
  },
}
