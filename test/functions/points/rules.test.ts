/**
 * Each community's volunteering rules, through the real wx-server-sdk against the local cloud over the demo street's
 * two communities: who may read and change them, a change that alters sign-up bars, the check window, stars, team
 * limits, adjustment limits, expiry and the default cancel hours in its own community and nowhere else, a stale edit
 * refused, hostile payloads refused with nothing written, and one audit entry per change saying what changed.
 */
import type {
  ActivityDetail,
  AdjustResult,
  CheckCodeResult,
  RulesView,
  TeamCard,
  VolunteerRecord,
  Wallet,
} from '../../../core/contract'
import type { AuditDoc, PersonDoc, PointsSettingsDoc, VolunteerDoc } from '../../../core/model'
import { VOLUNTEER_RULES, type VolunteerRules } from '../../../core/points/rules'
import { ancestorAt, isWithin, type Unit } from '../../../core/units'
import { data, exactly } from '../harness/functions-cloud'
import { startWalletCloud, type WalletCloud } from '../harness/wallet-cloud'

jest.setTimeout(180_000)

let g: WalletCloud
/** The two communities of the demo street: `changed` gets new rules, `other` keeps the defaults. */
let changed: Unit
let other: Unit

const HOUR = 3_600_000

beforeAll(async () => {
  g = await startWalletCloud()
  const communities = g.demo.units.filter((u) => u.level === 'community')
  changed = communities[0]
  other = communities[1]
})
afterAll(async () => {
  await g?.close()
})

const holder = (role: string, community: Unit): PersonDoc => {
  const p = g.demo.people.find(
    (p) =>
      p.openid &&
      p.roles.some(
        (r) => r.role === role && isWithin(g.demo.units.find((u) => u._id === r.unitId)?.path ?? '', community.path),
      ),
  )
  if (!p) throw new Error(`no ${role} in ${community.name}`)
  return p
}

const used = new Set<string>()
/** A signed-up resident of the community holding no other role, not handed out before (tests do not share one). */
const freshResident = (community: Unit, gridId?: string): PersonDoc => {
  const p = g.demo.people.find(
    (p) =>
      p.openid &&
      !used.has(p._id) &&
      p.roles.every((r) => r.role === 'resident') &&
      // the seed's volunteers have teams and history of their own
      !p.volunteer &&
      p.homePath?.includes(`/${community._id}/`) &&
      (!gridId || p.homePath.includes(`/${gridId}/`)) &&
      !g.demo.personas.some((x) => x.openid === p.openid),
  )
  if (!p) throw new Error(`no fresh resident in ${community.name}`)
  used.add(p._id)
  return p
}

const readRules = async (as: PersonDoc, unitId: string) => data(await g.act<RulesView>(as, 'rules', { unitId }))

/** The changed community's rules: every figure moved, so each handler's reading shows. */
const CHANGED: VolunteerRules = {
  ...VOLUNTEER_RULES,
  cancelBeforeHours: 6,
  noShowLimit: 1,
  checkOpensBeforeMinutes: 120,
  starHours: [1, 2, 3],
  teamLimit: 1,
  expiry: { kind: 'days', days: 30 },
  adjustLimits: { ...VOLUNTEER_RULES.adjustLimits, gridChief: { grant: 10, deduct: 10 } },
}

const postFor = async (staff: PersonDoc, community: Unit, extra: object = {}) =>
  data(
    await g.act<ActivityDetail>(staff, 'postActivity', {
      title: '规则测试活动',
      place: '社区广场',
      startAt: new Date(Date.now() + 2 * 24 * HOUR).toISOString(),
      endAt: new Date(Date.now() + 2 * 24 * HOUR + 2 * HOUR).toISOString(),
      audience: { kind: 'community', id: community._id },
      roles: [{ name: '秩序维护', quota: 5, rule: { pointsPerHour: 10, cap: 50 } }],
      ...extra,
    }),
  )

