/**
 * A person's volunteering in privacy.exportMyData and privacy.requestDeletion, through the real wx-server-sdk in the
 * local cloud over the demo community: the export carries their balance, every ledger entry, sign-ups with
 * attendance, hours, vouchers and teams; a deletion withdraws their open sign-ups (a confirmed seat goes to the
 * first waiting one, who is told; a waiting place frees its count), takes their name off sheets, leaderboards and
 * teams (the team's count follows), and leaves the ledger adding up.
 */
import type { ActivityDetail, Leaderboard, MyData, SignUpResult, TeamDetail } from '../../../core/contract'
import type { Envelope } from '../../../core/envelope'
import { DELETED_NAME } from '../../../core/grid/phone-visibility'
import type {
  AccountDoc,
  ActivityDoc,
  PersonDoc,
  SignupDoc,
  TeamDoc,
  TeamMemberDoc,
  TransferDoc,
  VolunteerDoc,
  VoucherDoc,
} from '../../../core/model'
import { PROMOTED_TEMPLATE, activityPath } from '../../../core/points/messages'
import { ancestorAt } from '../../../core/units'
import { data, startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'
import { ledgerProblems } from '../harness/wallet-cloud'

jest.setTimeout(180_000)

let g: FunctionsCloud
const byOpenid = (openid: string) => g.demo.people.find((p) => p.openid === openid) as PersonDoc
const call = async <T>(fn: string, p: PersonDoc, action: string, payload: unknown = {}) =>
  data((await g.cloud.callFunction(fn, { action, payload }, { openid: p.openid! })).result as Envelope<T>)
const points = <T>(p: PersonDoc, action: string, payload: unknown = {}) => call<T>('points', p, action, payload)
const dump = async () => {
  const d = await g.dump()
  return {
    accounts: d.accounts as AccountDoc[],
    transfers: d.transfers as TransferDoc[],
    signups: d.signups as SignupDoc[],
    volunteers: d.volunteers as VolunteerDoc[],
    vouchers: d.vouchers as VoucherDoc[],
    teams: d.teams as TeamDoc[],
    teamMembers: d.teamMembers as TeamMemberDoc[],
    activities: d.activities as ActivityDoc[],
  }
}

beforeAll(async () => {
  g = await startFunctionsCloud(['points', 'privacy', 'notices'], { timers: false })
})
afterAll(() => g?.close())

it('the export carries the balance, every ledger entry, sign-ups with attendance, hours, vouchers and teams', async () => {
  // the neighbour persona earned at the demo's past activity, signed up for the open one, and is in two teams
  const neighbour = byOpenid(g.demo.personas[7].openid)
  await points(neighbour, 'redeem', { serviceId: 'svc-haircut', requestId: `req-export-${Date.now()}` })
  const mine = await call<MyData>('privacy', neighbour, 'exportMyData')
  const stored = await dump()
  const account = stored.accounts.find((a) => a._id === `person_${neighbour._id}`)!

  expect(mine.points.balance).toBe(account.balance)
  expect(mine.points.balance).toBeGreaterThan(0)
  // every entry of the account, signed as it moved it: they add up to the balance
  const entries = stored.transfers.filter((t) => t.accounts.includes(account._id))
  expect(mine.points.ledger.map((e) => e._id).sort()).toEqual(entries.map((t) => t._id).sort())
  expect(mine.points.ledger.reduce((s, e) => s + e.amount, 0)).toBe(account.balance)
  expect(mine.points.ledger.map((e) => e.kind)).toEqual(expect.arrayContaining(['earn', 'redeem']))

  const past = mine.points.signups.find((s) => s.activityId === 'act-past-testing')!
  expect(past).toMatchObject({ status: 'confirmed', checkInAt: expect.any(String), minutes: expect.any(Number) })
  expect(mine.points.signups.map((s) => s.activityId)).toEqual(
    expect.arrayContaining(['act-past-testing', 'act-open-cleanup']),
  )
  const volunteer = stored.volunteers.find((v) => v._id === neighbour._id)!
  expect(mine.points.hours).toMatchObject({ minutes: volunteer.minutes, points: volunteer.points, activities: 1 })
  // every voucher of theirs: the one just redeemed, and what the demo gave them (a meal the restaurant verified)
  const theirs = stored.vouchers.filter((v) => v.personId === neighbour._id)
  expect(mine.points.vouchers.map((v) => v._id).sort()).toEqual(theirs.map((v) => v._id).sort())
  expect(mine.points.vouchers.map((v) => v.serviceId)).toEqual(expect.arrayContaining(['svc-haircut']))
  expect(mine.points.teams.map((t) => t.teamId).sort()).toEqual(['team-community', 'team-patrol'])
  expect(mine.points.teams.every((t) => t.name.endsWith('队'))).toBe(true)
  // no WeChat identity anywhere in it
  expect(JSON.stringify(mine)).not.toContain(neighbour.openid!)
})

it('a deletion withdraws open sign-ups, tells the one who moves up, and takes the name off sheets, boards and teams', async () => {
  const chief = byOpenid(g.demo.personas[6].openid)
  const gridId = chief.roles.find((r) => r.role === 'gridChief')?.unitId as string
  const residents = g.demo.people.filter(
    (p) => p.openid && p.roles.length === 1 && p.homePath && ancestorAt(p.homePath, 'grid') === gridId,
  )
  // the housemate persona earned at the past activity (on the grid's leaderboard, in the community's team)
  const leaving = byOpenid(g.demo.personas[8].openid)
  const [waiting, other] = residents.filter((p) => p._id !== leaving._id && p.openid !== g.demo.personas[7].openid)
  const activity = await points<ActivityDetail>(chief, 'postActivity', {
    title: '周日垃圾分类督导',
    description: '在投放点引导居民分类投放',
    place: '2号楼投放点',
    startAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    endAt: new Date(Date.now() + 2 * 86_400_000 + 2 * 3_600_000).toISOString(),
    audience: { kind: 'grid', id: gridId },
    roles: [
      { name: '分类引导', quota: 1, rule: { pointsPerHour: 10, cap: 40 } },
      { name: '后勤保障', quota: 1, rule: { pointsPerHour: 10, cap: 40 } },
    ],
  })
  // the leaving one holds the only seat of 分类引导 and waits for 后勤保障
  await points<SignUpResult>(leaving, 'signUp', { activityId: activity.id, roleIndex: 0 })
  await points<SignUpResult>(waiting, 'signUp', { activityId: activity.id, roleIndex: 0 })
  await points<SignUpResult>(other, 'signUp', { activityId: activity.id, roleIndex: 1 })
  await points<SignUpResult>(leaving, 'signUp', { activityId: activity.id, roleIndex: 1 })
  await call('notices', waiting, 'subscribe', { templateId: PROMOTED_TEMPLATE.id })
  const before = g.cloud.outbox().length
  const teamBefore = (await dump()).teams.find((t) => t._id === 'team-community')!.members

  expect(await call('privacy', leaving, 'requestDeletion', { confirm: true })).toEqual({ deleted: true })

  // the seat went to the waiting one, who was told once; the waiting place freed its count
  const seen = await points<ActivityDetail>(waiting, 'activity', { activityId: activity.id })
  expect(seen.mine).toEqual([expect.objectContaining({ roleIndex: 0, status: 'confirmed' })])
  expect(seen.roles.map((r) => [r.filled, r.waiting])).toEqual([
    [1, 0],
    [1, 0],
  ])
  const told = (g.cloud.outbox() as { touser: string; templateId: string; page: string }[]).slice(before)
  expect(told).toEqual([
    expect.objectContaining({
      touser: waiting.openid,
      templateId: PROMOTED_TEMPLATE.id,
      page: activityPath(activity.id),
    }),
  ])

  const after = await dump()
  const theirs = after.signups.filter((s) => s.personId === leaving._id)
  // withdrawn, never a no-show; the past one keeps its hours under the deleted name
  expect(theirs.filter((s) => s.activityId === activity.id).map((s) => s.status)).toEqual(['cancelled', 'cancelled'])
  expect(theirs.find((s) => s.activityId === 'act-past-testing')).toMatchObject({
    status: 'confirmed',
    minutes: expect.any(Number),
  })
  expect(theirs.every((s) => s.name === DELETED_NAME)).toBe(true)
  expect(after.volunteers.find((v) => v._id === leaving._id)).toMatchObject({ name: DELETED_NAME, hidden: true })
  const board = await points<Leaderboard>(chief, 'leaderboard', { scope: 'grid' })
  expect(board.rows.map((r) => r.personId)).not.toContain(leaving._id)
  expect(after.teamMembers.filter((m) => m.personId === leaving._id)).toEqual([
    expect.objectContaining({ teamId: 'team-community', name: DELETED_NAME, active: false, hidden: true }),
  ])
  expect(after.teams.find((t) => t._id === 'team-community')!.members).toBe(teamBefore - 1)
  const team = await points<TeamDetail>(chief, 'team', { teamId: 'team-community' })
  expect(team.members).toBe(teamBefore - 1)
  expect(team.rows.map((r) => r.personId)).not.toContain(leaving._id)
  // the ledger keeps their account: every balance still equals its entries
  expect(ledgerProblems(after)).toEqual([])
})
