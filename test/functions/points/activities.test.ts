/**
 * Volunteering through the real wx-server-sdk against the local cloud over the demo community: a grid chief posts an
 * activity with two roles, residents sign up (接龙) and wait in order, a cancel moves the first waiting one up, late
 * cancels count as no-shows, volunteers check in and out with the code of the minute, the organiser adjusts a row
 * with a reason and confirms the sheet, and each attendee earns by the role's rule, once — while the ledger balances.
 */
import cloudSdk from 'wx-server-sdk'
import type {
  ActivityDetail,
  AttendanceRow,
  AttendanceSheet,
  CheckCodeResult,
  ConfirmResult,
  Leaderboard,
  MySignup,
  PointsHome,
  SignUpResult,
  VolunteerRecord,
} from '../../../core/contract'
import type { Wallet } from '../../../core/contract/points/wallet'
import type { ActivityDoc, PersonDoc, SignupDoc, TransferDoc } from '../../../core/model'
import { ancestorAt } from '../../../core/units'
import { data, exactly } from '../harness/functions-cloud'
import { ledgerProblems, startWalletCloud, type WalletCloud } from '../harness/wallet-cloud'

jest.setTimeout(180_000)

let g: WalletCloud
let chief: PersonDoc
let otherChief: PersonDoc
let buildingHead: PersonDoc
let gridResidents: PersonDoc[]
let outsider: PersonDoc
const MIN = 60_000

const byOpenid = (openid: string) => g.demo.people.find((p) => p.openid === openid) as PersonDoc
const db = () => cloudSdk.database()

beforeAll(async () => {
  g = await startWalletCloud()
  chief = byOpenid(g.demo.personas[6].openid)
  otherChief = byOpenid(g.demo.personas[3].openid)
  buildingHead = g.persona('buildingHead')
  const grid = ancestorAt(chief.homePath ?? byOpenid(g.demo.personas[0].openid).homePath ?? '', 'grid')
  const chiefGrid = chief.roles.find((r) => r.role === 'gridChief')?.unitId
  const signedUp = (p: PersonDoc) => p.openid && p.roles.length === 1 && p.homePath
  gridResidents = g.demo.people.filter((p) => signedUp(p) && ancestorAt(p.homePath as string, 'grid') === chiefGrid)
  outsider = g.demo.people.find(
    (p) => signedUp(p) && ancestorAt(p.homePath as string, 'grid') !== chiefGrid,
  ) as PersonDoc
  expect(grid).toBeTruthy()
  expect(gridResidents.length).toBeGreaterThanOrEqual(5)
})
afterAll(async () => {
  await g?.close()
})
afterEach(async () => {
  expect(ledgerProblems(await g.ledger())).toEqual([])
})

const chiefGridId = () => chief.roles.find((r) => r.role === 'gridChief')?.unitId as string

const postPayload = (over: Record<string, unknown> = {}) => ({
  title: '周六社区清洁日',
  description: '清理楼道杂物，整理公共区域',
  place: '3号楼前广场',
  startAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
  endAt: new Date(Date.now() + 2 * 86_400_000 + 3 * 3_600_000).toISOString(),
  audience: { kind: 'grid', id: chiefGridId() },
  roles: [
    { name: '信息录入', quota: 2, rule: { pointsPerHour: 10, cap: 40 } },
    { name: '秩序维护', quota: 4, rule: { pointsPerHour: 10, nightMultiplier: 2, cap: 60 } },
  ],
  ...over,
})

const post = async (over: Record<string, unknown> = {}) =>
  data(await g.act<ActivityDetail>(chief, 'postActivity', postPayload(over)))
const signUp = (p: PersonDoc, activityId: string, roleIndex = 0) =>
  g.act<SignUpResult>(p, 'signUp', { activityId, roleIndex })
const detail = async (p: PersonDoc, activityId: string) =>
  data(await g.act<ActivityDetail>(p, 'activity', { activityId }))
const stored = async <T>(collection: string, id: string) =>
  ((await db().collection(collection).doc(id).get()) as unknown as { data: T }).data
/** Moves an activity in time, as the clock would (the handlers read the time themselves). */
const shift = async (activityId: string, startAt: Date, endAt: Date) => {
  await db().collection('activities').doc(activityId).update({ data: { startAt, endAt } })
  const mine = (
    (await db().collection('signups').where({ activityId }).limit(1000).get()) as unknown as {
      data: { _id: string }[]
    }
  ).data
  for (const s of mine) await db().collection('signups').doc(s._id).update({ data: { startAt } })
}