const volunteer = (p: PersonDoc, fields: Partial<VolunteerDoc>): VolunteerDoc => ({
  _id: p._id,
  name: p.name,
  gridId: ancestorAt(p.homePath as string, 'grid') as string,
  communityId: ancestorAt(p.homePath as string, 'community') as string,
  minutes: 0,
  points: 0,
  activities: 0,
  hidden: false,
  noShows: [],
  updatedAt: new Date(),
  ...fields,
})

describe('reading the rules', () => {
  it('staff see the defaults and may edit; a grid chief and a party leader see them from their grid, read-only', async () => {
    const staff = holder('communityStaff', other)
    const view = await readRules(staff, other._id)
    expect(view).toMatchObject({
      community: { id: other._id, name: other.name },
      rules: VOLUNTEER_RULES,
      changed: [],
      version: 0,
      canEdit: true,
    })
    for (const role of ['gridChief', 'partyLeader']) {
      const leader = holder(role, other)
      const grid = leader.roles.find((r) => r.role === role)?.unitId as string
      expect(await readRules(leader, grid)).toMatchObject({ community: { id: other._id }, canEdit: false })
    }
  })

  it('refuses residents, merchants and building heads, and staff of another community', async () => {
    for (const p of [freshResident(other), holder('merchant', other), holder('buildingHead', other)])
      expect(await g.act(p, 'rules', { unitId: other._id })).toEqual(exactly('FORBIDDEN'))
    expect(await g.act(holder('communityStaff', changed), 'rules', { unitId: other._id })).toEqual(exactly('FORBIDDEN'))
  })
})

