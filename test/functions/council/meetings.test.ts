/**
 * Council meetings and votes (三长议事, issue 13) through the real wx-server-sdk against the local cloud: a grid of
 * our own under the demo's 和平里社区 (two buildings, their heads, the chief and party leader, residents), 待议
 * proposals seeded onto it. Scheduling, voting online and in person, the quorum, the decision written onto the
 * proposal, published to the grid as a notice and made a request with an owner and a deadline; races and a
 * property that a tally always equals a recount of its votes.
 */
import fc from 'fast-check'
import type { ActionName, Result } from '../../../core/contract'
import type { MeetingDetail } from '../../../core/contract/council'
import type { Envelope, ErrorCode } from '../../../core/envelope'
import { decisionNoticeId, decisionRequestId, unitStatsId } from '../../../core/ids'
import type {
  CouncilVoteDoc,
  MeetingItemDoc,
  NoticeDoc,
  PersonDoc,
  ProposalDoc,
  RequestDoc,
  UnitStatsDoc,
} from '../../../core/model'
import { OPEN_PERIOD } from '../../../server/unit-stats'
import type { Role } from '../../../core/roles'
import type { Unit } from '../../../core/units'
import { startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

jest.setTimeout(240_000)

type A = ActionName<'council'>
let g: FunctionsCloud
let serial = 0
const tap = () => `t${(++serial).toString(36).padStart(4, '0')}${Date.now().toString(36).slice(-4)}`

const unit = (u: Omit<Unit, 'parentId'> & { parentId: string }): Unit => u
const community = '/s1/c1/'
const grid = unit({ _id: 'tg1', level: 'grid', name: '议事测试网格', parentId: 'c1', path: `${community}tg1/` })
const other = unit({ _id: 'tg2', level: 'grid', name: '隔壁网格', parentId: 'c1', path: `${community}tg2/` })
const b1 = unit({ _id: 'tg1-b1', level: 'microgrid', name: '1栋', parentId: 'tg1', path: `${grid.path}tg1-b1/` })
const b2 = unit({ _id: 'tg1-b2', level: 'microgrid', name: '2栋', parentId: 'tg1', path: `${grid.path}tg1-b2/` })
const home = (b: Unit, room: string) =>
  unit({
    _id: `${b._id}-${room}`,
    level: 'household',
    name: `${b.name}1单元${room}`,
    parentId: b._id,
    path: `${b.path}${b._id}-${room}/`,
  })
const homes = [home(b1, '101'), home(b1, '102'), home(b2, '201'), home(b2, '202')]
const otherHome = unit({
  _id: 'tg2-h',
  level: 'household',
  name: '隔壁1号',
  parentId: 'tg2',
  path: `${other.path}tg2-h/`,
})

const person = (id: string, name: string, roles: { role: Role; unitId: string }[], homeUnit?: Unit): PersonDoc => ({
  _id: id,
  openid: `o_${id}`,
  name,
  phone: `1360000${String(++serial).padStart(4, '0')}`,
  roles,
  ...(homeUnit ? { householdId: homeUnit._id, homePath: homeUnit.path } : {}),
  createdAt: new Date(),
})
const chief = person('mt_chief', '李建国', [{ role: 'gridChief', unitId: 'tg1' }], homes[0])
const party = person('mt_party', '王红', [{ role: 'partyLeader', unitId: 'tg1' }], homes[1])
const head1 = person('mt_head1', '赵大海', [{ role: 'buildingHead', unitId: 'tg1-b1' }], homes[0])
const head2 = person('mt_head2', '钱小丽', [{ role: 'buildingHead', unitId: 'tg1-b2' }], homes[2])
const resident = person('mt_res', '孙秀英', [{ role: 'resident', unitId: homes[3]._id }], homes[3])
const neighbour = person('mt_nb', '周平', [{ role: 'resident', unitId: homes[2]._id }], homes[2])
const outsider = person('mt_out', '吴刚', [{ role: 'resident', unitId: otherHome._id }], otherHome)
const otherChief = person('mt_ochief', '郑强', [{ role: 'gridChief', unitId: 'tg2' }])
const staff = person('mt_staff', '许玉兰', [{ role: 'communityStaff', unitId: 'c1' }])
const heads = [chief, party, head1, head2]

let proposalNo = 0
function proposal(status: ProposalDoc['status'] = 'agenda', gridUnit: Unit = grid): ProposalDoc {
  const now = new Date()
  return {
    _id: `mt_prop_${++proposalNo}`,
    gridId: gridUnit._id,
    gridPath: gridUnit.path,
    communityId: 'c1',
    title: `议题${proposalNo}：楼下增设充电桩`,
    text: '电动车在楼道充电很危险，希望在楼下增设充电桩',
    photos: [],
    requestId: null,
    proposerId: resident._id,
    proposerName: `居民 ${resident.name}`,
    status,
    stage: status === 'agenda' ? 'agenda' : status === 'open' ? 'open' : 'closed',
    stageAt: now,
    supports: 3,
    agendaBy: 'threshold',
    declineReason: '',
    history: [],
    meetingId: null,
    decision: null,
    createdAt: now,
    updatedAt: now,
  }
}

async function call<K extends A>(who: PersonDoc, action: K, payload: unknown) {
  return (await g.cloud.callFunction('council', { action, payload }, { openid: who.openid as string }))
    .result as Envelope<Result<'council', K>>
}
async function ok<K extends A>(who: PersonDoc, action: K, payload: unknown): Promise<Result<'council', K>> {
  const res = await call(who, action, payload)
  if (!res.ok) throw new Error(`${action} as ${who.name}: ${res.code} ${res.message}`)
  return res.data
}
async function refused(who: PersonDoc, action: A, payload: unknown, code: ErrorCode) {
  const res = await call(who, action, payload)
  expect(res.ok ? 'ok' : res.code).toBe(code)
  if (!res.ok) expect(res.message).toMatch(/[\u4e00-\u9fa5]/)
}
const stored = async <T>(name: string): Promise<T[]> => ((await g.dump())[name] ?? []) as T[]

/** A meeting of the grid with fresh 待议 proposals, opened; the resident invited. */
async function openMeeting(
  items = 1,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; props: ProposalDoc[] }> {
  const props = Array.from({ length: items }, () => proposal())
  await g.cloud.seed({ proposals: props })
  const { id } = await ok(chief, 'scheduleMeeting', {
    tapId: tap(),
    gridId: grid._id,
    title: '十二月议事会',
    mode: 'online',
    startAt: new Date(Date.now() + 3_600_000).toISOString(),
    place: '社区活动室',
    proposalIds: props.map((p) => p._id),
    invitedIds: [resident._id],
    ...extra,
  })
  await ok(chief, 'openMeeting', { meetingId: id })
  return { id, props }
}

beforeAll(async () => {
  g = await startFunctionsCloud(['council', 'notices', 'privacy', 'requests'], { timers: false })
  await g.cloud.seed({
    units: [grid, other, b1, b2, ...homes, otherHome],
    people: [chief, party, head1, head2, resident, neighbour, outsider, otherChief, staff],
  })
})
afterAll(async () => {
  await g?.close()
})

describe('scheduling a meeting', () => {
  it('takes the grid’s three heads and the invited as members, ⅔ of them the quorum', async () => {
    const p = proposal()
    await g.cloud.seed({ proposals: [p] })
    const tapId = tap()
    const payload = {
      tapId,
      gridId: grid._id,
      title: '十二月议事会',
      mode: 'inPerson',
      startAt: new Date(Date.now() + 86_400_000).toISOString(),
      place: '社区活动室',
      proposalIds: [p._id],
      invitedIds: [resident._id],
    }
    const [a, b] = await Promise.all([ok(chief, 'scheduleMeeting', payload), ok(chief, 'scheduleMeeting', payload)])
    expect(a.id).toBe(b.id)
    const m = await ok(party, 'meeting', { meetingId: a.id })
    expect(m.members.map((x) => [x.name, x.label, x.kind])).toEqual([
      ['李建国', '网格长', 'head'],
      ['王红', '党小组长', 'head'],
      ['钱小丽', '楼栋长', 'head'],
      ['赵大海', '楼栋长', 'head'],
      ['孙秀英', '居民', 'invited'],
    ])
    expect(m.quorum).toEqual({ numerator: 2, denominator: 3, eligible: 5, needed: 4 })
    expect(m.items.map((i) => [i.title, i.status, i.tally])).toEqual([
      [p.title, 'open', { for: 0, against: 0, abstain: 0 }],
    ])
    expect(m.status).toBe('scheduled')
    expect((await stored<{ _id: string }>('councilMeetings')).filter((x) => x._id === a.id)).toHaveLength(1)
    // the proposal is held by this meeting: no second meeting takes it
    await refused(chief, 'scheduleMeeting', { ...payload, tapId: tap() }, 'MEETING_AGENDA_INVALID')
  })

  it('lets community staff over the grid schedule, with another quorum', async () => {
    const p = proposal()
    await g.cloud.seed({ proposals: [p] })
    const { id } = await ok(staff, 'scheduleMeeting', {
      tapId: tap(),
      gridId: grid._id,
      title: '临时议事会',
      mode: 'online',
      startAt: new Date().toISOString(),
      proposalIds: [p._id],
      quorum: { numerator: 1, denominator: 2 },
    })
    expect((await ok(chief, 'meeting', { meetingId: id })).quorum).toEqual({
      numerator: 1,
      denominator: 2,
      eligible: 4,
      needed: 2,
    })
  })

  it('offers the heads, whom to invite and the free 待议 proposals', async () => {
    const p = proposal()
    await g.cloud.seed({ proposals: [p] })
    const c = await ok(chief, 'meetingCandidates', { gridId: grid._id })
    expect(c.heads.map((h) => h.name)).toEqual(['李建国', '王红', '钱小丽', '赵大海'])
    expect(c.rows.map((r) => [r.name, r.label])).toEqual(
      expect.arrayContaining([
        ['许玉兰', '社区工作者'],
        ['孙秀英', '居民'],
      ]),
    )
    expect(c.agenda.map((a) => a.id)).toContain(p._id)
  })

  it.each<[string, () => Promise<void>]>([
    [
      'a party leader may not schedule',
      async () => {
        const p = proposal()
        await g.cloud.seed({ proposals: [p] })
        await refused(party, 'scheduleMeeting', schedulePayload([p._id]), 'FORBIDDEN')
      },
    ],
    [
      'another grid’s chief may not',
      async () => {
        const p = proposal()
        await g.cloud.seed({ proposals: [p] })
        await refused(otherChief, 'scheduleMeeting', schedulePayload([p._id]), 'FORBIDDEN')
      },
    ],
    [
      'an open proposal is not on the agenda yet',
      async () => {
        const p = proposal('open')
        await g.cloud.seed({ proposals: [p] })
        await refused(chief, 'scheduleMeeting', schedulePayload([p._id]), 'MEETING_AGENDA_INVALID')
      },
    ],
    [
      'another grid’s proposal',
      async () => {
        const p = proposal('agenda', other)
        await g.cloud.seed({ proposals: [p] })
        await refused(chief, 'scheduleMeeting', schedulePayload([p._id]), 'MEETING_AGENDA_INVALID')
      },
    ],
    [
      'someone of another grid cannot be invited',
      async () => {
        const p = proposal()
        await g.cloud.seed({ proposals: [p] })
        await refused(
          chief,
          'scheduleMeeting',
          { ...schedulePayload([p._id]), invitedIds: [outsider._id] },
          'MEETING_MEMBER_INVALID',
        )
      },
    ],
  ])('refuses: %s, writing nothing', async (_what, attempt) => {
    const before = (await stored('councilMeetings')).length
    await attempt()
    expect(await stored('councilMeetings')).toHaveLength(before)
  })
})

function schedulePayload(proposalIds: string[]) {
  return {
    tapId: tap(),
    gridId: grid._id,
    title: '议事会',
    mode: 'online',
    startAt: new Date(Date.now() + 3_600_000).toISOString(),
    proposalIds,
  }
}

const itemOf = (m: MeetingDetail, i = 0) => m.items[i]

describe('voting', () => {
  it('counts a member’s vote, moves it on a change of mind, never twice', async () => {
    const { id } = await openMeeting()
    let m = await ok(party, 'vote', { meetingId: id, item: 0, choice: 'for' })
    expect(itemOf(m).tally).toEqual({ for: 1, against: 0, abstain: 0 })
    expect(itemOf(m).myVote).toBe('for')
    m = await ok(party, 'vote', { meetingId: id, item: 0, choice: 'against' })
    expect(itemOf(m).tally).toEqual({ for: 0, against: 1, abstain: 0 })
    // the resident sees the live tally, and only their own vote
    m = await ok(resident, 'meeting', { meetingId: id })
    expect(itemOf(m)).toMatchObject({ tally: { for: 0, against: 1, abstain: 0 }, myVote: null, votes: [], turnout: 1 })
  })

  it('lets only members vote, and only while the meeting is open', async () => {
    const p = proposal()
    await g.cloud.seed({ proposals: [p] })
    const { id } = await ok(chief, 'scheduleMeeting', schedulePayload([p._id]))
    await refused(party, 'vote', { meetingId: id, item: 0, choice: 'for' }, 'MEETING_NOT_OPEN')
    await ok(chief, 'openMeeting', { meetingId: id })
    await refused(neighbour, 'vote', { meetingId: id, item: 0, choice: 'for' }, 'MEETING_NOT_VOTER')
    await refused(outsider, 'vote', { meetingId: id, item: 0, choice: 'for' }, 'NOT_FOUND')
    await refused(party, 'vote', { meetingId: id, item: 3, choice: 'for' }, 'NOT_FOUND')
    expect((await stored<CouncilVoteDoc>('councilVotes')).filter((v) => v.meetingId === id)).toEqual([])
  })

  it('one person voting many times at once is one vote', async () => {
    const { id } = await openMeeting()
    const choices = ['for', 'against', 'abstain', 'for', 'against', 'for', 'abstain', 'for'] as const
    await Promise.all(choices.map((choice) => ok(head1, 'vote', { meetingId: id, item: 0, choice })))
    const votes = (await stored<CouncilVoteDoc>('councilVotes')).filter((v) => v.meetingId === id)
    expect(votes).toHaveLength(1)
    const item = (await ok(chief, 'meeting', { meetingId: id })).items[0]
    expect(item.tally.for + item.tally.against + item.tally.abstain).toBe(1)
    expect(item.tally[votes[0].choice]).toBe(1)
    expect(item.turnout).toBe(1)
  })

  it('many members voting at once give the exact tally', async () => {
    const { id } = await openMeeting()
    const cast: [PersonDoc, 'for' | 'against' | 'abstain'][] = [
      [chief, 'for'],
      [party, 'for'],
      [head1, 'against'],
      [head2, 'abstain'],
      [resident, 'for'],
    ]
    await Promise.all(cast.map(([who, choice]) => ok(who, 'vote', { meetingId: id, item: 0, choice })))
    const m = await ok(chief, 'meeting', { meetingId: id })
    expect(itemOf(m).tally).toEqual({ for: 3, against: 1, abstain: 1 })
    expect(itemOf(m).turnout).toBe(5)
    expect(
      itemOf(m)
        .votes.map((v) => v.personId)
        .sort(),
    ).toEqual(cast.map(([p]) => p._id).sort())
  })

  it('keeps the tally equal to a recount of the votes after any sequence of votes and changes', async () => {
    const voters = [chief, party, head1, head2, resident]
    const choice = fc.constantFrom('for' as const, 'against' as const, 'abstain' as const)
    // each run: rounds of votes, the votes of a round cast at once (a person at most once per round)
    const rounds = fc.array(
      fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: voters.length - 1 }), choice), {
        selector: ([who]) => who,
        maxLength: voters.length,
      }),
      { minLength: 1, maxLength: 4 },
    )
    await fc.assert(
      fc.asyncProperty(rounds, async (steps) => {
        const { id } = await openMeeting()
        for (const round of steps)
          await Promise.all(round.map(([who, c]) => ok(voters[who], 'vote', { meetingId: id, item: 0, choice: c })))
        const votes = (await stored<CouncilVoteDoc>('councilVotes')).filter((v) => v.meetingId === id)
        const item = (await stored<MeetingItemDoc>('councilItems')).find((i) => i.meetingId === id) as MeetingItemDoc
        const recount = { for: 0, against: 0, abstain: 0 }
        for (const v of votes) recount[v.choice]++
        expect(item.tally).toEqual(recount)
        expect([...item.voterIds].sort()).toEqual(votes.map((v) => v.personId).sort())
        // each person's vote is the last they cast
        const last = new Map<number, string>()
        for (const round of steps) for (const [who, c] of round) last.set(who, c)
        expect(Object.fromEntries(votes.map((v) => [v.personId, v.choice]))).toEqual(
          Object.fromEntries([...last].map(([who, c]) => [voters[who]._id, c])),
        )
      }),
      { numRuns: 6 },
    )
  })
})

