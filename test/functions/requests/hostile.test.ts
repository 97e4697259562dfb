/**
 * Who may do what with a request, and payloads meant to do harm, over the local cloud. Each refusal is the stable
 * code with its standard Chinese message, and writes nothing (requests, events, followers, counters, uploads as
 * they were): foreign ids, a place in another grid or someone else's home, a request of another grid, another
 * department's, moves the caller does not own or may never make (the timer's), oversized text, blocked words,
 * someone else's photo, a cursor that is not one.
 */
import type { PageOf, RequestRow, RequestView } from '../../../core/contract/requests'
import { REQUEST_LIMITS } from '../../../core/contract/requests'
import { ERROR_MESSAGES, type ErrorCode } from '../../../core/envelope'
import type { PersonDoc, RequestFollowerDoc } from '../../../core/model'
import { BLOCKED, gridOf, newTap, startRequestsCloud, type RequestsCloud } from '../harness/requests-cloud'

jest.setTimeout(240_000)

let c: RequestsCloud
let resident: PersonDoc
let neighbour: PersonDoc
let chief: PersonDoc
let otherChief: PersonDoc
let outsider: PersonDoc
let staff: PersonDoc
let streetStaff: PersonDoc
let huanwei: PersonDoc
let chengguan: PersonDoc
let merchant: PersonDoc
let request: string

const byOpenid = (openid: string) => c.demo.people.find((p) => p.openid === openid) as PersonDoc
const WATCHED = ['requests', 'requestEvents', 'requestFollowers', 'requestCounters', 'uploads', 'transfers']

/** The watched collections as stored: a refused call must leave them exactly so. */
const snapshot = async () => {
  const read = await c.collections(WATCHED)
  return Object.fromEntries(WATCHED.map((k) => [k, JSON.stringify(read[k])]))
}

beforeAll(async () => {
  c = await startRequestsCloud()
  resident = byOpenid(c.demo.personas[0].openid)
  neighbour = byOpenid(c.demo.personas[7].openid)
  chief = byOpenid(c.demo.personas[6].openid)
  otherChief = byOpenid(c.demo.personas[3].openid)
  staff = byOpenid(c.demo.personas[4].openid)
  merchant = byOpenid(c.demo.personas[5].openid)
  streetStaff = c.holder('streetStaff', 's1')
  outsider = c.residentsUnder(otherChief.roles.find((r) => r.role === 'gridChief')?.unitId as string)[0]
  const dept = (id: string, departmentId: string): Omit<PersonDoc, 'createdAt'> => ({
    _id: id,
    openid: `o_${id}`,
    name: `${departmentId}队员`,
    phone: '13933334444',
    roles: [{ role: 'department', unitId: 's1', departmentId }],
  })
  huanwei = await c.addPerson(dept('rq_huanwei', 'huanwei'))
  chengguan = await c.addPerson(dept('rq_chengguan2', 'chengguan'))
  expect(gridOf(outsider)).not.toBe(gridOf(resident))
  request = (
    await c.ok<{ id: string }>(resident, 'report', {
      tapId: newTap('report'),
      category: 'hazard',
      description: '楼道里堆满纸箱，挡住了消防通道',
      place: { kind: 'building', unitId: c.unit(resident.householdId as string).parentId },
      anonymous: true,
    })
  ).id
})
afterAll(async () => {
  await c?.close()
})

/** The call is refused with exactly this code and its message, and nothing watched changes. */
async function refused(code: ErrorCode, call: () => Promise<unknown>) {
  const before = await snapshot()
  const res = (await call()) as { ok: boolean; code?: string; message?: string }
  expect({ ok: res.ok, code: res.code }).toEqual({ ok: false, code })
  // the standard message, sharpened by a detail where the code has one
  expect(res.message?.startsWith(ERROR_MESSAGES[code])).toBe(true)
  expect(await snapshot()).toEqual(before)
}
const report = (p: PersonDoc, over: Record<string, unknown>) =>
  c.act(p, 'report', {
    tapId: newTap('report'),
    category: 'repair',
    description: '单元门坏了',
    place: { kind: 'spot', unitId: gridOf(resident), label: '2单元门口' },
    ...over,
  })
const move = (p: PersonDoc, name: string, extra: Record<string, unknown> = {}, id = request) =>
  c.act<RequestView>(p, 'act', { id, move: name, tapId: newTap(name), ...extra })

