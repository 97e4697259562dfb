/**
 * Binding grids' WeChat group chats, through the real wx-server-sdk in the local cloud. "Opened from group X"
 * is a CloudID minted by the local cloud for `{ openGId: X }`, passed as the top-level `group` field, which the
 * local cloud decrypts before the function runs, as the platform does.
 */
import type { ClaimView, GroupView, InviteTarget, InviteView } from '../../../core/contract'
import type { InviteDoc, PersonDoc } from '../../../core/model'
import { ancestorAt, type Unit } from '../../../core/units'
import { holderOf as holderIn, residentCast, unitOf } from '../../demo'
import { data, exactly, startJoinCloud, type JoinCloud } from '../harness/join-cloud'

jest.setTimeout(120_000)

let g: JoinCloud
beforeAll(async () => {
  g = await startJoinCloud()
})
afterAll(async () => {
  await g?.close()
})

const unit = (id: string) => unitOf(g.demo, id)
const holderOf = (role: string, unitId: string) => holderIn(g.demo, role, unitId)
const openidOf = (p: PersonDoc) => p.openid as string
const join = <T>(openid: string, action: string, payload: unknown, fromGroup?: string) =>
  g.act<T>(openid, 'join', action, payload, fromGroup)

let visitors = 0
const visitor = () => `o_group_visitor_${++visitors}`

// grid A: the resident persona's grid; grid B: the grid chief persona's
let gridA: string
let gridB: string
let chiefA: string
let chiefB: string
let staff: string
let resident: string
beforeAll(() => {
  const cast = residentCast(g.demo)
  ;({ gridId: gridA, chief: chiefA, foreignChief: chiefB, staff } = cast)
  resident = openidOf(cast.resident)
  gridB = g.persona('gridChief').roles.find((x) => x.role === 'gridChief')?.unitId as string
  expect(gridB).not.toBe(gridA)
})

const card = async (openid: string, gridId: string) =>
  data(await join<InviteView>(openid, 'createBindCard', { gridId })).token

