/**
 * The records the dashboard's period figures count, as events for the recount (core/dashboard/stats.ts
 * statsFor): pure, over documents read or seeded. A household's and a person's place is where they live now
 * (`homes`), as the live moves count them. Volunteering is every attended time the volunteer totals add
 * (server/volunteer-totals.ts addVolunteerTime): an activity's earned sign-up, a settled duty shift (`earned`), a
 * done isolation task — each counted where its person lives, or, with no home, in the community that paid
 * (`communities`), as countVolunteerInTx counts it; time of 0 minutes still makes an active volunteer.
 */
import type {
  CareAlertDoc,
  IsolationTaskDoc,
  NoticeDoc,
  PatrolDoc,
  PersonDoc,
  ReceiptDoc,
  ShiftSignupDoc,
  SignupDoc,
  TransferDoc,
} from '../model'
import { dayMoment, type StatEvent } from './stats'

export interface StatRecords {
  notices?: readonly NoticeDoc[]
  receipts?: readonly ReceiptDoc[]
  patrols?: readonly PatrolDoc[]
  careAlerts?: readonly CareAlertDoc[]
  transfers?: readonly TransferDoc[]
  signups?: readonly SignupDoc[]
  /** duty seats: the settled ones (`earned`) count */
  shiftSignups?: readonly ShiftSignupDoc[]
  /** isolation tasks: the done ones count for their holder */
  isolationTasks?: readonly IsolationTaskDoc[]
  people?: readonly Pick<PersonDoc, '_id' | 'homePath'>[]
  /** household id → its path */
  households?: ReadonlyMap<string, string>
  /** community id → its path: where a volunteer with no home counts (the community that paid) */
  communities?: ReadonlyMap<string, string>
  /** whether each notice the receipts are of is urgent, when those notices are not all in `notices` (a period's
   * receipts may be of a notice published before it) */
  urgency?: ReadonlyMap<string, boolean>
}

/** The community of a grid path (`/s/c/g/` → `c`). */
const communityOfPath = (path: string): string => path.split('/').filter(Boolean)[1] ?? ''

/** `person_<id>` → the person's id (accounts are named by kind and owner, core/ids.ts accountId). */
const personOf = (account: string): string | null => (account.startsWith('person_') ? account.slice(7) : null)

export function eventsFrom(r: StatRecords): StatEvent[] {
  const homes = new Map((r.people ?? []).map((p) => [p._id, p.homePath]))
  const urgent = new Map([
    ...(r.urgency ?? []),
    ...(r.notices ?? []).map((n) => [n._id, n.urgency === 'urgent'] as const),
  ])
  const out: StatEvent[] = []
  for (const n of r.notices ?? [])
    out.push({ kind: 'notice', at: new Date(n.publishedAt), unitPaths: n.unitPaths, urgent: n.urgency === 'urgent' })
  for (const x of r.receipts ?? []) {
    const householdPath = r.households?.get(x.householdId)
    if (householdPath)
      out.push({
        kind: 'receipt',
        at: new Date(x.at),
        householdPath,
        householdId: x.householdId,
        urgent: !!urgent.get(x.noticeId),
      })
  }
  for (const p of r.patrols ?? []) out.push({ kind: 'patrol', at: new Date(p.startedAt), gridPath: p.path })
  for (const a of r.careAlerts ?? []) out.push({ kind: 'careMissed', at: dayMoment(a.day), homePath: a.homePath })
  for (const t of r.transfers ?? []) {
    const to = personOf(t.to)
    const from = personOf(t.from)
    const earned = (t.kind === 'earn' || t.kind === 'grant') && to ? t.amount : 0
    const redeemed = t.kind === 'redeem' && from ? t.amount : t.kind === 'refund' && to ? -t.amount : 0
    const homePath = homes.get((earned || t.kind === 'refund' ? to : from) ?? '')
    if ((earned || redeemed) && homePath) out.push({ kind: 'points', at: new Date(t.at), homePath, earned, redeemed })
  }
  const volunteer = (personId: string, payingCommunityId: string, at: Date, minutes: number) => {
    const homePath = homes.get(personId) ?? r.communities?.get(payingCommunityId)
    if (homePath) out.push({ kind: 'volunteer', at, homePath, personId, minutes })
  }
  for (const s of r.signups ?? [])
    if (s.earnedAt) volunteer(s.personId, s.communityId, new Date(s.earnedAt), s.minutes ?? 0)
  for (const s of r.shiftSignups ?? [])
    if (s.status === 'earned' && s.earnedAt) volunteer(s.personId, s.communityId, new Date(s.earnedAt), s.minutes ?? 0)
  for (const t of r.isolationTasks ?? [])
    if (t.state === 'done' && t.doneAt && t.holderId)
      volunteer(t.holderId, t.communityId || communityOfPath(t.gridPath), new Date(t.doneAt), t.minutes)
  return out
}

/** The collections the recount reads, by name (a dump, the seed's records). */
export const STAT_COLLECTIONS = [
  'notices',
  'receipts',
  'patrols',
  'careAlerts',
  'transfers',
  'signups',
  'shiftSignups',
  'isolationTasks',
] as const

/** The recount's records from collections by name, with the units (households' and communities' paths). */
export function statRecordsOf(
  units: readonly { _id: string; level: string; path: string }[],
  people: readonly Pick<PersonDoc, '_id' | 'homePath'>[],
  records: Readonly<Record<string, readonly unknown[] | undefined>>,
): StatRecords {
  const pathsAt = (level: string) => new Map(units.filter((u) => u.level === level).map((u) => [u._id, u.path]))
  const out: StatRecords = { people, households: pathsAt('household'), communities: pathsAt('community') }
  for (const name of STAT_COLLECTIONS) Object.assign(out, { [name]: records[name] ?? [] })
  return out
}
