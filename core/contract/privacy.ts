/** The `privacy` function: a person's own data (export, deletion) and the audit log of unmasked reads. */
import { z } from 'zod'
import type { MyCare } from './care'
import type { MyCouncil } from './council'
import type {
  AuditDoc,
  ClaimDoc,
  PersonDoc,
  RequestDoc,
  RequestEventDoc,
  ShiftSignupDoc,
  SignupDoc,
  TransferDoc,
  VoucherDoc,
} from '../model'
import type { Unit } from '../units'
import type { CallUpAnswer, MicroGridKind, ReserveKind, ReserveSkill } from './emergency'
import { unitId } from './fields'

export const privacyPayloads = {
  /** Everything stored about the caller (PIPL Art. 45), as JSON. */
  exportMyData: z.object({}).strict(),
  /** Deletes the caller's personal data (PIPL Art. 47): name, phone, openid and roles go; the id stays,
   * anonymised, only where the ledger and request history need it. `confirm` must be true. */
  requestDeletion: z.object({ confirm: z.literal(true) }).strict(),
  /** The audit log of a community (or a grid in it), newest first. */
  auditLog: z
    .object({
      unitId,
      page: z.number().int().min(0).max(10_000).default(0),
      pageSize: z.number().int().min(1).max(100).default(20),
    })
    .strict(),
}

/** A stored document as the client receives it: dates as ISO strings. */
export type Json<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | undefined ? string | undefined : T[K]
}

export interface MyData {
  exportedAt: string
  person: Json<Omit<PersonDoc, 'openid'>>
  household: Pick<Unit, '_id' | 'name'> | null
  /** Their claims to households (the openid, like the person's, is left out). */
  claims: Json<Omit<ClaimDoc, 'openid'>>[]
  /** Who has seen this person's data in full, and when. */
  seenBy: { actorName: string; action: string; at: string }[]
  /** Their volunteer points: balance and what expires when, every ledger entry of their account, sign-ups with
   * attendance, hours, vouchers and teams. */
  points: MyPoints
  /** Their requests (诉求): what they reported, what they follow, every move they made on one. */
  requests: MyRequests
  /** Emergency mode: their reserve registration, call-up answers, duty seats and handover notes, and their
   * household's testing slots (core/privacy/emergency.ts). */
  emergency: MyEmergency
  /** Home isolation: their household's isolations with each task's state and taker, and the tasks they finished as a
   * volunteer (core/privacy/isolation.ts). */
  isolation?: MyIsolation
  /** Care (关爱对象, 四包一): their own care record, the care teams they sit on, the daily checks they made
   * (core/privacy/care.ts). */
  care?: MyCare
  /** The 战时网格 they led or lead (emergency mode; core/privacy/wartime.ts). */
  wartime?: MyWartime
  /** The council (三长议事): the proposals they raised and the ones they support or supported (core/privacy/council.ts). */
  council?: MyCouncil
}

/** A 战时网格 the person was named to lead, newest first: what it covered and whether it is still in force. */
export interface MyWartime {
  led: {
    name: string
    kind: MicroGridKind
    emergencyName: string
    gridName: string
    buildings: string[]
    createdAt: string
    retiredAt: string | null
  }[]
}

export interface MyIsolation {
  household: {
    id: string
    startDay: string
    lastDay: string
    reason: string
    status: 'active' | 'ended'
    endedAt: string | null
    tasks: {
      kind: 'supplies' | 'garbage'
      day: string
      slot: string
      state: 'open' | 'claimed' | 'done' | 'cancelled'
      holderName: string | null
      doneAt: string | null
      receivedAt: string | null
    }[]
  }[]
  served: {
    taskId: string
    household: string
    kind: 'supplies' | 'garbage'
    day: string
    slot: string
    doneAt: string | null
    doneNote: string | null
    minutes: number
  }[]
}