describe('the demo', () => {
  it('lets the personas try it: an open activity with two roles, a record, teams and a leaderboard', async () => {
    const resident = byOpenid(g.demo.personas[0].openid)
    const neighbour = byOpenid(g.demo.personas[7].openid)
    const list = data(await g.act<{ rows: { title: string; roles: unknown[] }[] }>(resident, 'activities', {}))
    expect(list.rows.find((r) => r.title === '周六楼道清洁日')?.roles).toHaveLength(2)
    const record = data(await g.act<VolunteerRecord>(neighbour, 'record', {}))
    expect(record.rows[0]).toMatchObject({ title: '核酸检测点志愿服务', issuer: expect.stringMatching(/社区$/) })
    expect(record.rows[0].points).toBeGreaterThan(0)
    const teams = data(await g.act<{ rows: { name: string; members: number }[] }>(neighbour, 'teams', {}))
    expect(teams.rows.length).toBe(2)
    const board = data(await g.act<{ rows: { name: string }[] }>(resident, 'leaderboard', { scope: 'grid' }))
    expect(board.rows.map((r) => r.name)).toContain(neighbour.name)

    // the 积分 tab's one call: the neighbour's coming sign-up, the chief's activity to manage, their roles
    const home = data(await g.act<PointsHome>(neighbour, 'home', {}))
    expect(home.next.map((n) => n.title)).toContain('周六楼道清洁日')
    expect(home.balance).toBeGreaterThan(0)
    expect(home.minutes).toBeGreaterThan(0)
    const chiefHome = data(await g.act<PointsHome>(chief, 'home', {}))
    expect((chiefHome.organising ?? []).map((a) => a.title)).toContain('周六楼道清洁日')
    expect((chiefHome.roles ?? []).map((r) => r.role)).toContain('gridChief')
  })
})

describe('posting', () => {
  it('a grid chief posts for their grid: roles with quotas and rules, a share card showing filled / quota', async () => {
    const a = await post()
    expect(a.roles.map((r) => [r.name, r.quota, r.filled, r.waiting])).toEqual([
      ['信息录入', 2, 0, 0],
      ['秩序维护', 4, 0, 0],
    ])
    expect(a.roles[1].rule).toEqual({ pointsPerHour: 10, nightMultiplier: 2, cap: 60 })
    expect(a.organiser).toBe(true)
    expect(a.share.title).toContain('信息录入 0/2 · 秩序维护 0/4')
    expect(a.origin).toContain(chief.name)
    // the secret that seeds the codes never leaves the server
    expect(JSON.stringify(a)).not.toContain((await stored<ActivityDoc>('activities', a.id)).secret)
  })

  it('refuses a leader outside the grid, a building head, and impossible times; nothing is stored', async () => {
    const before = (await g.dump()).activities.length
    expect(await g.act(otherChief, 'postActivity', postPayload())).toMatchObject({
      ok: false,
      code: 'ACTIVITY_NOT_ORGANISER',
    })
    expect(await g.act(buildingHead, 'postActivity', postPayload())).toMatchObject({
      ok: false,
      code: 'ACTIVITY_NOT_ORGANISER',
    })
    const past = { startAt: new Date(Date.now() - 3_600_000).toISOString() }
    expect(await g.act(chief, 'postActivity', postPayload(past))).toMatchObject({
      ok: false,
      code: 'ACTIVITY_TIMES_INVALID',
      message: expect.stringContaining('开始时间应在现在之后'),
    })
    expect((await g.dump()).activities.length).toBe(before)
  })

  it('shows it to residents of the grid and not to others', async () => {
    const a = await post({ title: '只给本网格' })
    const list = data(await g.act<{ rows: { id: string }[] }>(gridResidents[0], 'activities', {}))
    expect(list.rows.map((r) => r.id)).toContain(a.id)
    const theirs = data(await g.act<{ rows: { id: string }[] }>(outsider, 'activities', {}))
    expect(theirs.rows.map((r) => r.id)).not.toContain(a.id)
    expect(await g.act(outsider, 'activity', { activityId: a.id })).toEqual(exactly('NOT_FOUND'))
    expect(await signUp(outsider, a.id)).toEqual(exactly('ACTIVITY_NOT_FOR_YOU'))
  })
})