describe('reporting', () => {
  it('refuses a place in another grid, someone else’s home, a unit of the wrong kind, a spot without words', async () => {
    await refused('REQUEST_PLACE_INVALID', () =>
      report(resident, { place: { kind: 'spot', unitId: gridOf(outsider), label: '路口' } }),
    )
    await refused('REQUEST_PLACE_INVALID', () =>
      report(resident, { place: { kind: 'household', unitId: neighbour.householdId } }),
    )
    await refused('REQUEST_PLACE_INVALID', () =>
      report(resident, { place: { kind: 'building', unitId: gridOf(resident) } }),
    )
    await refused('REQUEST_PLACE_INVALID', () =>
      report(resident, { place: { kind: 'spot', unitId: 'no-such-unit', label: '路口' } }),
    )
    await refused('REQUEST_PLACE_INVALID', () =>
      report(resident, { place: { kind: 'spot', unitId: gridOf(resident), label: '  ' } }),
    )
    // another grid's chief reports for their own grid only
    await refused('REQUEST_PLACE_INVALID', () => report(otherChief, {}))
  })

  it('refuses oversized and malformed payloads, blocked words and someone else’s photo', async () => {
    await refused('INVALID_PAYLOAD', () =>
      report(resident, { description: '很'.repeat(REQUEST_LIMITS.description + 1) }),
    )
    await refused('INVALID_PAYLOAD', () => report(resident, { description: '' }))
    await refused('INVALID_PAYLOAD', () => report(resident, { category: 'bribe' }))
    await refused('INVALID_PAYLOAD', () => report(resident, { tapId: 'x' }))
    await refused('INVALID_PAYLOAD', () => report(resident, { reporterId: chief._id }))
    await refused('INVALID_PAYLOAD', () =>
      report(resident, { photos: Array.from({ length: REQUEST_LIMITS.photos + 1 }, (_, i) => `cloud://x/${i}.png`) }),
    )
    await refused('CONTENT_RISKY', () => report(resident, { description: `楼下有人搞${BLOCKED}` }))
    const theirs = await c.photo(neighbour)
    await refused('UPLOAD_NOT_YOURS', () => report(resident, { photos: [theirs] }))
  })

  it('lets a leader report for a spot in their scope, as themselves, and a merchant in their community', async () => {
    const byChief = await c.ok<{ id: string }>(chief, 'report', {
      tapId: newTap('report'),
      category: 'sanitation',
      description: '巡查发现绿化带垃圾',
      place: { kind: 'spot', unitId: gridOf(resident), label: '中心绿化带' },
    })
    expect((await c.events(byChief.id))[0].actorLabel).toBe(`网格长 ${chief.name}`)
    const byMerchant = await c.ok<{ id: string }>(merchant, 'report', {
      tapId: newTap('report'),
      category: 'enterprise',
      description: '店门口的下水道堵了',
      place: { kind: 'spot', unitId: gridOf(resident), label: '商业街' },
    })
    expect((await c.events(byMerchant.id))[0].actorLabel).toBe(`商户 ${merchant.name}`)
  })
})