describe('changing the rules', () => {
  beforeAll(async () => {
    const staff = holder('communityStaff', changed)
    const view = data(
      await g.act<RulesView>(staff, 'updateRules', { communityId: changed._id, version: 0, rules: CHANGED }),
    )
    expect(view).toMatchObject({ rules: CHANGED, version: 1, updatedBy: staff.name, canEdit: true })
    expect(view.changed.sort()).toEqual(
      [
        'adjustLimits',
        'cancelBeforeHours',
        'checkOpensBeforeMinutes',
        'expiry',
        'noShowLimit',
        'starHours',
        'teamLimit',
      ].sort(),
    )
  })

  it('one no-show bars signing up in the changed community only', async () => {
    const here = freshResident(changed)
    const there = freshResident(other)
    const yesterday = new Date(Date.now() - 24 * HOUR)
    await g.cloud.seed({
      volunteers: [volunteer(here, { noShows: [yesterday] }), volunteer(there, { noShows: [yesterday] })],
    })
    const a = await postFor(holder('communityStaff', changed), changed)
    const b = await postFor(holder('communityStaff', other), other)
    const seenHere = data(await g.act<ActivityDetail>(here, 'activity', { activityId: a.id }))
    expect(seenHere.barred).toMatchObject({ noShows: 1, reason: expect.stringContaining('暂停报名至') })
    expect(await g.act(here, 'signUp', { activityId: a.id, roleIndex: 0 })).toMatchObject({
      ok: false,
      code: 'SIGNUP_BARRED',
    })
    expect(data(await g.act<ActivityDetail>(there, 'activity', { activityId: b.id })).barred).toBeNull()
    expect(await g.act(there, 'signUp', { activityId: b.id, roleIndex: 0 })).toMatchObject({ ok: true })
  })

  it('a new activity takes the community’s cancel-free hours unless it sets its own', async () => {
    expect((await postFor(holder('communityStaff', changed), changed)).cancelBeforeHours).toBe(6)
    expect(
      (await postFor(holder('communityStaff', changed), changed, { cancelBeforeHours: 1 })).cancelBeforeHours,
    ).toBe(1)
    expect((await postFor(holder('communityStaff', other), other)).cancelBeforeHours).toBe(3)
  })

  it('check-in opens by the community’s window', async () => {
    const opensBefore = async (community: Unit) => {
      const staff = holder('communityStaff', community)
      const a = await postFor(staff, community)
      const code = data(await g.act<CheckCodeResult>(staff, 'checkCode', { activityId: a.id, kind: 'in' }))
      return (Date.parse(a.startAt) - Date.parse(code.opensAt)) / 60_000
    }
    expect(await opensBefore(changed)).toBe(120)
    expect(await opensBefore(other)).toBe(30)
  })

  it('stars come from the community’s levels', async () => {
    const here = freshResident(changed)
    const there = freshResident(other)
    await g.cloud.seed({ volunteers: [volunteer(here, { minutes: 150 }), volunteer(there, { minutes: 150 })] })
    expect(data(await g.act<VolunteerRecord>(here, 'record', {}))).toMatchObject({ star: 2, nextStarHours: 3 })
    expect(data(await g.act<VolunteerRecord>(there, 'record', {}))).toMatchObject({ star: 0, nextStarHours: 100 })
  })

  it('a person joins as many teams as the team’s community allows', async () => {
    const joinTwo = async (community: Unit) => {
      const staff = holder('communityStaff', community)
      const p = freshResident(community)
      const teams = [
        data(await g.act<TeamCard>(staff, 'createTeam', { name: '规则测试一队', unitId: community._id })),
        data(await g.act<TeamCard>(staff, 'createTeam', { name: '规则测试二队', unitId: community._id })),
      ]
      expect(await g.act(p, 'joinTeam', { teamId: teams[0].id })).toMatchObject({ ok: true })
      return g.act(p, 'joinTeam', { teamId: teams[1].id })
    }
    expect(await joinTwo(changed)).toEqual({
      ok: false,
      code: 'TEAM_LIMIT',
      message: '加入的服务队已达上限：最多可以同时加入 1 个服务队',
    })
    expect(await joinTwo(other)).toMatchObject({ ok: true })
  })

  it('a grid chief grants within the resident’s community’s monthly limit', async () => {
    const grant = async (community: Unit) => {
      const chief = holder('gridChief', community)
      const grid = chief.roles.find((r) => r.role === 'gridChief')?.unitId as string
      const p = freshResident(community, grid)
      return g.act<AdjustResult>(chief, 'adjustPoints', {
        personId: p._id,
        direction: 'grant',
        amount: 20,
        reason: '规则测试的奖励',
        requestId: `rules-grant-${community._id}`,
      })
    }
    expect(await grant(changed)).toEqual({
      ok: false,
      code: 'POINTS_LIMIT_EXCEEDED',
      message: '超出本月可调整的积分额度：本月还可奖励 10 分',
    })
    expect(data(await grant(other))).toMatchObject({ posted: true, remaining: { grant: 480 } })
  })

  it('granted points expire by the paying community’s rule', async () => {
    const expiryOf = async (community: Unit) => {
      const staff = holder('communityStaff', community)
      const p = freshResident(community)
      data(
        await g.act(staff, 'adjustPoints', {
          personId: p._id,
          direction: 'grant',
          amount: 5,
          reason: '规则测试的奖励',
          requestId: `rules-expiry-${community._id}`,
        }),
      )
      const wallet = data(await g.act<Wallet>(p, 'wallet', {}))
      expect(wallet.expiries).toHaveLength(1)
      return Date.parse(wallet.expiries[0].at)
    }
    const days = (await expiryOf(changed)) - Date.now()
    expect(days).toBeGreaterThan(29.9 * 24 * HOUR)
    expect(days).toBeLessThanOrEqual(30 * 24 * HOUR)
    // the default: the end of next year, Beijing time
    const year = new Date(Date.now() + 8 * HOUR).getUTCFullYear() + 1
    expect(new Date(await expiryOf(other)).toISOString()).toBe(
      new Date(Date.UTC(year + 1, 0, 1) - 8 * HOUR).toISOString(),
    )
  })

  it('the other community still reads the defaults', async () => {
    expect(await readRules(holder('communityStaff', other), other._id)).toMatchObject({
      rules: VOLUNTEER_RULES,
      version: 0,
    })
  })
})