describe('deciding an item', () => {
  it('cannot decide without quorum, and writes nothing', async () => {
    const { id, props } = await openMeeting()
    await ok(party, 'vote', { meetingId: id, item: 0, choice: 'for' })
    await ok(head1, 'vote', { meetingId: id, item: 0, choice: 'for' })
    await ok(head2, 'vote', { meetingId: id, item: 0, choice: 'for' })
    // 3 of 5 members took part; ⌈5 × ⅔⌉ = 4 must
    const res = await call(chief, 'closeItem', { meetingId: id, item: 0, reason: '大家都同意' })
    expect(res.ok ? 'ok' : [res.code, res.message]).toEqual([
      'MEETING_NO_QUORUM',
      '参加表决的人数不足法定人数，不能作出决议：需至少 4 人参加，现有 3 人',
    ])
    const m = await ok(chief, 'meeting', { meetingId: id })
    expect(itemOf(m)).toMatchObject({ status: 'open', outcome: null })
    const p = (await stored<ProposalDoc>('proposals')).find((x) => x._id === props[0]._id)
    expect(p).toMatchObject({ status: 'agenda', decision: null })
  })

  it('records an in-person vote with who was present, decides with the presence as the quorum base, and its task is a request due by the chief’s day', async () => {
    const { id, props } = await openMeeting(1, { mode: 'inPerson' })
    // one head voted online; the chief records the rest of those present
    await ok(head2, 'vote', { meetingId: id, item: 0, choice: 'against' })
    await refused(
      chief,
      'recordVotes',
      { meetingId: id, item: 0, present: [chief._id, outsider._id], votes: [] },
      'MEETING_PRESENCE_INVALID',
    )
    await refused(
      chief,
      'recordVotes',
      { meetingId: id, item: 0, present: [chief._id], votes: [{ personId: party._id, choice: 'for' }] },
      'MEETING_PRESENCE_INVALID',
    )
    await refused(
      party,
      'recordVotes',
      { meetingId: id, item: 0, present: [party._id], votes: [{ personId: party._id, choice: 'for' }] },
      'FORBIDDEN',
    )
    let m = await ok(chief, 'recordVotes', {
      meetingId: id,
      item: 0,
      present: [chief._id, party._id, head1._id],
      votes: [
        { personId: chief._id, choice: 'for' },
        { personId: party._id, choice: 'for' },
        { personId: head1._id, choice: 'abstain' },
      ],
    })
    expect(itemOf(m)).toMatchObject({ tally: { for: 2, against: 1, abstain: 1 }, turnout: 4 })
    expect(itemOf(m).present).toEqual([chief._id, party._id, head1._id])
    expect(itemOf(m).votes.find((v) => v.personId === party._id)).toEqual({
      personId: party._id,
      choice: 'for',
      via: 'inPerson',
    })

    const due = new Date(Date.now() + 30 * 86_400_000)
    m = await ok(chief, 'closeItem', {
      meetingId: id,
      item: 0,
      reason: '安全隐患大，多数同意在楼下增设充电桩',
      task: { ownerId: head1._id, dueAt: due.toISOString() },
    })
    const itemId = `${id}_i0`
    expect(itemOf(m)).toMatchObject({
      status: 'decided',
      outcome: 'passed',
      reason: '安全隐患大，多数同意在楼下增设充电桩',
      noticeId: decisionNoticeId(itemId),
      task: { requestId: decisionRequestId(itemId), ownerName: '赵大海', dueAt: due.toISOString() },
    })
    // written onto the proposal
    const p = (await stored<ProposalDoc>('proposals')).find((x) => x._id === props[0]._id) as ProposalDoc
    expect(p).toMatchObject({
      status: 'decided',
      stage: 'closed',
      decision: {
        outcome: 'passed',
        reason: '安全隐患大，多数同意在楼下增设充电桩',
        meetingId: id,
        noticeId: decisionNoticeId(itemId),
        taskId: decisionRequestId(itemId),
      },
    })
    expect(p.history.at(-1)).toMatchObject({ status: 'decided', byName: '议事会' })
    // published to the grid as a notice (reach: the grid's households) and made a request of the grid
    const notices = (await stored<NoticeDoc>('notices')).filter((n) => n._id === decisionNoticeId(itemId))
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({ unitIds: [grid._id], ackRequired: true, publisherId: chief._id })
    expect(notices[0].body).toContain('赞成 2 票，反对 1 票，弃权 1 票')
    expect(notices[0].body).toContain('由 赵大海 负责落实')
    // a resident reading the notice is led back to the proposal, where the outcome and the reason are
    const detail = (
      await g.cloud.callFunction(
        'notices',
        { action: 'detail', payload: { noticeId: notices[0]._id } },
        { openid: neighbour.openid as string },
      )
    ).result as Envelope<{ source: unknown }>
    expect(detail.ok && detail.data.source).toEqual({ kind: 'council', id: props[0]._id })
    expect((await ok(neighbour, 'proposal', { proposalId: props[0]._id })).decision).toMatchObject({
      outcome: 'passed',
      reason: '安全隐患大，多数同意在楼下增设充电桩',
    })
    const requests = (await stored<RequestDoc>('requests')).filter((r) => r._id === decisionRequestId(itemId))
    expect(requests).toHaveLength(1)
    expect(requests[0]).toMatchObject({ gridId: grid._id, state: 'submitted', reporterId: chief._id })
    expect(requests[0].description).toContain('负责人：赵大海')
    // the chief's deadline is the request's own 办结时限, and it counts as a decision open until it is done
    expect(new Date(requests[0].resolveDueAt as Date).toISOString()).toBe(due.toISOString())
    expect(requests[0].source).toEqual({ kind: 'council', itemId })
    const openDecisions = async () =>
      (await stored<UnitStatsDoc>('unitStats')).find((d) => d._id === unitStatsId(grid._id, OPEN_PERIOD))
        ?.decisionsOpen ?? 0
    expect(await openDecisions()).toBe(1)
    const act = async (move: string, extra: Record<string, unknown> = {}) => {
      const res = (
        await g.cloud.callFunction(
          'requests',
          { action: 'act', payload: { id: requests[0]._id, move, tapId: tap(), ...extra } },
          { openid: chief.openid as string },
        )
      ).result as Envelope<unknown>
      if (!res.ok) throw new Error(`${move}: ${res.code} ${res.message}`)
    }
    await act('accept', { note: '已安排赵大海落实' })
    expect(await openDecisions()).toBe(1)
    await act('complete', { note: '充电桩已装好' })
    expect(await openDecisions()).toBe(0)

    // a repeat publishes nothing again; a vote on the decided item is refused
    await ok(chief, 'closeItem', { meetingId: id, item: 0, reason: '再来一次' })
    expect((await stored<NoticeDoc>('notices')).filter((n) => n._id === decisionNoticeId(itemId))).toHaveLength(1)
    expect((await stored<RequestDoc>('requests')).filter((r) => r._id === decisionRequestId(itemId))).toHaveLength(1)
    await refused(head2, 'vote', { meetingId: id, item: 0, choice: 'for' }, 'MEETING_ITEM_CLOSED')
  })

  it('a tie does not pass: 不通过, with its reason, and nothing published', async () => {
    const { id, props } = await openMeeting()
    await Promise.all([
      ok(chief, 'vote', { meetingId: id, item: 0, choice: 'for' }),
      ok(party, 'vote', { meetingId: id, item: 0, choice: 'against' }),
      ok(head1, 'vote', { meetingId: id, item: 0, choice: 'abstain' }),
      ok(head2, 'vote', { meetingId: id, item: 0, choice: 'abstain' }),
    ])
    const m = await ok(chief, 'closeItem', { meetingId: id, item: 0, reason: '意见不一，下次再议' })
    expect(itemOf(m)).toMatchObject({ status: 'decided', outcome: 'rejected', noticeId: null, task: null })
    const p = (await stored<ProposalDoc>('proposals')).find((x) => x._id === props[0]._id)
    expect(p?.decision).toMatchObject({ outcome: 'rejected', reason: '意见不一，下次再议', noticeId: null })
  })

  it('refuses a task owned by someone not at the meeting, or past due', async () => {
    const { id } = await openMeeting()
    await Promise.all(heads.map((h) => ok(h, 'vote', { meetingId: id, item: 0, choice: 'for' })))
    const due = new Date(Date.now() + 86_400_000).toISOString()
    await refused(
      chief,
      'closeItem',
      { meetingId: id, item: 0, reason: '同意', task: { ownerId: neighbour._id, dueAt: due } },
      'MEETING_TASK_INVALID',
    )
    await refused(
      chief,
      'closeItem',
      {
        meetingId: id,
        item: 0,
        reason: '同意',
        task: { ownerId: party._id, dueAt: new Date(Date.now() - 1000).toISOString() },
      },
      'MEETING_TASK_INVALID',
    )
    await refused(party, 'closeItem', { meetingId: id, item: 0, reason: '同意' }, 'FORBIDDEN')
  })
})