describe('reading', () => {
  it('hides a request from residents of other grids and leaders of other grids', async () => {
    await refused('REQUEST_NOT_FOUND', () => c.act(outsider, 'detail', { id: request }))
    await refused('REQUEST_NOT_FOUND', () => c.act(otherChief, 'detail', { id: request }))
    await refused('REQUEST_NOT_FOUND', () => c.act(resident, 'detail', { id: 'no-such-request' }))
    await refused('REQUEST_NOT_FOUND', () => c.act(chengguan, 'detail', { id: request }))
    await refused('NOT_FOUND', () => c.act(outsider, 'similar', { category: 'hazard', unitId: gridOf(resident) }))
  })

  it('masks an anonymous reporter and their room to other residents, shows both to the grid’s handlers', async () => {
    const seen = await c.ok<RequestView>(neighbour, 'detail', { id: request })
    expect(seen.reporter).toEqual({ name: '匿名居民', phone: null, isMe: false })
    expect(seen.events[0].actorLabel).toBe('匿名居民')
    expect(JSON.stringify(seen)).not.toContain(resident.name)
    const handled = await c.ok<RequestView>(chief, 'detail', { id: request })
    expect(handled.reporter).toEqual({ name: resident.name, phone: resident.phone, isMe: false })
    const own = await c.ok<RequestView>(resident, 'detail', { id: request })
    expect(own.reporter.isMe).toBe(true)
    // the handler's full view of the phone is audit-logged
    const audit = (await c.dump()).audit as { actorId: string; action: string; subjectIds: string[] }[]
    expect(audit).toContainEqual(
      expect.objectContaining({ actorId: chief._id, action: 'requests.detail', subjectIds: [resident._id] }),
    )
  })

  it('keeps where a household is to the reporter and the handlers: its map point is not shown to neighbours', async () => {
    const home = await c.ok<{ id: string }>(resident, 'report', {
      tapId: newTap('report'),
      category: 'repair',
      description: '家里水管漏水，楼下也在滴',
      place: {
        kind: 'household',
        unitId: resident.householdId,
        location: { latitude: 31.2304, longitude: 121.4737, name: '幸福小区' },
      },
    })
    const point = { latitude: 31.2304, longitude: 121.4737, name: '幸福小区' }
    expect((await c.ok<RequestView>(resident, 'detail', { id: home.id })).place.location).toEqual(point)
    expect((await c.ok<RequestView>(chief, 'detail', { id: home.id })).place.location).toEqual(point)
    const seen = await c.ok<RequestView>(neighbour, 'detail', { id: home.id })
    expect(seen.place.location).toBeNull()
    expect(JSON.stringify(seen)).not.toContain('31.2304')
  })

  it('keeps each inbox to its owner: a department its own, never another department’s', async () => {
    await refused('FORBIDDEN', () => c.act(huanwei, 'inbox', { unitId: 's1', departmentId: 'chengguan' }))
    await refused('INVALID_PAYLOAD', () => c.act(huanwei, 'inbox', { unitId: 's1' }))
    await refused('FORBIDDEN', () => c.act(otherChief, 'inbox', { unitId: gridOf(resident) }))
    await refused('FORBIDDEN', () => c.act(resident, 'inbox', { unitId: gridOf(resident) }))
    await refused('INVALID_PAYLOAD', () => c.act(chief, 'inbox', { unitId: gridOf(resident), cursor: 'drop table' }))
    const mine = await c.ok<PageOf<RequestRow>>(chief, 'inbox', { unitId: gridOf(resident) })
    expect(mine.rows.map((r) => r.id)).toContain(request)
    expect(mine.rows.every((r) => r.level === 'grid' && r.group === 'open')).toBe(true)
    const own = await c.ok<PageOf<RequestRow>>(huanwei, 'inbox', { unitId: 's1', departmentId: 'huanwei' })
    expect(own.rows.every((r) => r.level === 'department' && r.departmentName === '环卫')).toBe(true)
  })
})

describe('moving', () => {
  it('refuses forged moves, moves of levels the caller does not own, and the timer’s moves', async () => {
    await refused('INVALID_PAYLOAD', () => move(chief, 'autoEscalate'))
    await refused('INVALID_PAYLOAD', () => move(chief, 'autoClose'))
    await refused('INVALID_PAYLOAD', () => move(chief, 'teleport'))
    await refused('INVALID_PAYLOAD', () => move(chief, 'accept', { state: 'rated' }))
    await refused('INVALID_PAYLOAD', () => move(chief, 'comment', { note: '长'.repeat(REQUEST_LIMITS.note + 1) }))
    await refused('REQUEST_NOT_FOUND', () => move(otherChief, 'accept'))
    await refused('REQUEST_NOT_FOUND', () => move(outsider, 'comment', { note: '我也看到了' }))
    await refused('REQUEST_NOT_FOUND', () => move(chief, 'accept', {}, 'no-such-request'))
    // the community does not own it while the grid does; a neighbour may not accept, rate or withdraw it
    await refused('NOT_REQUEST_OWNER', () => move(staff, 'accept'))
    await refused('NOT_REQUEST_OWNER', () => move(neighbour, 'accept'))
    await refused('FORBIDDEN', () => move(neighbour, 'withdraw'))
    await refused('MOVE_NOT_ALLOWED', () => move(resident, 'rate', { rating: 'satisfied' }))
    await refused('MOVE_NOT_ALLOWED', () => move(chief, 'dispatch', { departmentId: 'chengguan' }))
    await refused('MOVE_NOT_ALLOWED', () => move(chief, 'checkIn'))
    await refused('REQUEST_REASON_REQUIRED', () => move(chief, 'return', { reason: ' ' }))
    await refused('CONTENT_RISKY', () => move(chief, 'comment', { note: `有人在这里${BLOCKED}` }))
  })

  it('lets the street whistle only for one of its departments, and only that department report in', async () => {
    const { id } = await c.ok<{ id: string }>(resident, 'report', {
      tapId: newTap('report'),
      category: 'sanitation',
      description: '小区门口的垃圾站好几天没清运了',
      place: { kind: 'spot', unitId: gridOf(resident), label: '东门垃圾站' },
    })
    await move(chief, 'escalate', {}, id)
    await move(staff, 'escalate', {}, id)
    await refused('REQUEST_DEPARTMENT_UNKNOWN', () => move(streetStaff, 'dispatch', { departmentId: 'mofa' }, id))
    expect(await move(streetStaff, 'dispatch', { departmentId: 'huanwei' }, id)).toMatchObject({ ok: true })
    await refused('REQUEST_NOT_FOUND', () => move(chengguan, 'checkIn', {}, id))
    await refused('NOT_REQUEST_OWNER', () => move(streetStaff, 'checkIn', {}, id))
    expect(await move(huanwei, 'checkIn', {}, id)).toMatchObject({ ok: true, data: { state: 'processing' } })
    // a return at the department goes back to the street, with the reason shown on the timeline
    const back = await move(huanwei, 'return', { reason: '不属于环卫职责，应由物业处理' }, id)
    expect(back).toMatchObject({ ok: true, data: { level: 'street', state: 'processing' } })
    const view = await c.ok<RequestView>(resident, 'detail', { id })
    expect(view.events.at(-1)).toMatchObject({ move: 'return', reason: '不属于环卫职责，应由物业处理' })
  })

  it('returns at the grid with the reason and who shown to the resident; a closed request takes no more moves', async () => {
    const { id } = await c.ok<{ id: string }>(resident, 'report', {
      tapId: newTap('report'),
      category: 'other',
      description: '希望小区多装几个健身器材',
      place: { kind: 'household', unitId: resident.householdId },
    })
    const back = await move(chief, 'return', { reason: '不属于诉求范围，请向居委会提建议' }, id)
    expect(back).toMatchObject({ ok: true, data: { state: 'returned', group: 'closed', moves: [] } })
    const view = await c.ok<RequestView>(resident, 'detail', { id })
    expect(view.events.at(-1)).toMatchObject({
      reason: '不属于诉求范围，请向居委会提建议',
      actorLabel: `网格长 ${chief.name}`,
    })
    await refused('MOVE_NOT_ALLOWED', () => move(chief, 'accept', {}, id))
    await refused('MOVE_NOT_ALLOWED', () => move(resident, 'withdraw', {}, id))
    await refused('MOVE_NOT_ALLOWED', () => c.act(neighbour, 'follow', { id }))
  })
})

