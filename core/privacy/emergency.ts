/**
 * What emergency mode stored about a person (issue 12): their reserve registration (应急力量), their answers to
 * call-ups, their duty seats and the handover notes they left (卡口值守), and their household's testing slots (错时采样)
 * — gathered for their export (privacy.exportMyData), and what their deletion does with it
 * (cloudfunctions/privacy/emergency.ts):
 * - the reserve registration goes: it is who they are and how to reach them, and nothing counts it;
 * - each call-up answer stays with what was answered (到岗 or 不能到, and an assignment), its name, phone and note
 *   gone: the call-up's counts are caches of the answers, so keeping the answers keeps them true with no count
 *   moved (removing one would have to lower the count in its transaction, and the record would then say fewer came);
 * - their seats on shifts still to start are withdrawn (`seatsToWithdraw`), each in the seat transaction that frees
 *   the shift's count; every seat kept (running, done, confirmed with points) and every handover note they left
 *   carries the deleted name;
 * - their household's slot cards are the household's (it still has to be tested), not theirs: they stay as they are.
 */
import type { MyEmergency } from '../contract/privacy'
import type {
  CallUpAnswerDoc,
  CallUpDoc,
  CheckpointDoc,
  ReserveMemberDoc,
  ShiftDoc,
  ShiftSignupDoc,
  TestingBookingDoc,
  TestingRoundDoc,
} from '../model'

export interface EmergencyFacts {
  reserve: ReserveMemberDoc | null
  answers: readonly CallUpAnswerDoc[]
  /** The call-ups of `answers` (missing ones are left out of the names). */
  callUps: readonly Pick<CallUpDoc, '_id' | 'emergencyName' | 'unitName' | 'message'>[]
  seats: readonly ShiftSignupDoc[]
  /** The shifts whose handover note they left. */
  handovers: readonly ShiftDoc[]
  /** The checkpoints of `seats` and `handovers`. */
  checkpoints: readonly Pick<CheckpointDoc, '_id' | 'name' | 'place'>[]
  /** Their household's bookings (none without a household). */
  bookings: readonly TestingBookingDoc[]
  rounds: readonly Pick<TestingRoundDoc, '_id' | 'name' | 'date'>[]
  personId: string
}

export const noEmergency = (personId: string): EmergencyFacts => ({
  reserve: null,
  answers: [],
  callUps: [],
  seats: [],
  handovers: [],
  checkpoints: [],
  bookings: [],
  rounds: [],
  personId,
})

const iso = (d: Date | string): string => new Date(d).toISOString()
const iso0 = (d: Date | string | null | undefined): string | null => (d ? iso(d) : null)
const newestFirst = <T>(rows: readonly T[], at: (r: T) => Date | string): T[] =>
  [...rows].sort((a, b) => +new Date(at(b)) - +new Date(at(a)))

/** Their emergency-mode data as the export carries it: dates as ISO text, newest first, no other person's id. */
export function myEmergency(f: EmergencyFacts): MyEmergency {
  const callUp = new Map(f.callUps.map((c) => [c._id, c]))
  const checkpoint = new Map(f.checkpoints.map((c) => [c._id, c]))
  const round = new Map(f.rounds.map((r) => [r._id, r]))
  const r = f.reserve
  return {
    reserve: r
      ? {
          name: r.name,
          phone: r.phone,
          kind: r.kind,
          skills: [...r.skills],
          skillsNote: r.skillsNote,
          availability: r.availability,
          registeredAt: iso(r.registeredAt),
          updatedAt: iso(r.updatedAt),
        }
      : null,
    answers: newestFirst(f.answers, (a) => a.answeredAt).map((a) => ({
      callUpId: a.callUpId,
      emergencyName: callUp.get(a.callUpId)?.emergencyName ?? '',
      unitName: callUp.get(a.callUpId)?.unitName ?? '',
      answer: a.answer,
      note: a.note,
      answeredAt: iso(a.answeredAt),
      assignment: a.assignment
        ? { place: a.assignment.place, unitName: a.assignment.unitName, at: iso(a.assignment.at) }
        : null,
    })),
    shifts: newestFirst(f.seats, (s) => s.startAt).map((s) => ({
      shiftId: s.shiftId,
      checkpoint: checkpoint.get(s.checkpointId)?.name ?? '',
      startAt: iso(s.startAt),
      endAt: iso(s.endAt),
      status: s.status,
      assigned: s.assignedBy !== null,
      checkInAt: iso0(s.checkInAt),
      checkOutAt: iso0(s.checkOutAt),
      minutes: s.minutes ?? null,
      points: s.points ?? null,
    })),
    handovers: newestFirst(
      f.handovers.filter((s) => s.handover?.by === f.personId),
      (s) => s.handover?.at ?? s.startAt,
    ).map((s) => ({
      shiftId: s._id,
      checkpoint: checkpoint.get(s.checkpointId)?.name ?? '',
      note: s.handover?.note ?? '',
      at: iso(s.handover?.at ?? s.startAt),
    })),
    testing: newestFirst(f.bookings, (b) => b.startAt).map((b) => ({
      round: round.get(b.roundId)?.name ?? '',
      date: round.get(b.roundId)?.date ?? '',
      door: b.door,
      startAt: iso(b.startAt),
      bookedAt: iso(b.bookedAt),
      bookedByMe: b.bookedBy === f.personId,
      moves: b.moves,
      doneAt: iso0(b.doneAt),
    })),
  }
}

/**
 * The seats a deletion withdraws: active, not checked in, of a shift not yet started nor confirmed (what the
 * person could still cancel themselves). A seat being worked or done stays, under the deleted name.
 */
export const seatsToWithdraw = (seats: readonly ShiftSignupDoc[], now: Date): ShiftSignupDoc[] =>
  seats.filter((s) => s.status === 'active' && !s.checkInAt && +new Date(s.startAt) > +now)