describe('minutes and closing', () => {
  it('keeps the minutes, drops undecided items and frees their proposals for another meeting', async () => {
    const { id, props } = await openMeeting(2)
    await Promise.all(heads.map((h) => ok(h, 'vote', { meetingId: id, item: 0, choice: 'for' })))
    await ok(chief, 'closeItem', { meetingId: id, item: 0, reason: '一致同意' })
    let m = await ok(chief, 'saveMinutes', { meetingId: id, minutes: '到会四人，议定充电桩事宜。' })
    expect(m.minutes).toBe('到会四人，议定充电桩事宜。')
    m = await ok(chief, 'closeMeeting', { meetingId: id, minutes: '到会四人，议定充电桩事宜；第二项下次再议。' })
    expect(m.status).toBe('closed')
    expect(m.items.map((i) => i.status)).toEqual(['decided', 'dropped'])
    expect((await ok(resident, 'meeting', { meetingId: id })).minutes).toBe(
      '到会四人，议定充电桩事宜；第二项下次再议。',
    )
    const second = (await stored<ProposalDoc>('proposals')).find((x) => x._id === props[1]._id)
    expect(second).toMatchObject({ status: 'agenda', meetingId: null })
    await refused(chief, 'saveMinutes', { meetingId: id, minutes: '改一下' }, 'MEETING_CLOSED')
    await refused(party, 'vote', { meetingId: id, item: 1, choice: 'for' }, 'MEETING_CLOSED')
    // the freed proposal goes on a new meeting
    await ok(chief, 'scheduleMeeting', schedulePayload([props[1]._id]))
  })

  it('lists the grid’s meetings, latest first, paged', async () => {
    const first = await ok(resident, 'meetings', { gridId: grid._id, pageSize: 2 })
    expect(first.rows).toHaveLength(2)
    expect(first.canSchedule).toBe(false)
    const next = await ok(resident, 'meetings', { gridId: grid._id, pageSize: 2, cursor: first.nextCursor })
    const ids = [...first.rows, ...next.rows].map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    const starts = [...first.rows, ...next.rows].map((r) => r.startAt)
    expect(starts).toEqual([...starts].sort().reverse())
    expect((await ok(chief, 'meetings', { gridId: grid._id })).canSchedule).toBe(true)
    await refused(outsider, 'meetings', { gridId: grid._id }, 'COUNCIL_NOT_MEMBER')
  })
})

