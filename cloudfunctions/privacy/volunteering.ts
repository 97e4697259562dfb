/**
 * What volunteering stored about a person: gathered for their export (privacy.exportMyData), and made to follow
 * their deletion (privacy.requestDeletion) — the ledger keeps their account (its entries must still add up), what
 * names them goes or is hidden:
 * - their open sign-ups are withdrawn (server/signup-withdraw.ts: a waiting place frees its count, a confirmed seat
 *   of an activity not yet started goes to the first waiting one, who is told); never a no-show;
 * - every sign-up, their volunteer totals and their team memberships carry the deleted name; they leave every
 *   leaderboard (hidden) and every team (the team's member count moves with the membership, in one transaction),
 *   and a team they led lists its leader by the deleted name.
 * Each step is idempotent: a deletion asked again repeats nothing that was done.
 */
import { accountId, volunteerId } from '../../core/ids'
import type { PersonDoc } from '../../core/model'
import type { PointsFacts } from '../../core/privacy/export'
import type { Data } from '../../server/data'
import { withdrawSignup } from '../../server/signup-withdraw'

export async function volunteeringOf(data: Data, personId: string): Promise<PointsFacts> {
  const account = accountId({ kind: 'person', id: personId })
  const [acc, transfers, signups, volunteer, vouchers, memberships] = await Promise.all([
    data.accounts.get(account),
    data.transfers.allOfAccount(account),
    data.signups.allOfPerson(personId),
    data.volunteers.get(volunteerId(personId)),
    data.vouchers.allOfPerson(personId),
    data.teamMembers.allOfPerson(personId),
  ])
  const teams = await data.teams.byIds(memberships.map((m) => m.teamId))
  return { account: acc, transfers, signups, volunteer, vouchers, memberships, teams }
}

export async function forgetVolunteering(data: Data, person: PersonDoc, name: string): Promise<void> {
  const now = new Date()
  const signups = await data.signups.allOfPerson(person._id)
  for (const s of signups) {
    const open = s.status === 'waiting' || (s.status === 'confirmed' && !s.checkInAt && +new Date(s.startAt) > +now)
    if (!open) continue
    const a = await data.activities.get(s.activityId)
    if (a) await withdrawSignup(data, s, a, now, { patch: { name } })
  }
  await data.signups.renamePerson(person._id, name)
  await data.volunteers.forget(volunteerId(person._id), name, now)
  for (const m of await data.teamMembers.allOfPerson(person._id)) {
    await data.transaction(async (tx) => {
      const member = await tx.teamMembers.get(m._id)
      if (!member) return
      await tx.teamMembers.update(m._id, { name, hidden: true, active: false })
      const team = await tx.teams.get(m.teamId)
      if (!team) return
      if (member.active) await tx.teams.increment(team._id, 'members', -1)
      if (team.leaders.some((l) => l.id === person._id))
        await tx.teams.update(team._id, {
          leaders: team.leaders.map((l) => (l.id === person._id ? { ...l, name } : l)),
        })
    })
  }
}