describe('guarding the rules', () => {
  const stored = async () => ((await g.dump()).pointsSettings as PointsSettingsDoc[]).map((d) => [d._id, d.version])

  it('refuses an edit made on a stale read, writing nothing', async () => {
    const staff = holder('communityStaff', changed)
    const before = await readRules(staff, changed._id)
    const first = { communityId: changed._id, version: before.version, rules: { ...before.rules, barDays: 60 } }
    expect(data(await g.act<RulesView>(staff, 'updateRules', first)).version).toBe(before.version + 1)
    const snapshot = await stored()
    expect(await g.act(staff, 'updateRules', { ...first, rules: { ...before.rules, barDays: 90 } })).toEqual(
      exactly('POINTS_RULES_STALE'),
    )
    expect(await stored()).toEqual(snapshot)
    expect((await readRules(staff, changed._id)).rules.barDays).toBe(60)
  })

  it('writes one audit entry per change, over the community, saying what changed', async () => {
    const entries = ((await g.dump()).audit as AuditDoc[]).filter((a) => a.action === 'points.updateRules')
    const staff = holder('communityStaff', changed)
    expect(entries.map((e) => [e.unitId, e.actorId])).toEqual([
      [changed._id, staff._id],
      [changed._id, staff._id],
    ])
    expect(entries.map((e) => e.note)).toEqual(
      expect.arrayContaining([expect.stringContaining('缺席次数上限：2 次 → 1 次'), '暂停报名天数：30 天 → 60 天']),
    )
  })

  it('refuses a grid chief, a resident, and staff of another community', async () => {
    const payload = { communityId: other._id, version: 0, rules: CHANGED }
    for (const p of [holder('gridChief', other), freshResident(other), holder('communityStaff', changed)])
      expect(await g.act(p, 'updateRules', payload)).toEqual(exactly('FORBIDDEN'))
    expect(await readRules(holder('communityStaff', other), other._id)).toMatchObject({ version: 0 })
  })

  const bad: [string, Record<string, unknown>][] = [
    ['star levels that fall', { starHours: [300, 100] }],
    ['six star levels', { starHours: [1, 2, 3, 4, 5, 6] }],
    ['no star level', { starHours: [] }],
    ['a negative cancel time', { cancelBeforeHours: -1 }],
    ['a fractional limit', { noShowLimit: 1.5 }],
    ['a bar of no days', { barDays: 0 }],
    ['an hour past midnight', { nightFromHour: 24 }],
    ['a number as text', { teamLimit: '5' }],
    ['an unknown expiry', { expiry: { kind: 'never' } }],
    ['expiry with extra fields', { expiry: { kind: 'days', days: 30, $where: 'sleep(1000)' } }],
    ['a role nobody has', { adjustLimits: { ...VOLUNTEER_RULES.adjustLimits, merchant: { grant: 1, deduct: 1 } } }],
    [
      'a limit past the bound',
      { adjustLimits: { ...VOLUNTEER_RULES.adjustLimits, gridChief: { grant: 1e9, deduct: 0 } } },
    ],
    ['an operator key', { $set: { teamLimit: 99 } }],
    ['a missing rule', { teamLimit: undefined }],
  ]
  it.each(bad)('refuses %s with INVALID_PAYLOAD, writing nothing', async (_name, change) => {
    const staff = holder('communityStaff', other)
    const snapshot = await stored()
    const res = await g.act(staff, 'updateRules', {
      communityId: other._id,
      version: 0,
      rules: { ...VOLUNTEER_RULES, ...change },
    })
    expect(res).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    expect(await stored()).toEqual(snapshot)
  })

  it('refuses rules for a grid (they are set per community)', async () => {
    const staff = holder('communityStaff', other)
    const grid = g.demo.units.find((u) => u.level === 'grid' && isWithin(u.path, other.path)) as Unit
    expect(
      await g.act(staff, 'updateRules', { communityId: grid._id, version: 0, rules: VOLUNTEER_RULES }),
    ).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
      message: expect.stringContaining('按社区设置'),
    })
  })
})