describe('privacy', () => {
  it('exports a person’s votes; their deletion keeps the votes for the tally, without their name', async () => {
    const voter = person('mt_voter', '冯秋菊', [{ role: 'resident', unitId: homes[1]._id }], homes[1])
    await g.cloud.seed({ people: [voter] })
    const { id } = await openMeeting(1, { invitedIds: [voter._id] })
    await ok(voter, 'vote', { meetingId: id, item: 0, choice: 'against' })
    await ok(party, 'vote', { meetingId: id, item: 0, choice: 'for' })
    const privacy = async (action: string) =>
      (
        await g.cloud.callFunction(
          'privacy',
          { action, payload: action === 'requestDeletion' ? { confirm: true } : {} },
          {
            openid: voter.openid as string,
          },
        )
      ).result as Envelope<{ council?: { votes?: { meeting: string; item: string; choice: string; via: string }[] } }>
    const exported = await privacy('exportMyData')
    if (!exported.ok) throw new Error(exported.message)
    expect(exported.data.council?.votes).toEqual([
      expect.objectContaining({ meeting: '十二月议事会', choice: '反对', via: '线上表决' }),
    ])
    expect((await privacy('requestDeletion')).ok).toBe(true)
    const votes = (await stored<CouncilVoteDoc>('councilVotes')).filter((v) => v.meetingId === id)
    expect(votes.map((v) => [v.personId === voter._id ? 'voter' : 'party', v.name, v.choice]).sort()).toEqual([
      ['party', '王红', 'for'],
      ['voter', '已注销居民', 'against'],
    ])
    const m = await ok(chief, 'meeting', { meetingId: id })
    expect(itemOf(m).tally).toEqual({ for: 1, against: 1, abstain: 0 })
    expect(m.members.find((x) => x.personId === voter._id)?.name).toBe('已注销居民')
    expect(JSON.stringify(await stored('councilVotes'))).not.toContain('冯秋菊')
    expect(JSON.stringify(await stored('councilMeetings'))).not.toContain('冯秋菊')
  })
})

