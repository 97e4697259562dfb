/**
 * The one switch through the real wx-server-sdk against the local cloud over the demo: community staff declare an
 * emergency over their community; 首页 shows it with its instructions to a resident under it and not to one of the
 * other community; a second declare over the same unit is refused while it lasts (and 20 racing declares leave exactly
 * one); staff of the other community are refused; bad payloads write nothing; ending it takes the banner away and
 * keeps the record readable in the history; the unit may then declare again.
 */
import type { EmergencyDoc, EmergencyLockDoc, PersonDoc } from '../../../core/model'
import { emergencyId } from '../../../core/ids'
import { exactly } from '../harness/functions-cloud'
import { DEMO_EMERGENCY_ID } from '../../../emulator/seed/emergency'
import { BLOCKED, newTap, startEmergencyCloud, type EmergencyCloud } from './cloud'

jest.setTimeout(180_000)

let g: EmergencyCloud
let staff: PersonDoc
let otherStaff: PersonDoc
let street: PersonDoc
let inside: PersonDoc
let outside: PersonDoc
let chief: PersonDoc

const declare = (over: string, extra: object = {}) => ({
  unitId: over,
  tapId: newTap('declare'),
  name: '暴雨防汛',
  level: 2,
  instructions: '请减少外出，地下车库停止使用；如需帮助请联系网格员。',
  ...extra,
})

beforeAll(async () => {
  g = await startEmergencyCloud()
  staff = await g.holding('communityStaff', 'c1')
  otherStaff = await g.holding('communityStaff', 'c2')
  street = await g.holding('streetStaff', 's1')
  chief = await g.holding('gridChief', 'g1')
  inside = await g.resident(g.householdUnder('g1')._id)
  outside = await g.resident(g.householdUnder('g5')._id)
  // the demo's own emergency over the community ends first: these tests declare their own there
  await g.ok(staff, 'end', { id: DEMO_EMERGENCY_ID })
})
afterAll(async () => {
  await g?.close()
})

