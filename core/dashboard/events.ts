/**
 * The records the dashboard's period figures count, as events for the recount (core/dashboard/stats.ts
 * statsFor): pure, over documents read or seeded. A household's and a person's place is where they live now
 * (`homes`), as the live moves count them.
 */
import type { CareAlertDoc, NoticeDoc, PatrolDoc, PersonDoc, ReceiptDoc, SignupDoc, TransferDoc } from '../model'
import { dayMoment, type StatEvent } from './stats'

export interface StatRecords {
  notices?: readonly NoticeDoc[]
  receipts?: readonly ReceiptDoc[]
  patrols?: readonly PatrolDoc[]
  careAlerts?: readonly CareAlertDoc[]
  transfers?: readonly TransferDoc[]
  signups?: readonly SignupDoc[]
  people?: readonly Pick<PersonDoc, '_id' | 'homePath'>[]
  /** household id → its path */
  households?: ReadonlyMap<string, string>
}

/** `person_<id>` → the person's id (accounts are named by kind and owner, core/ids.ts accountId). */
const personOf = (account: string): string | null => (account.startsWith('person_') ? account.slice(7) : null)

export function eventsFrom(r: StatRecords): StatEvent[] {
  const homes = new Map((r.people ?? []).map((p) => [p._id, p.homePath]))
  const urgent = new Map((r.notices ?? []).map((n) => [n._id, n.urgency === 'urgent']))
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
  for (const s of r.signups ?? []) {
    const homePath = homes.get(s.personId)
    if (s.earnedAt && s.minutes && homePath)
      out.push({ kind: 'volunteer', at: new Date(s.earnedAt), homePath, personId: s.personId, minutes: s.minutes })
  }
  return out
}