describe('following and merging', () => {
  it('moves no row a cut-off deletion left marked as leaving onto the survivor of a merge', async () => {
    const { id: dup } = await c.ok<{ id: string }>(neighbour, 'report', {
      tapId: newTap('report'),
      category: 'hazard',
      description: '二楼楼道灯不亮',
      place: { kind: 'spot', unitId: gridOf(resident), label: '二楼楼道' },
    })
    const at = new Date()
    await c.cloud.seed({
      requestFollowers: [
        {
          _id: `${dup}_left`,
          requestId: dup,
          personId: 'left:p_gone',
          kind: 'follower',
          since: at,
          requestUpdatedAt: at,
        },
      ],
    })
    expect(await move(chief, 'merge', { into: request }, dup)).toMatchObject({ ok: true })
    const rows = ((await c.dump()).requestFollowers as RequestFollowerDoc[]).filter((f) => f.requestId === request)
    expect(rows.map((f) => f.personId)).not.toContain('left:p_gone')
    expect((await c.request(request)).followerCount).toBe(rows.length)
  })

  it('lets only residents of the grid follow, once; a merge moves every follower onto the survivor, each told', async () => {
    await refused('REQUEST_NOT_IN_GRID', () => c.act(outsider, 'follow', { id: request }))
    await refused('FORBIDDEN', () => c.act(staff, 'follow', { id: request }))
    await refused('REQUEST_NOT_FOUND', () => c.act(neighbour, 'follow', { id: 'no-such-request' }))
    await refused('ALREADY_FOLLOWING', () => c.act(resident, 'follow', { id: request }))

    const second = await c.newResident(neighbour.householdId as string, '邻居')
    await c.subscribe(second)
    const { id: dup } = await c.ok<{ id: string }>(second, 'report', {
      tapId: newTap('report'),
      category: 'hazard',
      description: '消防通道被纸箱堵住了',
      place: { kind: 'household', unitId: second.householdId },
    })
    const before = (await c.request(request)).followerCount
    await refused('REQUEST_MERGE_INVALID', () => move(chief, 'merge', { into: dup }, dup))
    const sent = c.outbox().length
    expect(await move(chief, 'merge', { into: request }, dup)).toMatchObject({
      ok: true,
      data: { state: 'merged', mergedInto: request },
    })
    expect((await c.request(request)).followerCount).toBe(before + 1)
    const mine = await c.ok<PageOf<RequestRow>>(second, 'mine', {})
    expect(mine.rows.map((r) => [r.id, r.relation])).toEqual(
      expect.arrayContaining([
        [request, 'follower'],
        [dup, 'reporter'],
      ]),
    )
    expect(
      c
        .outbox()
        .slice(sent)
        .filter((m) => m.touser === second.openid),
    ).toHaveLength(1)
  })
})