describe('declare, the banner, end', () => {
  let id: string

  it('declares over the community: the resident under it sees the banner with the instructions on 首页', async () => {
    const res = await g.ok(staff, 'declare', declare('c1'))
    id = res.id
    expect(id).toBe(emergencyId('c1', 3))
    const home = await g.home(inside)
    expect(home.emergencies).toEqual([
      expect.objectContaining({
        id,
        name: '暴雨防汛',
        level: 2,
        scope: { id: 'c1', name: g.unit('c1').name, level: 'community' },
        instructions: '请减少外出，地下车库停止使用；如需帮助请联系网格员。',
        active: true,
        endedAt: null,
        declaredByName: staff.name,
      }),
    ])
    // a grid chief under it sees it too, and the street's staff above it do not get a banner (not their place)
    expect((await g.home(chief)).emergencies.map((e) => e.id)).toEqual([id])
    expect((await g.home(street)).emergencies).toEqual([])
  })

  it('shows nothing to a resident of the other community, who cannot open it either', async () => {
    expect((await g.home(outside)).emergencies).toEqual([])
    expect(await g.act(outside, 'detail', { id })).toEqual(exactly('NOT_FOUND'))
    expect((await g.ok(outside, 'current', {})).rows).toEqual([])
  })

  it('refuses a second declare over the same unit while it lasts, and answers a retried tap with the same one', async () => {
    expect(await g.act(staff, 'declare', declare('c1', { name: '另一次' }))).toEqual(exactly('EMERGENCY_ACTIVE'))
    // the street over it is refused the same unit too
    expect(await g.act(street, 'declare', declare('c1'))).toEqual(exactly('EMERGENCY_ACTIVE'))
    const tap = newTap('retry')
    const first = await g.ok(staff, 'declare', declare('g3', { tapId: tap }))
    expect(await g.ok(staff, 'declare', declare('g3', { tapId: tap }))).toEqual(first)
    expect((await g.stored<EmergencyDoc>('emergencies')).filter((e) => e.scopeUnitId === 'g3')).toHaveLength(1)
    await g.ok(staff, 'end', { id: first.id })
  })

  it('refuses staff of the other community over this one, and writes nothing', async () => {
    const before = await g.stored<EmergencyDoc>('emergencies')
    expect(await g.act(otherStaff, 'declare', declare('g2'))).toEqual(exactly('FORBIDDEN'))
    expect(await g.act(otherStaff, 'updateInstructions', { id, instructions: '改一下' })).toEqual(exactly('FORBIDDEN'))
    expect(await g.act(otherStaff, 'end', { id })).toEqual(exactly('FORBIDDEN'))
    expect(await g.act(otherStaff, 'list', { unitId: 'c1' })).toEqual(exactly('FORBIDDEN'))
    // a grid chief may read the history under them, but not declare
    expect(await g.act(chief, 'declare', declare('g1'))).toEqual(exactly('FORBIDDEN'))
    expect(await g.act(inside, 'declare', declare('g1'))).toEqual(exactly('FORBIDDEN'))
    expect(await g.stored<EmergencyDoc>('emergencies')).toEqual(before)
  })

  it.each([
    ['a level that is not one', { level: 5 }, 'INVALID_PAYLOAD'],
    ['no name', { name: '  ' }, 'INVALID_PAYLOAD'],
    ['no instructions', { instructions: '' }, 'INVALID_PAYLOAD'],
    ['instructions too long', { instructions: '雨'.repeat(2001) }, 'INVALID_PAYLOAD'],
    ['an unknown field', { publishTo: 'everyone' }, 'INVALID_PAYLOAD'],
    ['a start in the past', { startAt: new Date(Date.now() - 86_400_000).toISOString() }, 'EMERGENCY_START_INVALID'],
    [
      'a start too far ahead',
      { startAt: new Date(Date.now() + 40 * 86_400_000).toISOString() },
      'EMERGENCY_START_INVALID',
    ],
    ['risky text', { instructions: `${BLOCKED}请勿参与` }, 'CONTENT_RISKY'],
  ])('refuses %s and writes nothing', async (_what, extra, code) => {
    const before = await g.stored<EmergencyDoc>('emergencies')
    const res = await g.act(staff, 'declare', declare('g2', extra))
    expect(res).toMatchObject({ ok: false, code })
    expect(await g.stored<EmergencyDoc>('emergencies')).toEqual(before)
  })

  it('refuses a household as the scope, and an unknown unit', async () => {
    expect(await g.act(staff, 'declare', declare(g.householdUnder('g2')._id))).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
    })
    expect(await g.act(staff, 'declare', declare('no-such-unit'))).toEqual(exactly('NOT_FOUND'))
  })

  it('changes the pinned instructions: 首页 shows the new ones', async () => {
    const view = await g.ok(staff, 'updateInstructions', { id, instructions: '雨势减弱，仍请勿进入地下车库。' })
    expect(view.instructions).toBe('雨势减弱，仍请勿进入地下车库。')
    expect((await g.home(inside)).emergencies[0].instructions).toBe('雨势减弱，仍请勿进入地下车库。')
    expect(await g.act(staff, 'updateInstructions', { id, instructions: BLOCKED })).toMatchObject({
      ok: false,
      code: 'CONTENT_RISKY',
    })
  })

  it('a later start is not on 首页 yet, but current lists it as not yet in force', async () => {
    const later = await g.ok(
      street,
      'declare',
      declare('c2', { startAt: new Date(Date.now() + 86_400_000).toISOString() }),
    )
    expect((await g.home(outside)).emergencies).toEqual([])
    expect((await g.ok(outside, 'current', {})).rows).toEqual([
      expect.objectContaining({ id: later.id, active: false }),
    ])
    await g.ok(street, 'end', { id: later.id })
  })

  it('ends it: the banner is gone, the record stays readable in the history, and the unit may declare again', async () => {
    const ended = await g.ok(staff, 'end', { id })
    expect(ended).toMatchObject({ id, active: false, endedByName: staff.name })
    expect(ended.endedAt).not.toBeNull()
    expect((await g.home(inside)).emergencies).toEqual([])
    // the record: its page for a member of the scope, the history for the leaders
    expect(await g.ok(inside, 'detail', { id })).toMatchObject({
      id,
      instructions: '雨势减弱，仍请勿进入地下车库。',
      active: false,
      mayManage: false,
    })
    const history = await g.ok(chief, 'list', { unitId: 'g1' })
    expect(history.rows).toEqual([])
    const ofCommunity = await g.ok(staff, 'list', { unitId: 'c1' })
    expect(ofCommunity.rows.map((e) => e.id)).toContain(id)
    // ending again changes nothing; it cannot be changed any more
    expect((await g.ok(staff, 'end', { id })).endedAt).toBe(ended.endedAt)
    expect(await g.act(staff, 'updateInstructions', { id, instructions: '再改' })).toEqual(exactly('EMERGENCY_ENDED'))
    const again = await g.ok(staff, 'declare', declare('c1', { name: '寒潮' }))
    expect(again.id).toBe(emergencyId('c1', 4))
    await g.ok(staff, 'end', { id: again.id })
  })

  it('pages the history newest first', async () => {
    const first = await g.ok(staff, 'list', { unitId: 'c1', pageSize: 2 })
    expect(first.rows).toHaveLength(2)
    expect(first.nextCursor).toBe('2')
    const next = await g.ok(staff, 'list', { unitId: 'c1', pageSize: 2, cursor: first.nextCursor })
    const all = [...first.rows, ...next.rows]
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length)
    const starts = all.map((e) => +new Date(e.startAt))
    expect(starts).toEqual([...starts].sort((a, b) => b - a))
  })
})

describe('racing declares', () => {
  it('20 concurrent declares over one unit leave exactly one emergency', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        g.act(i % 2 ? staff : street, 'declare', declare('g4', { name: `并发${i}` })),
      ),
    )
    const won = results.filter((r) => r.ok)
    expect(won).toHaveLength(1)
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(Array(19).fill('EMERGENCY_ACTIVE'))
    const stored = (await g.stored<EmergencyDoc>('emergencies')).filter((e) => e.scopeUnitId === 'g4')
    expect(stored.map((e) => e._id)).toEqual([emergencyId('g4', 1)])
    const locks = (await g.stored<EmergencyLockDoc>('emergencyLocks')).filter((l) => l._id === 'g4')
    expect(locks).toEqual([{ _id: 'g4', activeId: emergencyId('g4', 1), declared: 1 }])
  })
})
