/** The reserve force as the client sees it: members, call-ups, answers and assignments. */
import type { AnswerView, Assignment, CallUpView, MyCallUp, ReserveView } from '../../core/contract/emergency'
import type { CallUpAnswerDoc, CallUpDoc, EmergencyDoc, ReserveMemberDoc } from '../../core/model'
import type { Unit } from '../../core/units'
import { iso } from '../../server/views'

export const reserveView = (
  m: ReserveMemberDoc,
  place: Pick<Unit, '_id' | 'name' | 'level'> | undefined,
): ReserveView => ({
  personId: m.personId,
  name: m.name,
  phone: m.phone,
  kind: m.kind,
  skills: m.skills,
  skillsNote: m.skillsNote,
  availability: m.availability,
  place: place
    ? { id: place._id, name: place.name, level: place.level }
    : { id: m.unitId, name: '', level: 'household' },
  registeredByName: m.registeredByName,
  updatedAt: iso(m.updatedAt),
})

export const callUpView = (c: CallUpDoc): CallUpView => ({
  id: c._id,
  emergencyId: c.emergencyId,
  emergencyName: c.emergencyName,
  unit: { id: c.unitId, name: c.unitName, level: c.unitLevel },
  kinds: c.kinds,
  skills: c.skills,
  message: c.message,
  createdByName: c.createdByName,
  createdAt: iso(c.createdAt),
  coming: c.coming,
  cannot: c.cannot,
  assigned: c.assigned,
})

const assignmentView = (a: CallUpAnswerDoc['assignment']): Assignment | null =>
  a
    ? {
        place: a.place,
        unit: a.unitId && a.unitName && a.unitLevel ? { id: a.unitId, name: a.unitName, level: a.unitLevel } : null,
        byName: a.byName,
        at: iso(a.at),
      }
    : null

export const answerView = (a: CallUpAnswerDoc): AnswerView => ({
  personId: a.personId,
  name: a.name,
  phone: a.phone,
  kind: a.kind,
  answer: a.answer,
  note: a.note,
  answeredAt: iso(a.answeredAt),
  assignment: assignmentView(a.assignment),
})

export const myCallUp = (c: CallUpDoc, a: CallUpAnswerDoc | undefined, e: EmergencyDoc | undefined): MyCallUp => ({
  ...callUpView(c),
  myAnswer: a?.answer ?? null,
  myNote: a?.note ?? '',
  assignment: assignmentView(a?.assignment ?? null),
  // a call-up whose emergency is gone is not answered any more either
  ended: !e || e.endedAt !== null,
})