describe('接龙', () => {
  it('three sign up for a role of 2: the third waits, and moves up when another cancels (and is told)', async () => {
    const a = await post()
    const [r1, r2, r3] = gridResidents
    const s1 = data(await signUp(r1, a.id))
    const s2 = data(await signUp(r2, a.id))
    const s3 = data(await signUp(r3, a.id))
    expect([s1, s2, s3].map((s) => [s.signup.status, s.signup.waitingPlace])).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['waiting', 1],
    ])
    expect(s3.activity.roles[0]).toMatchObject({ filled: 2, waiting: 1 })
    // the same role twice: refused, counters unchanged
    expect(await signUp(r1, a.id)).toEqual(exactly('SIGNUP_EXISTS'))

    const cancelled = data(
      await g.act<{ signup: MySignup; noShow: boolean; promoted: string | null }>(r2, 'cancelSignUp', {
        signupId: s2.signup.id,
      }),
    )
    expect(cancelled).toMatchObject({ noShow: false, promoted: s3.signup.id, signup: { status: 'cancelled' } })
    const seen = await detail(r3, a.id)
    expect(seen.mine[0]).toMatchObject({ status: 'confirmed', waitingPlace: null, promotedAt: expect.any(String) })
    expect(seen.roles[0]).toMatchObject({ filled: 2, waiting: 0 })
    // a cancelled person may sign up again, at the end of the line
    const again = data(await signUp(r2, a.id))
    expect(again.signup).toMatchObject({ status: 'waiting', waitingPlace: 1 })
  })

  it('cancelling within 3 h of the start is a no-show; two in a year bar signing up, and the person sees why', async () => {
    const late = gridResidents[4]
    for (let i = 0; i < 2; i++) {
      const a = await post({ title: `临时取消 ${i}` })
      const s = data(await signUp(late, a.id))
      const soon = new Date(Date.now() + 2 * 3_600_000)
      await shift(a.id, soon, new Date(soon.getTime() + 3_600_000))
      const res = data(await g.act<{ noShow: boolean }>(late, 'cancelSignUp', { signupId: s.signup.id }))
      expect(res.noShow).toBe(true)
    }
    const a = await post({ title: '缺席两次后' })
    const refused = await signUp(late, a.id)
    expect(refused).toMatchObject({ ok: false, code: 'SIGNUP_BARRED', message: expect.stringContaining('缺席 2 次') })
    const seen = await detail(late, a.id)
    expect(seen.barred).toMatchObject({ noShows: 2, reason: expect.stringContaining('暂停报名至') })
    expect(seen.roles[0].filled).toBe(0)
  })

  it('100 residents sign up for a role of 10 at once: exactly 10 confirmed, 90 waiting in order', async () => {
    const staff = g.persona('communityStaff')
    const communityId = staff.roles.find((r) => r.role === 'communityStaff')?.unitId as string
    const households = g.demo.units.filter((u) => u.level === 'household' && u.path.includes(`/${communityId}/`))
    const crowd: PersonDoc[] = Array.from({ length: 100 }, (_, i) => {
      const home = households[i % households.length]
      return {
        _id: `crowd_${i}`,
        openid: `o_crowd_${i}`,
        name: `志愿者${i}`,
        phone: '13900000000',
        householdId: home._id,
        homePath: home.path,
        roles: [{ role: 'resident', unitId: home._id }],
        createdAt: new Date(),
      }
    })
    await g.cloud.seed({ people: crowd })
    const a = data(
      await g.act<ActivityDetail>(staff, 'postActivity', {
        ...postPayload({ audience: { kind: 'community', id: communityId } }),
        roles: [{ name: '核酸引导', quota: 10, rule: { pointsPerHour: 10, cap: 50 } }],
      }),
    )
    // every instance the local cloud runs at once (8) warm first, so the calls race from the first one
    await g.warm(staff, 8)
    const results = await Promise.all(crowd.map((p) => signUp(p, a.id)))
    const accepted = results.map((r) => data(r).signup)
    expect(accepted.filter((s) => s.status === 'confirmed')).toHaveLength(10)
    expect(accepted.filter((s) => s.status === 'waiting')).toHaveLength(90)
    const rows = (await g.dump()).signups as SignupDoc[]
    const mine = rows.filter((s) => s.activityId === a.id).sort((x, y) => x.seq - y.seq)
    // one number each, 1…100, and the first ten numbers hold the ten seats
    expect(mine.map((s) => s.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1))
    expect(mine.slice(0, 10).every((s) => s.status === 'confirmed')).toBe(true)
    expect(mine.slice(10).every((s) => s.status === 'waiting')).toBe(true)
    // places on the waiting list as each person was told them: 1…90, in sign-up order
    const places = accepted.filter((s) => s.status === 'waiting').map((s) => s.waitingPlace)
    expect([...places].sort((x, y) => (x as number) - (y as number))).toEqual(
      Array.from({ length: 90 }, (_, i) => i + 1),
    )
    expect((await stored<ActivityDoc>('activities', a.id)).roles[0]).toMatchObject({
      filled: 10,
      waiting: 90,
      seq: 100,
    })
    // a confirmed one cancels: the first waiting one (number 11) moves up
    const first = mine[0]
    const leaver = crowd.find((p) => p._id === first.personId) as PersonDoc
    const res = data(await g.act<{ promoted: string }>(leaver, 'cancelSignUp', { signupId: first._id }))
    expect(res.promoted).toBe(mine[10]._id)
  })
})