export interface MyPoints {
  balance: number
  lots: { amount: number; expiresAt: string }[]
  /** Every movement of their account, newest first: `amount` is what it moved for them (+ earned, − spent). */
  ledger: (Pick<Json<TransferDoc>, '_id' | 'kind' | 'reason' | 'ref' | 'at' | 'expiresAt'> & { amount: number })[]
  /** Every sign-up, latest activity first, with its check-in, check-out, minutes and points. */
  signups: Json<SignupDoc>[]
  /** Totals of their confirmed attendance, and whether they stay off leaderboards. */
  hours: { minutes: number; points: number; activities: number; hidden: boolean; noShows: string[] } | null
  vouchers: Json<VoucherDoc>[]
  teams: {
    teamId: string
    name: string
    leader: boolean
    active: boolean
    minutes: number
    points: number
    joinedAt: string
  }[]
}

/** What requests stored about a person (core/privacy/requests.ts `myRequests`), each list newest first. */
export interface MyRequests {
  /** Every request they reported: what they told, where, how it stands, and their rating. */
  reported: {
    id: string
    category: RequestDoc['category']
    description: string
    place: { kind: RequestDoc['place']['kind']; label: string }
    anonymous: boolean
    urgent: boolean
    state: RequestDoc['state']
    createdAt: string
    updatedAt: string
    resolvedAt: string | null
    closedAt: string | null
    rating: RequestDoc['rating'] | null
    ratingComment: string | null
    ratedAt: string | null
  }[]
  /** The requests they pressed 我也遇到了 on (another's text is not theirs: category and state only). */
  followed: { id: string; category: RequestDoc['category']; state: RequestDoc['state']; since: string }[]
  /** Every move they made on a request — as its reporter, a follower, an errand's taker or a handler. */
  acted: {
    requestId: string
    seq: number
    move: RequestEventDoc['move']
    role: string
    label: string
    at: string
    note: string | null
    reason: string | null
  }[]
}

/** What emergency mode stored about a person (core/privacy/emergency.ts `myEmergency`), each list newest first. */
export interface MyEmergency {
  /** Their registration in the reserve force (应急力量), or null. */
  reserve: {
    name: string
    phone: string
    kind: ReserveKind
    skills: ReserveSkill[]
    skillsNote: string
    availability: string
    registeredAt: string
    updatedAt: string
  } | null
  /** Their answers to call-ups, and where staff assigned them. */
  answers: {
    callUpId: string
    emergencyName: string
    unitName: string
    answer: CallUpAnswer
    note: string
    answeredAt: string
    assignment: { place: string; unitName: string | null; at: string } | null
  }[]
  /** Their seats on duty shifts (卡口值守), with check-in, check-out, minutes and points. */
  shifts: {
    shiftId: string
    checkpoint: string
    startAt: string
    endAt: string
    status: ShiftSignupDoc['status']
    assigned: boolean
    checkInAt: string | null
    checkOutAt: string | null
    minutes: number | null
    points: number | null
  }[]
  /** The handover notes they left for the next shift. */
  handovers: { shiftId: string; checkpoint: string; note: string; at: string }[]
  /** Their household's testing slots (错时采样): when, whether they booked or moved it, when it was done. */
  testing: {
    round: string
    date: string
    door: string
    startAt: string
    bookedAt: string
    bookedByMe: boolean
    moves: number
    doneAt: string | null
  }[]
}

export interface AuditEntry extends Omit<Json<AuditDoc>, 'subjectIds' | 'claimIds'> {
  /** People, then visitors' claims, by their names as stored now (a deleted person shows as 已注销). */
  subjects: { id: string; name: string }[]
}

export interface PrivacyApi {
  exportMyData: { payload: z.input<typeof privacyPayloads.exportMyData>; result: MyData }
  requestDeletion: { payload: z.input<typeof privacyPayloads.requestDeletion>; result: { deleted: true } }
  auditLog: {
    payload: z.input<typeof privacyPayloads.auditLog>
    result: { total: number; page: number; pageSize: number; rows: AuditEntry[] }
  }
}