describe('binding group chats', () => {
  it('binds on the first open from a group; a second group of the same grid binds too; opening again changes nothing', async () => {
    const token = await card(chiefA, gridA)
    const first = data(await join<GroupView>(visitor(), 'bindGroup', { token }, 'G-one'))
    expect(first).toMatchObject({ groupId: 'G-one', grid: { id: gridA, name: unit(gridA).name, level: 'grid' } })

    const second = data(await join<GroupView>(resident, 'bindGroup', { token }, 'G-two'))
    expect(second.grid.id).toBe(gridA)

    const before = await g.dump()
    const again = data(await join<GroupView>(visitor(), 'bindGroup', { token }, 'G-one'))
    expect(again).toEqual(first)
    expect(await g.dump()).toEqual(before)

    const groups = data(await join<GroupView[]>(chiefA, 'gridGroups', { gridId: gridA }))
    expect(groups.map((x) => x.groupId)).toEqual(['G-one', 'G-two'])
  })

  it('knows the grid of anything opened from a bound group, and lets a visitor claim a room from there', async () => {
    const target = data(await join<InviteTarget>(visitor(), 'openInvite', {}, 'G-one'))
    expect(target.via).toBe('group')
    expect(target.grid.id).toBe(gridA)
    expect(target.buildings.map((b) => b.id).sort()).toEqual(
      g.demo.units
        .filter((u) => u.parentId === gridA)
        .map((u) => u._id)
        .sort(),
    )
    const home = g.demo.units.find((u) => u.level === 'household' && ancestorAt(u.path, 'grid') === gridA) as Unit
    const claimed = await join<ClaimView>(
      visitor(),
      'claimHousehold',
      { microgridId: home.parentId, entrance: home.entrance, room: home.room, name: '群里来的', phone: '19912345678' },
      'G-one',
    )
    expect(data(claimed)).toMatchObject({ status: 'pending', household: { id: home._id } })
    // the group's grid only: a room of another grid is refused
    const elsewhere = g.demo.units.find((u) => u.level === 'household' && ancestorAt(u.path, 'grid') === gridB) as Unit
    expect(
      await join(
        visitor(),
        'claimHousehold',
        {
          microgridId: elsewhere.parentId,
          entrance: elsewhere.entrance,
          room: elsewhere.room,
          name: '甲',
          phone: '19912345679',
        },
        'G-one',
      ),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('shows a visitor opened from the group its grid in grid.me', async () => {
    const res = await g.act<{ person: unknown; grid: { id: string; heads: { role: string }[] } | null }>(
      visitor(),
      'grid',
      'me',
      {},
      'G-one',
    )
    expect(res.ok && res.data.person).toBeNull()
    expect(res.ok && res.data.grid?.id).toBe(gridA)
    expect(res.ok && res.data.grid?.heads.map((h) => h.role)).toEqual(['gridChief', 'partyLeader'])
  })

  it('refuses to bind a group already bound to another grid', async () => {
    const tokenB = await card(chiefB, gridB)
    expect(await join(chiefB, 'bindGroup', { token: tokenB }, 'G-one')).toEqual(exactly('GROUP_BOUND_ELSEWHERE'))
    expect(data(await join<InviteTarget>(visitor(), 'openInvite', {}, 'G-one')).grid.id).toBe(gridA)
  })

  it('lets only that grid’s chief or community staff unbind; then the group binds elsewhere', async () => {
    expect(await join(resident, 'unbindGroup', { groupId: 'G-one' })).toEqual(exactly('FORBIDDEN'))
    expect(await join(chiefB, 'unbindGroup', { groupId: 'G-one' })).toEqual(exactly('FORBIDDEN'))
    expect(await join(openidOf(holderOf('partyLeader', gridA)), 'unbindGroup', { groupId: 'G-one' })).toEqual(
      exactly('FORBIDDEN'),
    )
    expect(await join(visitor(), 'unbindGroup', { groupId: 'G-one' })).toEqual(exactly('NOT_REGISTERED'))
    expect(await join(chiefA, 'unbindGroup', { groupId: 'G-never-bound' })).toEqual(exactly('NOT_FOUND'))

    expect(data(await join(chiefA, 'unbindGroup', { groupId: 'G-one' }))).toEqual({ groupId: 'G-one' })
    expect(await join(visitor(), 'openInvite', {}, 'G-one')).toEqual(exactly('GROUP_UNKNOWN'))

    const tokenB = await card(chiefB, gridB)
    expect(data(await join<GroupView>(chiefB, 'bindGroup', { token: tokenB }, 'G-one')).grid.id).toBe(gridB)
    expect(data(await join<InviteTarget>(visitor(), 'openInvite', {}, 'G-one')).grid.id).toBe(gridB)
    expect(data(await join<GroupView[]>(chiefA, 'gridGroups', { gridId: gridA })).map((x) => x.groupId)).toEqual([
      'G-two',
    ])
    // community staff may unbind any group of their community
    expect(data(await join(staff, 'unbindGroup', { groupId: 'G-two' }))).toEqual({ groupId: 'G-two' })
  })

  it('binds a group once when two members open the card from it at the same moment', async () => {
    const token = await card(chiefA, gridA)
    const results = await Promise.all(
      Array.from({ length: 6 }, () => join<GroupView>(visitor(), 'bindGroup', { token }, `G-race`)).concat([
        join<GroupView>(chiefB, 'bindGroup', { token: await card(chiefB, gridB) }, 'G-race'),
      ]),
    )
    const grids = new Set(results.flatMap((r) => (r.ok ? [r.data.grid.id] : [])))
    expect(grids.size).toBe(1)
    const winner = [...grids][0]
    expect(results.filter((r) => !r.ok)).toEqual(
      winner === gridA ? [exactly('GROUP_BOUND_ELSEWHERE')] : Array(6).fill(exactly('GROUP_BOUND_ELSEWHERE')),
    )
    const docs = (await g.dump()).groups as { _id: string; gridId: string }[]
    expect(docs.filter((d) => d._id === 'G-race')).toEqual([expect.objectContaining({ gridId: winner })])
  })

  it('lists a grid’s groups to its leaders only', async () => {
    expect(await join(chiefB, 'gridGroups', { gridId: gridA })).toEqual(exactly('FORBIDDEN'))
    expect(await join(resident, 'gridGroups', { gridId: gridA })).toEqual(exactly('FORBIDDEN'))
    expect(data(await join(openidOf(holderOf('partyLeader', gridA)), 'gridGroups', { gridId: gridA }))).toEqual(
      expect.any(Array),
    )
  })
})

describe('bind refusals', () => {
  it('needs the group the card was opened from, and a live binding card', async () => {
    const token = await card(chiefA, gridA)
    expect(await join(visitor(), 'bindGroup', { token })).toEqual(exactly('GROUP_UNKNOWN'))

    const joinToken = data(await join<InviteView>(chiefA, 'createInvite', { unitId: gridA })).token
    const expired: InviteDoc = {
      _id: 'expired-bind-card-1',
      kind: 'bindGroup',
      unitId: gridA,
      createdBy: holderOf('gridChief', gridA)._id,
      createdAt: new Date(Date.now() - 2 * 86_400_000),
      expiresAt: new Date(Date.now() - 1000),
    }
    await g.cloud.seed({ invites: [expired] })
    for (const bad of [joinToken, expired._id, 'not-a-real-token']) {
      expect(await join(visitor(), 'bindGroup', { token: bad }, 'G-fresh')).toEqual(exactly('INVITE_INVALID'))
    }
    expect(await join(visitor(), 'openInvite', {}, 'G-fresh')).toEqual(exactly('GROUP_UNKNOWN'))
  })

  it('ignores a group the client writes into the payload', async () => {
    const token = await card(chiefA, gridA)
    expect(await join(visitor(), 'bindGroup', { token, group: 'G-x' })).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
    })
    expect(await join(visitor(), 'openInvite', { openGId: 'G-two' })).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
    })
  })

  it('writes nothing when refused', async () => {
    const token = await card(chiefA, gridA)
    data(await join(visitor(), 'bindGroup', { token }, 'G-kept'))
    const before = await g.dump()
    await Promise.all([
      join(visitor(), 'bindGroup', { token }),
      join(visitor(), 'bindGroup', { token: 'expired-bind-card-1' }, 'G-new'),
      join(chiefB, 'bindGroup', { token: 'not-a-real-token' }, 'G-kept'),
      join(resident, 'unbindGroup', { groupId: 'G-kept' }),
      join(chiefB, 'unbindGroup', { groupId: 'G-kept' }),
      join(resident, 'createBindCard', { gridId: gridA }),
      join(
        openidOf(holderOf('buildingHead', unit(g.persona('resident').householdId as string).parentId as string)),
        'createBindCard',
        { gridId: gridA },
      ),
      join(visitor(), 'openInvite', {}, 'G-unbound'),
    ])
    expect(await g.dump()).toEqual(before)
  })
})
