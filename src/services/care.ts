/**
 * The `care` function as pages see it (关爱对象 and 四包一): staff mark a person and name their team, grid chiefs and
 * staff read the list, helpers make the daily check and read their own list. Who may do what is decided on the cloud.
 */
import type { CareApi, CareListFilter, CareSlot } from '../../core/contract'
import { call } from './transport'

export type { CareDetail, CareMineRow, CareRow, CareSlot, CareListFilter, FoundPerson } from '../../core/contract'
export { CARE_LIMITS, CARE_SLOT_LABELS, CARE_SLOTS, CARE_CHECK_CUTOFF_HOUR } from '../../core/contract'
export { CARE_FLAGS, CARE_FLAG_LABELS, type CareFlag } from '../../core/model'

type R<A extends keyof CareApi> = CareApi[A]['result']

/** 关爱对象: a page of the care persons under a unit (all, or those with an open 未探访). */
export const listCarePersons = (unitId: string, filter: CareListFilter, cursor?: string): Promise<R<'list'>> =>
  call('care', 'list', { unitId, filter, ...(cursor ? { cursor } : {}) })

/** A care person's page (the team, the grid chief, staff). */
export const getCarePerson = (personId: string): Promise<R<'detail'>> => call('care', 'detail', { personId })

/** 我包联的: whom I look after and whether today's check is done. */
export const getMyCarePersons = (): Promise<R<'mine'>> => call('care', 'mine', {})

/** A helper's 打卡 for today (a second today updates it). */
export const checkOnCarePerson = (
  personId: string,
  seen: boolean,
  temperature: number | null,
  needs: string,
): Promise<R<'check'>> => call('care', 'check', { personId, seen, temperature, needs })

/** Staff: the care flags and a note; no flags: no longer a care person. */
export const markCarePerson = (personId: string, flags: R<'detail'>['flags'], note: string): Promise<R<'mark'>> =>
  call('care', 'mark', { personId, flags, note })

/** Staff: the four helpers (null: the seat stays empty). */
export const nameCareTeam = (personId: string, team: Record<CareSlot, string | null>): Promise<R<'team'>> =>
  call('care', 'team', { personId, team })

/** Staff: joined people of the unit's community by name (the helper picker, and whom to mark). */
export const findCarePeople = (unitId: string, name: string): Promise<R<'findPeople'>> =>
  call('care', 'findPeople', { unitId, name })