describe('opening a meeting', () => {
  it('takes the grid’s heads as they are at the opening: a head replaced since scheduling gives way, the invited stay', async () => {
    const p = proposal()
    await g.cloud.seed({ proposals: [p] })
    const { id } = await ok(chief, 'scheduleMeeting', {
      tapId: tap(),
      gridId: grid._id,
      title: '换届后的议事会',
      mode: 'online',
      startAt: new Date(Date.now() + 3_600_000).toISOString(),
      place: '社区活动室',
      proposalIds: [p._id],
      invitedIds: [resident._id, staff._id],
    })
    const members = (m: MeetingDetail) => m.members.map((x) => [x.name, x.label, x.kind])
    // 2栋's building head changes hands before the meeting opens
    const successor = person('mt_head2b', '冯建华', [{ role: 'buildingHead', unitId: b2._id }], homes[3])
    await g.cloud.seed({ people: [{ ...head2, roles: [] }, successor] })
    try {
      expect(members(await ok(chief, 'meeting', { meetingId: id }))).toContainEqual(['钱小丽', '楼栋长', 'head'])
      const m = await ok(chief, 'openMeeting', { meetingId: id })
      expect(members(m)).toEqual([
        ['李建国', '网格长', 'head'],
        ['王红', '党小组长', 'head'],
        ['冯建华', '楼栋长', 'head'],
        ['赵大海', '楼栋长', 'head'],
        ['孙秀英', '居民', 'invited'],
        ['许玉兰', '社区工作者', 'invited'],
      ])
      expect(m.quorum).toEqual({ numerator: 2, denominator: 3, eligible: 6, needed: 4 })
      // the new head votes; the one who left reads the meeting as a resident of the grid, and has no vote
      await ok(successor, 'vote', { meetingId: id, item: 0, choice: 'for' })
      await refused(head2, 'vote', { meetingId: id, item: 0, choice: 'for' }, 'MEETING_NOT_VOTER')
      // once open, the members stay as they were opened, whoever holds the grants later
      await g.cloud.seed({ people: [head2, { ...successor, roles: [] }] })
      expect(members(await ok(chief, 'openMeeting', { meetingId: id }))).toEqual(members(m))
    } finally {
      await g.cloud.seed({ people: [head2, { ...successor, roles: [] }] })
    }
  })
})
