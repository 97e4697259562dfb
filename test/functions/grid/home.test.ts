/**
 * grid.home (首页 in one call) as each persona of the demo community, through the real wx-server-sdk in the local
 * cloud: exactly what grid.me says, the unread count notices.unreadCount gives, and for a leader the overview
 * grid.overview gives for their leading scope — so the three stay one answer however each evolves; and 我的's
 * emergency-mode links (a duty shift held, the household's slot, a reserve registration, an emergency in force).
 */
import { ancestorAt } from '../../../core/units'
import type { HomeResult, MeResult, OverviewResult } from '../../../core/contract'
import type { Envelope } from '../../../core/envelope'
import { leadingScope } from '../../../core/grid/leading-scope'
import type { PersonDoc } from '../../../core/model'
import { inDays, startNoticesCloud, type NoticesCloud } from '../harness/notices-cloud'

jest.setTimeout(60_000)

let c: NoticesCloud
beforeAll(async () => {
  c = await startNoticesCloud()
}, 180_000)
afterAll(() => c?.close())

const grid = async <T>(openid: string, action: string, payload: unknown = {}): Promise<T> => {
  const res = (await c.call<T>(openid, { action, payload })) as Envelope<T>
  if (!res.ok) throw new Error(`grid.${action} as ${openid}: ${res.code} ${res.message}`)
  return res.data
}
const home = (p: PersonDoc) => grid<HomeResult>(p.openid as string, 'home')
const me = (p: PersonDoc) => grid<MeResult>(p.openid as string, 'me')
const personaAt = (role: string, n = 0) => {
  const openid = c.demo.personas.filter((p) => p.role === role)[n]?.openid
  const person = c.demo.people.find((p) => p.openid === openid)
  if (!person) throw new Error(`no persona ${role} #${n}`)
  return person
}
const split = ({ unread, leading, emergencies, ...who }: HomeResult) => ({ unread, leading, emergencies, who })

describe('grid.home', () => {
  it.each(['resident', 'buildingHead', 'partyLeader', 'gridChief', 'communityStaff', 'merchant'])(
    'answers the %s with everything grid.me says, and the overview of their leading scope as grid.overview gives it',
    async (role) => {
      const person = personaAt(role)
      const { who, leading } = split(await home(person))
      expect(who).toEqual(await me(person))

      const scope = leadingScope(who.roles)
      if (!scope) {
        expect(leading).toBeNull()
        return
      }
      expect(leading?.scope).toEqual(scope)
      const overview = await grid<OverviewResult>(person.openid as string, 'overview', { unitId: scope.unitId })
      expect(leading?.overview).toEqual(overview)
      expect(leading?.overview.households).toBeGreaterThan(0)
    },
  )

  it('leads a grid chief with their own grid, whatever else they hold', async () => {
    const chief = personaAt('gridChief')
    const { leading } = await home(chief)
    const grid = chief.roles.find((r) => r.role === 'gridChief')?.unitId
    expect(leading?.scope).toMatchObject({ role: 'gridChief', unitId: grid, level: 'grid' })
    expect(leading?.overview.unit.id).toBe(grid)
    expect(leading?.overview.children.length).toBeGreaterThan(0)
  })

  it('carries the resident’s unread count, the same as notices.unreadCount, as notices arrive and are read', async () => {
    const resident = personaAt('resident')
    const count = async () => (await c.ok<{ unread: number }>(resident, 'unreadCount', {})).unread
    const before = (await home(resident)).unread
    expect(before).toBe(await count())

    const gridId = ancestorAt(resident.homePath as string, 'grid') as string
    const chief = c.holder('gridChief', gridId)
    const { id: noticeId } = await c.ok<{ id: string }>(chief, 'publish', {
      title: '电梯检修',
      body: '本周三 9:00–11:00 电梯检修，请走楼梯。',
      urgency: 'normal',
      expiresAt: inDays(3),
      unitIds: [gridId],
    })
    expect((await home(resident)).unread).toBe(before + 1)
    expect(await count()).toBe(before + 1)

    await c.ok(resident, 'detail', { noticeId }) // opening it marks it read
    expect((await home(resident)).unread).toBe(before)
  })

  it('answers a WeChat user who has not joined as grid.me does: nobody, nothing unread, no overview', async () => {
    const res = await c.call<HomeResult>('o_demo_visitor_1', { action: 'home', payload: {} })
    expect(res).toEqual({
      ok: true,
      data: { person: null, roles: [], household: null, grid: null, unread: 0, leading: null, emergencies: [] },
    })
  })

  it('tells 我的 what it has in emergency mode (我的值守, 我的采样时段, 我的应急力量), as grid.me does', async () => {
    const resident = personaAt('resident')
    const household = resident.householdId as string
    const p: PersonDoc = {
      _id: 'links_person',
      openid: 'o_links_person',
      name: '应急链接居民',
      phone: '13900007777',
      householdId: household,
      homePath: resident.homePath,
      roles: [{ role: 'resident', unitId: household }],
      createdAt: new Date(),
    }
    await c.cloud.seed({ people: [p] })
    const before = await home(p)
    const inForce = before.emergencies.some((e) => e.active)
    expect(before.emergencyLinks).toMatchObject({ duty: false, reserve: false, emergency: inForce })
    expect(split(before).who).toEqual(await me(p))

    const now = Date.now()
    await c.cloud.seed({
      dutyPeople: [
        {
          _id: p._id,
          holds: [{ shiftId: 's', startAt: new Date(now + 3_600_000), endAt: new Date(now + 9 * 3_600_000) }],
          updatedAt: new Date(),
        },
      ],
      reserveMembers: [
        {
          _id: p._id,
          personId: p._id,
          name: p.name,
          phone: p.phone,
          kind: 'volunteer',
          skills: [],
          skillsNote: '',
          availability: '',
          unitId: household,
          path: p.homePath,
          registeredBy: p._id,
          registeredByName: p.name,
          registeredAt: new Date(),
          updatedAt: new Date(),
        },
      ],
      testingBookings: [
        {
          _id: 'links_round_' + household,
          roundId: 'links_round',
          householdId: household,
          door: '101',
          buildingId: 'b',
          path: p.homePath,
          slotId: 'links_slot',
          siteIndex: 0,
          startAt: new Date(now + 3_600_000 * 48),
          bookedAt: new Date(),
          bookedBy: 'assign',
          moves: 0,
          doneAt: null,
          doneBy: null,
        },
      ],
    })
    const after = await home(p)
    expect(after.emergencyLinks).toEqual({ duty: true, testing: true, reserve: true, emergency: inForce })
    expect(split(after).who).toEqual(await me(p))
    // a shift that has ended is nothing to look at any more
    await c.cloud.seed({
      dutyPeople: [
        {
          _id: p._id,
          holds: [{ shiftId: 's', startAt: new Date(now - 9 * 3_600_000), endAt: new Date(now - 3_600_000) }],
          updatedAt: new Date(),
        },
      ],
    })
    expect((await me(p)).emergencyLinks).toMatchObject({ duty: false, testing: true, reserve: true })
  })

  it('refuses a payload it does not know, in Chinese, writing nothing', async () => {
    const res = await c.call(personaAt('resident').openid as string, { action: 'home', payload: { unitId: 'g1' } })
    expect(res).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    expect((res as { message: string }).message).toMatch(/[\u4e00-\u9fa5]/)
  })
})
