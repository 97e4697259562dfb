/**
 * privacy.exportMyData (PIPL Art. 45): everything stored about a person, as the client receives it — dates as ISO
 * strings (what JSON would make of them anyway, typed), and no openid: it is how WeChat identifies the caller to
 * this app, of no use to them, and not to be carried around.
 */
import type { Json, MyData, MyPoints } from '../contract'
import type {
  AccountDoc,
  AuditDoc,
  ClaimDoc,
  PersonDoc,
  SignupDoc,
  TeamDoc,
  TeamMemberDoc,
  TransferDoc,
  VolunteerDoc,
  VoucherDoc,
  WartimeGridDoc,
} from '../model'
import type { Unit } from '../units'
import { myEmergency, noEmergency, type EmergencyFacts } from './emergency'
import { myIsolation, noIsolation, type IsolationFacts } from './isolation'
import { myCare, noCare, type CareFacts } from './care'
import { myCouncil, noCouncil, type CouncilFacts } from './council'
import { myRequests, noRequests, type RequestFacts } from './requests'
import { myWartime } from './wartime'

/** A stored document as the client receives it: Date values as ISO text, the platform's `_openid` left out. */
export function json<T extends object>(doc: T): Json<T> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(doc)) {
    if (k === '_openid') continue // set by the platform on client writes; never ours to show
    out[k] = v instanceof Date ? v.toISOString() : v
  }
  return out as Json<T>
}

const withoutOpenid = <T extends { openid?: string }>({ openid, ...rest }: T): Omit<T, 'openid'> => (void openid, rest)

export interface ExportFacts {
  person: PersonDoc
  home: Pick<Unit, '_id' | 'name'> | null
  /** Every claim the person made (by their openid). */
  claims: readonly ClaimDoc[]
  /** The audit entries that showed their data, as a person or through their claims, newest first. */
  seen: readonly AuditDoc[]
  /** The actors of `seen` by id, with their names as stored now. */
  actorNames: ReadonlyMap<string, string>
  exportedAt: Date
  points: PointsFacts
  /** What requests stored about them (core/privacy/requests.ts); none when absent. */
  requests?: RequestFacts
  /** What emergency mode stored about them (core/privacy/emergency.ts); none when absent. */
  emergency?: EmergencyFacts
  /** What home isolation stored about them (core/privacy/isolation.ts); none when absent. */
  isolation?: IsolationFacts
  /** What care stored about them (core/privacy/care.ts); none when absent. */
  care?: CareFacts
  /** What the council (三长议事) stored about them (core/privacy/council.ts); none when absent. */
  council?: CouncilFacts
  /** The 战时网格 they were named to lead (core/privacy/wartime.ts); none when absent. */
  wartime?: readonly WartimeGridDoc[]
}

/** What volunteering stored about the person (all of it: their own export is not paged). */
export interface PointsFacts {
  account: AccountDoc | null
  transfers: readonly TransferDoc[]
  signups: readonly SignupDoc[]
  volunteer: VolunteerDoc | null
  vouchers: readonly VoucherDoc[]
  memberships: readonly TeamMemberDoc[]
  teams: readonly Pick<TeamDoc, '_id' | 'name'>[]
}

const newestFirst = <T>(rows: readonly T[], at: (r: T) => Date): T[] => [...rows].sort((a, b) => +at(b) - +at(a))

/** Their points: each ledger entry as it moved their account, the rest as stored (dates as ISO text). */
export function myPoints(f: PointsFacts): MyPoints {
  const accountId = f.account?._id
  const teamName = new Map(f.teams.map((t) => [t._id, t.name]))
  return {
    balance: f.account?.balance ?? 0,
    lots: (f.account?.lots ?? []).map((l) => ({ amount: l.amount, expiresAt: new Date(l.expiresAt).toISOString() })),
    ledger: newestFirst(f.transfers, (t) => new Date(t.at)).map((t) => ({
      ...json({ _id: t._id, kind: t.kind, reason: t.reason, ref: t.ref, at: t.at, expiresAt: t.expiresAt }),
      amount: t.legs.find((l) => l.accountId === accountId)?.amount ?? 0,
    })),
    signups: newestFirst(f.signups, (s) => new Date(s.startAt)).map((s) => json(s)),
    hours: f.volunteer
      ? {
          minutes: f.volunteer.minutes,
          points: f.volunteer.points,
          activities: f.volunteer.activities,
          hidden: f.volunteer.hidden,
          noShows: f.volunteer.noShows.map((d) => new Date(d).toISOString()),
        }
      : null,
    vouchers: newestFirst(f.vouchers, (v) => new Date(v.createdAt)).map((v) => json(v)),
    teams: f.memberships.map((m) => ({
      teamId: m.teamId,
      name: teamName.get(m.teamId) ?? '',
      leader: m.leader,
      active: m.active,
      minutes: m.minutes,
      points: m.points,
      joinedAt: new Date(m.joinedAt).toISOString(),
    })),
  }
}

/** The export: claims newest first; who saw the data, by the name they have now (else the one they had then). */
export const myData = ({
  person,
  home,
  claims,
  seen,
  actorNames,
  exportedAt,
  points,
  requests = noRequests,
  emergency = noEmergency(person._id),
  isolation = noIsolation,
  care = noCare,
  wartime = [],
  council = noCouncil,
}: ExportFacts): MyData => ({
  exportedAt: exportedAt.toISOString(),
  person: json(withoutOpenid(person)),
  household: home ? { _id: home._id, name: home.name } : null,
  claims: [...claims]
    .sort((a, b) => +new Date(b.createdAt) - +new Date(a.createdAt))
    .map((c) => json(withoutOpenid(c))),
  seenBy: seen.map((e) => json({ actorName: actorNames.get(e.actorId) ?? e.actorName, action: e.action, at: e.at })),
  points: myPoints(points),
  requests: myRequests(requests),
  emergency: myEmergency(emergency),
  isolation: myIsolation(isolation),
  care: myCare(care, person._id),
  wartime: myWartime(wartime),
  council: myCouncil(council),
})