describe('attendance and earning', () => {
  let a: ActivityDetail
  let volunteers: PersonDoc[]
  let signups: SignUpResult[]

  beforeAll(async () => {
    // one role without a night multiplier: the points do not depend on the hour the suite runs at
    a = await post({
      title: '考勤与积分',
      roles: [{ name: '秩序维护', quota: 5, rule: { pointsPerHour: 10, cap: 40 } }],
    })
    // people who never volunteered before (no totals yet): their first earning starts them
    const seeded = new Set((g.demo.points.volunteers as { _id: string }[]).map((v) => v._id))
    volunteers = gridResidents.filter((p) => !seeded.has(p._id)).slice(5, 8)
    signups = []
    for (const v of volunteers) signups.push(data(await signUp(v, a.id, 0)))
    // the activity began 20 minutes ago and ends in 10: check-in and check-out are both open
    await shift(a.id, new Date(Date.now() - 20 * MIN), new Date(Date.now() + 10 * MIN))
  })

  it('the organiser shows a 6-digit code and its QR text; volunteers check in with either, a wrong one is refused', async () => {
    expect(await g.act(volunteers[0], 'checkCode', { activityId: a.id, kind: 'in' })).toEqual(
      exactly('ACTIVITY_NOT_ORGANISER'),
    )
    const code = data(await g.act<CheckCodeResult>(chief, 'checkCode', { activityId: a.id, kind: 'in' }))
    expect(code.code).toMatch(/^\d{6}$/)
    expect(code.open).toBe(true)
    const wrong = String((Number(code.code) + 1) % 1_000_000).padStart(6, '0')
    expect(await g.act(volunteers[0], 'checkIn', { activityId: a.id, code: wrong })).toEqual(
      exactly('CHECKIN_CODE_WRONG'),
    )
    const typed = data(
      await g.act<{ signups: MySignup[] }>(volunteers[0], 'checkIn', { activityId: a.id, code: code.code }),
    )
    expect(typed.signups[0].checkInAt).toEqual(expect.any(String))
    const scanned = data(
      await g.act<{ signups: MySignup[] }>(volunteers[1], 'checkIn', { activityId: a.id, code: code.qr }),
    )
    expect(scanned.signups[0].checkInAt).toEqual(expect.any(String))
    // the check-in code does not check out
    expect(await g.act(volunteers[0], 'checkOut', { activityId: a.id, code: code.code })).toEqual(
      exactly('CHECKIN_CODE_WRONG'),
    )
    // someone not signed up
    expect(await g.act(gridResidents[0], 'checkIn', { activityId: a.id, code: code.code })).toEqual(
      exactly('CHECKIN_NOT_SIGNED_UP'),
    )
    const out = data(await g.act<CheckCodeResult>(chief, 'checkCode', { activityId: a.id, kind: 'out' }))
    const done = data(
      await g.act<{ signups: MySignup[] }>(volunteers[0], 'checkOut', { activityId: a.id, code: out.code }),
    )
    expect(done.signups[0].checkOutAt).toEqual(expect.any(String))
  })

  it('the organiser marks from the list, adjusts a row only with a reason, and cannot confirm before the end', async () => {
    const row = data(
      await g.act<AttendanceRow>(chief, 'markAttendance', { signupId: signups[1].signup.id, kind: 'out' }),
    )
    expect(row.checkOutAt).toEqual(expect.any(String))
    expect(
      (await g.act(chief, 'adjustAttendance', { signupId: signups[0].signup.id, minutes: 90, reason: '' })) as object,
    ).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    const adjusted = data(
      await g.act<AttendanceRow>(chief, 'adjustAttendance', {
        signupId: signups[0].signup.id,
        minutes: 25,
        reason: '提前到场布置',
      }),
    )
    expect(adjusted).toMatchObject({ minutes: 25, adjusted: { minutes: 25, reason: '提前到场布置', by: chief.name } })
    // before the end, with a row neither checked out nor adjusted (the absent one): not yet
    expect(await g.act(chief, 'confirmAttendance', { activityId: a.id })).toEqual(exactly('ACTIVITY_NOT_ENDED'))
    const sheet = data(await g.act<AttendanceSheet>(chief, 'attendance', { activityId: a.id }))
    expect(sheet.total).toBe(3)
    expect(sheet.checkedIn).toBe(2)
  })

  it('confirming twice at once earns each attendee once, by the rule; the absent one becomes a no-show', async () => {
    // the activity is over: it began 40 minutes ago and ended a minute ago
    const stamp = async (id: string, checkInAt: Date, checkOutAt: Date) =>
      db().collection('signups').doc(id).update({ data: { checkInAt, checkOutAt } })
    const start = new Date(Date.now() - 40 * MIN)
    await shift(a.id, start, new Date(Date.now() - MIN))
    // volunteer 1 came 10 minutes early and left 5 minutes before the end: 34 minutes count
    await stamp(signups[1].signup.id, new Date(start.getTime() - 10 * MIN), new Date(Date.now() - 6 * MIN))
    const before = await Promise.all(volunteers.map(async (v) => data(await g.act<Wallet>(v, 'wallet', {})).balance))

    const [x, y] = await Promise.all([
      g.act<ConfirmResult>(chief, 'confirmAttendance', { activityId: a.id }),
      g.act<ConfirmResult>(chief, 'confirmAttendance', { activityId: a.id }),
    ])
    const both = [data(x), data(y)]
    expect(both[0].earned + both[1].earned).toBe(2)
    expect(both[0].noShows + both[1].noShows).toBe(1)

    const after = await Promise.all(volunteers.map(async (v) => data(await g.act<Wallet>(v, 'wallet', {})).balance))
    // 25 adjusted minutes at 10/h → 4; 34 minutes at 10/h → 5; absent → 0
    expect(after.map((b, i) => b - before[i])).toEqual([4, 5, 0])
    const earns = ((await g.dump()).transfers as TransferDoc[]).filter(
      (t) => t.kind === 'earn' && signups.some((s) => t.ref.id === s.signup.id),
    )
    expect(earns.map((t) => t.amount).sort()).toEqual([4, 5])
    expect((await stored<SignupDoc>('signups', signups[2].signup.id)).status).toBe('noShow')
    expect((await stored<ActivityDoc>('activities', a.id)).status).toBe('confirmed')

    // a third confirmation changes nothing; a confirmed sheet cannot be adjusted
    expect(data(await g.act<ConfirmResult>(chief, 'confirmAttendance', { activityId: a.id }))).toMatchObject({
      earned: 0,
      noShows: 0,
    })
    expect(
      await g.act(chief, 'adjustAttendance', { signupId: signups[1].signup.id, minutes: 600, reason: '再改一次' }),
    ).toEqual(exactly('ACTIVITY_CONFIRMED'))

    // the record shows the activity, its hours and the community that issues it
    const record = data(await g.act<VolunteerRecord>(volunteers[1], 'record', {}))
    expect(record.rows[0]).toMatchObject({ title: '考勤与积分', roleName: '秩序维护', minutes: 34, points: 5 })
    expect(record.rows[0].issuer).toMatch(/社区$/)
    expect(record.minutes).toBeGreaterThanOrEqual(34)
    // and their hours rank them on their grid's board, as their neighbours see it
    const board = data(await g.act<Leaderboard>(gridResidents[0], 'leaderboard', { scope: 'grid' }))
    expect(board.rows.find((r) => r.personId === volunteers[1]._id)).toMatchObject({ minutes: record.minutes })
  })
})
