import { USER_MOVES, type UserMove } from '../../../core/contract/requests'
import type { ErrorCode } from '../../../core/envelope'
import type { RequestDoc } from '../../../core/model'
import { allowedMoves, decide, mergedNote, ownerGrant, type MoveRequest } from '../../../core/requests/machine'
import { STATE_GROUP } from '../../../core/requests/states'
import { ACTOR_NAMES, ACTORS, minutes, reported, scenarios, settings, T0, walk, type ActorName } from './world'

const S = scenarios()
type Scenario = keyof typeof S
const SCENARIOS = Object.keys(S) as Scenario[]

/** What each move carries in the table (valid input: refusals come from the state or the actor only). */
const INPUT: Record<UserMove, Omit<MoveRequest, 'move'>> = {
  accept: {},
  respond: { note: '已电话联系' },
  escalate: { note: '需社区协调' },
  dispatch: { departmentId: 'chengguan' },
  checkIn: {},
  return: { reason: '不属于本级职责' },
  complete: { note: '已修好', photos: ['cloud://done.jpg'] },
  confirmUrgent: { pass: true },
  comment: { note: '晚上更暗了' },
  rate: { rating: 'basic', comment: '还行' },
  withdraw: {},
  merge: { into: 'survivor' },
  takeErrand: {},
  scheduleReinspection: {},
  reinspect: { pass: true },
}

const OWNERS: Record<string, ActorName[]> = {
  grid: ['gridChief', 'partyLeader', 'buildingHead'],
  community: ['communityStaff'],
  street: ['streetStaff'],
  department: ['chengguan'],
}
const owners = (s: Scenario) => OWNERS[S[s].level]
const open = (s: Scenario) => STATE_GROUP[S[s].state] === 'open'
const isErrand = (s: Scenario) => s.startsWith('errand')

/** Who may make each move in each scenario (nobody: the move is not possible there). */
const WHO: Record<UserMove, (s: Scenario) => ActorName[]> = {
  accept: (s) => (S[s].state === 'submitted' && S[s].level !== 'department' ? owners(s) : []),
  respond: (s) => {
    if (!open(s) || (S[s].level === 'department' && S[s].state !== 'processing')) return []
    return s === 'errandTaken' ? [...owners(s), 'taker'] : owners(s)
  },
  escalate: (s) => (open(s) && ['grid', 'community'].includes(S[s].level) ? owners(s) : []),
  dispatch: (s) => (open(s) && S[s].level === 'street' ? owners(s) : []),
  checkIn: (s) => (s === 'submittedDepartment' ? owners(s) : []),
  return: (s) => (open(s) ? owners(s) : []),
  complete: (s) => (S[s].state !== 'processing' ? [] : s === 'errandTaken' ? [...owners(s), 'taker'] : owners(s)),
  // the errands were not marked urgent (errands may not be)
  confirmUrgent: (s) => (open(s) && !isErrand(s) ? owners(s) : []),
  comment: (s) =>
    open(s) || S[s].state === 'done'
      ? ['reporter', 'follower', ...owners(s), ...(s === 'errandTaken' ? (['taker'] as const) : [])]
      : [],
  rate: (s) => (S[s].state === 'done' ? ['reporter'] : []),
  withdraw: (s) => (s === 'submittedGrid' || s === 'errandSubmitted' ? ['reporter'] : []),
  merge: (s) => (open(s) ? owners(s) : []),
  takeErrand: (s) => (s === 'errandSubmitted' ? ['resident', 'taker'] : []),
  scheduleReinspection: (s) => (s === 'rated' || s === 'autoClosed' ? owners(s) : []),
  reinspect: (s) => (s === 'reinspectionPending' ? owners(s) : []),
}
/** How a move is refused to someone it is not for, when it is possible. */
const REFUSAL: Record<UserMove, ErrorCode> = {
  accept: 'NOT_REQUEST_OWNER',
  respond: 'NOT_REQUEST_OWNER',
  escalate: 'NOT_REQUEST_OWNER',
  dispatch: 'NOT_REQUEST_OWNER',
  checkIn: 'NOT_REQUEST_OWNER',
  return: 'NOT_REQUEST_OWNER',
  complete: 'NOT_REQUEST_OWNER',
  confirmUrgent: 'NOT_REQUEST_OWNER',
  comment: 'FORBIDDEN',
  rate: 'FORBIDDEN',
  withdraw: 'FORBIDDEN',
  merge: 'NOT_REQUEST_OWNER',
  takeErrand: 'FORBIDDEN',
  scheduleReinspection: 'NOT_REQUEST_OWNER',
  reinspect: 'NOT_REQUEST_OWNER',
}

const survivor = reported()
survivor._id = 'survivor'
const NOW = minutes(30)

const cases = USER_MOVES.flatMap((move) =>
  SCENARIOS.flatMap((s) =>
    ACTOR_NAMES.map((who) => {
      const allowed = WHO[move](s)
      const expected: 'ok' | ErrorCode =
        who === 'system'
          ? 'FORBIDDEN'
          : allowed.includes(who)
            ? 'ok'
            : allowed.length === 0
              ? 'MOVE_NOT_ALLOWED'
              : REFUSAL[move]
      return [move, s, who, expected] as const
    }),
  ),
)

describe('every move × every state × every actor', () => {
  it.each(cases)('%s on %s by %s → %s', (move, s, who, expected) => {
    const r = S[s]
    const d = decide(r, { move, ...INPUT[move] }, ACTORS[who], NOW, settings, { survivor })
    if (expected !== 'ok') {
      expect(d).toMatchObject({ ok: false, code: expected })
      return
    }
    if (!d.ok) throw new Error(`refused: ${d.code}`)
    // one event, the next in the request's sequence, from where it was to where it is
    expect(d.event).toMatchObject({
      _id: `${r._id}_${r.seq + 1}`,
      requestId: r._id,
      seq: r.seq + 1,
      move,
      from: { state: r.state, level: r.level },
      to: { state: d.next.state, level: d.next.level },
      actorId: ACTORS[who].personId,
      at: NOW,
    })
    expect(d.event.actorLabel).toContain(ACTORS[who].name)
    expect(d.next.seq).toBe(r.seq + 1)
    expect(d.next.group).toBe(STATE_GROUP[d.next.state])
    expect(d.next.updatedAt).toEqual(NOW)
  })

  it('allowedMoves offers exactly the accepted moves', () => {
    for (const s of SCENARIOS)
      for (const who of ACTOR_NAMES) {
        const expected = who === 'system' ? [] : USER_MOVES.filter((m) => WHO[m](s).includes(who))
        expect({ s, who, moves: allowedMoves(S[s], ACTORS[who], NOW, settings) }).toEqual({ s, who, moves: expected })
      }
  })
})

describe('what each move does', () => {
  const at = minutes(30)
  const go = (r: RequestDoc, who: ActorName, move: MoveRequest) => {
    const d = decide(r, move, ACTORS[who], at, settings, { survivor })
    if (!d.ok) throw new Error(d.code)
    return d
  }

  it('report: 待受理 at the grid, owned by the grid, due to be accepted and answered', () => {
    const r = reported('sanitation', false)
    expect(r).toMatchObject({ state: 'submitted', group: 'open', level: 'grid', ownerKey: 'g', seq: 1 })
    expect(+(r.levelDueAt as Date) - +T0).toBe(24 * 3_600_000)
    expect(+(r.resolveDueAt as Date) - +T0).toBe(7 * 24 * 3_600_000)
    expect(r.nextDueAt).toEqual(r.levelDueAt)
  })

  it('respond records the first response and takes it in hand', () => {
    const d = go(S.submittedGrid, 'buildingHead', { move: 'respond' })
    expect(d.next).toMatchObject({ state: 'processing', respondedAt: at, acceptedAt: at, levelDueAt: null })
    expect(d.event.actorLabel).toBe('楼栋长 陈楼长')
  })

  it('escalate climbs one level, 待受理 there with its own acceptance deadline, and remembers who sent it', () => {
    const d = go(S.processingGrid, 'gridChief', { move: 'escalate' })
    expect(d.next).toMatchObject({ state: 'submitted', level: 'community', ownerKey: 'c', sentFrom: ['grid'] })
    expect(d.next.escalated).toBe(true)
    expect(+(d.next.levelDueAt as Date) - +at).toBe(2 * 3_600_000) // urgent repair
  })

  it('dispatch sends it to a department of the street, due to report in within 24 h', () => {
    const d = go(S.processingStreet, 'streetStaff', { move: 'dispatch', departmentId: 'chengguan', note: '请城管处理' })
    expect(d.next).toMatchObject({ level: 'department', departmentId: 'chengguan', ownerKey: 'dept:s:chengguan' })
    expect(+(d.next.levelDueAt as Date) - +at).toBe(24 * 3_600_000)
    expect(
      decide(S.processingStreet, { move: 'dispatch', departmentId: 'gongshui' }, ACTORS.streetStaff, at, settings),
    ).toMatchObject({ ok: false, code: 'REQUEST_DEPARTMENT_UNKNOWN' })
  })

  it('checkIn within the 报到 limit takes it in hand; after it, it is refused', () => {
    expect(go(S.submittedDepartment, 'chengguan', { move: 'checkIn' }).next.state).toBe('processing')
    const late = new Date(+(S.submittedDepartment.levelDueAt as Date) + 1)
    expect(decide(S.submittedDepartment, { move: 'checkIn' }, ACTORS.chengguan, late, settings)).toMatchObject({
      ok: false,
      code: 'REQUEST_CHECKIN_LATE',
    })
  })

  it('the other department of the street cannot touch 城管’s request', () => {
    expect(ownerGrant(S.processingDepartment, ACTORS.huanwei.roles)).toBeUndefined()
    expect(ownerGrant(S.processingDepartment, ACTORS.chengguan.roles)?.departmentId).toBe('chengguan')
  })

  it('return at the grid closes it with the reason and who refused; higher up it goes back to the sender', () => {
    const atGrid = go(S.submittedGrid, 'gridChief', { move: 'return', reason: '属于物业维修范围' })
    expect(atGrid.next).toMatchObject({
      state: 'returned',
      group: 'closed',
      returnReason: '属于物业维修范围',
      returnedBy: '网格长 张网格',
      closedAt: at,
    })
    const fromDept = go(S.processingDepartment, 'chengguan', { move: 'return', reason: '不属于城管职责' })
    expect(fromDept.next).toMatchObject({ state: 'processing', level: 'street', ownerKey: 's' })
    expect(fromDept.next.departmentId).toBeUndefined()
    expect(fromDept.next.sentFrom).toEqual(['grid', 'community'])
    expect(decide(S.submittedGrid, { move: 'return', reason: '  ' }, ACTORS.gridChief, at, settings)).toMatchObject({
      ok: false,
      code: 'REQUEST_REASON_REQUIRED',
    })
  })

  it('complete needs a note and records when and at which level it was resolved', () => {
    expect(decide(S.processingDepartment, { move: 'complete' }, ACTORS.chengguan, at, settings)).toMatchObject({
      ok: false,
      code: 'REQUEST_NOTE_REQUIRED',
    })
    const d = go(S.processingDepartment, 'chengguan', { move: 'complete', note: '路灯已更换', photos: ['cloud://a'] })
    expect(d.next).toMatchObject({ state: 'done', group: 'resolved', resolvedAt: at, resolvedLevel: 'department' })
    expect(d.next.resolvedOnTime).toBe(true)
    expect(d.next.nextDueAt).toBeNull()
    expect(d.event).toMatchObject({ note: '路灯已更换', photos: ['cloud://a'], actorLabel: '城管 城管队员' })
  })

  it('不满意 reopens it at the level that resolved it; 满意 closes it', () => {
    const reopened = go(S.doneDepartment, 'reporter', { move: 'rate', rating: 'unsatisfied', comment: '还是不亮' })
    expect(reopened.next).toMatchObject({
      state: 'processing',
      level: 'department',
      departmentId: 'chengguan',
      reopenCount: 1,
      rating: 'unsatisfied',
      ratingComment: '还是不亮',
    })
    expect(reopened.next.nextDueAt).toEqual(reopened.next.resolveDueAt)
    const closed = go(S.doneDepartment, 'reporter', { move: 'rate', rating: 'satisfied' })
    expect(closed.next).toMatchObject({ state: 'rated', group: 'closed', closedAt: at, rating: 'satisfied' })
    expect(decide(S.doneGrid, { move: 'rate' }, ACTORS.reporter, at, settings)).toMatchObject({
      ok: false,
      code: 'REQUEST_RATING_REQUIRED',
    })
  })

  it('confirmUrgent rules once: overruled, the deadlines go back to the category’s', () => {
    const d = go(S.submittedGrid, 'gridChief', { move: 'confirmUrgent', pass: false })
    expect(d.next.urgentConfirmed).toBe(false)
    expect(+(d.next.respondDueAt as Date) - +T0).toBe(4 * 3_600_000)
    expect(+(d.next.levelDueAt as Date) - +T0).toBe(4 * 3_600_000)
    expect(decide(d.next, { move: 'confirmUrgent', pass: true }, ACTORS.gridChief, at, settings)).toMatchObject({
      ok: false,
      code: 'MOVE_NOT_ALLOWED',
    })
    expect(decide(S.submittedGrid, { move: 'confirmUrgent' }, ACTORS.gridChief, at, settings)).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
    })
  })

  it('a request accepted once can no longer be withdrawn, even when it is back at the grid', () => {
    const back = walk(S.processingGrid, [
      ['gridChief', { move: 'escalate' }],
      ['communityStaff', { move: 'return', reason: '网格可以处理' }],
    ])
    expect(back).toMatchObject({ state: 'processing', level: 'grid', sentFrom: [] })
    expect(decide(back, { move: 'withdraw' }, ACTORS.reporter, at, settings)).toMatchObject({
      ok: false,
      code: 'MOVE_NOT_ALLOWED',
    })
  })

  it('merge needs an open survivor of the same grid', () => {
    const other = { ...survivor, _id: 'elsewhere', gridId: 'g2' }
    const closed = { ...survivor, state: 'rated' as const, group: 'closed' as const }
    for (const s of [other, closed, null, S.submittedGrid])
      expect(
        decide(S.submittedGrid, { move: 'merge', into: s?._id ?? 'x' }, ACTORS.gridChief, at, settings, {
          survivor: s,
        }),
      ).toMatchObject({ ok: false, code: 'REQUEST_MERGE_INVALID' })
    expect(go(S.submittedGrid, 'gridChief', { move: 'merge', into: 'survivor' }).next).toMatchObject({
      state: 'merged',
      mergedInto: 'survivor',
    })
  })

  it('merge writes the survivor an event naming what it took in, changing nothing else of it', () => {
    const d = go(S.submittedGrid, 'gridChief', { move: 'merge', into: 'survivor' })
    const absorbed = d.absorbed
    if (!absorbed) throw new Error('a merge must write the survivor an event')
    expect(absorbed.event).toMatchObject({
      _id: `survivor_${survivor.seq + 1}`,
      requestId: 'survivor',
      seq: survivor.seq + 1,
      move: 'merge',
      from: { state: survivor.state, level: survivor.level },
      to: { state: survivor.state, level: survivor.level },
      mergedFrom: [S.submittedGrid._id],
      actorLabel: d.event.actorLabel,
      at,
    })
    expect(absorbed.event.into).toBeUndefined()
    expect(absorbed.event.note).toMatch(/^合并了 1 件重复诉求：“.+”（\d+月\d+日\d\d:\d\d反映）$/)
    // the survivor stays as it was but for its timeline: same state, level, deadlines, nothing closed
    const { seq, updatedAt, last, ...rest } = absorbed.next
    const { seq: s0, updatedAt: u0, last: l0, ...was } = survivor
    expect(rest).toEqual(was)
    expect([seq, updatedAt, last]).toEqual([s0 + 1, at, { move: 'merge', actorLabel: d.event.actorLabel, at }])
    expect([s0, u0, l0]).toBeDefined()
  })

  it('names merged duplicates by their opening and Beijing report time, never by id or reporter', () => {
    const dup = (description: string, iso: string) => ({ description, createdAt: new Date(iso) })
    const cases: [Parameters<typeof mergedNote>[0], string][] = [
      [[dup('楼道灯不亮', '2026-12-02T01:05:00Z')], '合并了 1 件重复诉求：“楼道灯不亮”（12月2日09:05反映）'],
      [
        [
          dup('  5栋  楼道灯\n不亮 ', '2026-12-31T16:30:00Z'),
          dup('一二三四五六七八九十一二三四五六七八九十多出来的', '2026-12-02T01:05:00Z'),
        ],
        '合并了 2 件重复诉求：“5栋 楼道灯 不亮”（1月1日00:30反映）、“一二三四五六七八九十一二三四五六七八九十…”（12月2日09:05反映）',
      ],
    ]
    for (const [dups, note] of cases) expect(mergedNote(dups)).toBe(note)
  })

  it('an errand: a volunteer of the grid takes it (not the reporter, not a non-volunteer, not outside the grid)', () => {
    const d = go(S.errandSubmitted, 'resident', { move: 'takeErrand' })
    expect(d.next).toMatchObject({ state: 'processing', errandTakerId: 'p_resident', errandTakerName: '孙邻居' })
    for (const who of ['neighbour', 'outsider', 'reporter'] as const)
      expect(decide(S.errandSubmitted, { move: 'takeErrand' }, ACTORS[who], at, settings)).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      })
  })

  it('an errand rated well pays its taker once; rated 不满意 it does not', () => {
    const done = walk(S.errandTaken, [['taker', { move: 'complete', note: '已送到' }]])
    const good = go(done, 'reporter', { move: 'rate', rating: 'satisfied' })
    expect(good.payErrand).toBe(true)
    expect(good.next.errandPaidAt).toEqual(at)
    const bad = go(done, 'reporter', { move: 'rate', rating: 'unsatisfied' })
    expect(bad.payErrand).toBe(false)
    const again = walk(bad.next, [
      ['taker', { move: 'complete', note: '重新送了' }],
      ['reporter', { move: 'rate', rating: 'basic' }],
    ])
    expect(again.errandPaidAt).toBeDefined()
    // a plain request with a taker never pays, nor does a re-rating once paid
    expect(go(S.doneGrid, 'reporter', { move: 'rate', rating: 'satisfied' }).payErrand).toBe(false)
  })

  it('回头看 without a date is due the community’s reinspectWeeks after the leader schedules it', () => {
    for (const reinspectWeeks of [1, 4, 6, 26]) {
      const d = decide(S.rated, { move: 'scheduleReinspection' }, ACTORS.gridChief, at, { ...settings, reinspectWeeks })
      if (!d.ok) throw new Error(d.code)
      expect(+(d.next.reinspectAt as Date) - +at).toBe(reinspectWeeks * 7 * 86_400_000)
    }
  })

  it('回头看: scheduled after closing (default 4 weeks), a pass strikes it off, a fail reopens it', () => {
    const scheduled = go(S.rated, 'gridChief', { move: 'scheduleReinspection' })
    expect(+(scheduled.next.reinspectAt as Date) - +at).toBe(28 * 86_400_000)
    const pass = go(scheduled.next, 'gridChief', { move: 'reinspect', pass: true })
    expect(pass.next).toMatchObject({ state: 'rated', struckOff: true })
    expect(allowedMoves(pass.next, ACTORS.gridChief, at, settings)).toEqual([])
    const fail = go(scheduled.next, 'gridChief', { move: 'reinspect', pass: false, note: '灯又坏了' })
    expect(fail.next).toMatchObject({ state: 'processing', group: 'open', level: 'grid', reopenCount: 1 })
    expect(fail.next.reinspectAt).toBeUndefined()
    expect(fail.next.closedAt).toBeUndefined()
    for (const reinspectAt of [new Date(+at - 1).toISOString(), new Date(+at + 400 * 86_400_000).toISOString()])
      expect(
        decide(S.rated, { move: 'scheduleReinspection', reinspectAt }, ACTORS.gridChief, at, settings),
      ).toMatchObject({ ok: false, code: 'REQUEST_REINSPECT_DATE_INVALID' })
  })

  it('heads own only at their own level: a grid chief’s grant over the community heads no grid', () => {
    const misplaced = { ...ACTORS.gridChief, roles: [{ role: 'gridChief' as const, unitId: 'c', path: '/s/c/' }] }
    expect(allowedMoves(S.submittedGrid, misplaced, at, settings)).toEqual([])
    const overHousehold = {
      ...ACTORS.buildingHead,
      roles: [{ role: 'buildingHead' as const, unitId: 'h', path: '/s/c/g/b/h/' }],
    }
    expect(allowedMoves(S.submittedGrid, overHousehold, at, settings)).toEqual([])
  })

  it('a building head owns only requests of their own building', () => {
    const spot = reported('repair', false, T0, 'spot')
    expect(allowedMoves(spot, ACTORS.buildingHead, at, settings)).toEqual([])
    expect(allowedMoves(S.submittedGrid, ACTORS.otherBuildingHead, at, settings)).toEqual([])
    expect(allowedMoves(spot, ACTORS.gridChief, at, settings)).toContain('accept')
  })
})

describe('the timer’s moves', () => {
  const sys = (r: RequestDoc, at: Date) => decide(r, { move: 'autoEscalate' }, ACTORS.system, at, settings)
  const after = (r: RequestDoc, key: 'levelDueAt' | 'respondDueAt' | 'resolveDueAt', ms = 1) =>
    new Date(+(r[key] as Date) + ms)

  it('nothing is overdue before a deadline: refused', () => {
    expect(sys(S.submittedGrid, new Date(+(S.submittedGrid.nextDueAt as Date) - 1))).toMatchObject({
      ok: false,
      code: 'MOVE_NOT_ALLOWED',
    })
  })

  it('an overdue request at the grid climbs to the community, with an event saying so', () => {
    const at = after(S.submittedGrid, 'levelDueAt')
    const d = sys(S.submittedGrid, at)
    if (!d.ok) throw new Error(d.code)
    expect(d.next).toMatchObject({
      state: 'submitted',
      level: 'community',
      ownerKey: 'c',
      respondOverdue: true,
      levelOverdue: false,
      overdue: true,
      escalated: true,
    })
    expect(d.event).toMatchObject({ move: 'autoEscalate', actorLabel: '系统', overdue: ['respond', 'level'] })
    expect(d.event.note).toBe('超过响应时限、超过受理时限，自动上报')
    // the community has its own acceptance deadline, which the timer waits on next
    expect(d.next.nextDueAt).toEqual(d.next.levelDueAt)
    expect(+(d.next.levelDueAt as Date)).toBeGreaterThan(+at)
  })

  it('from the community it climbs to the street; at the street it is only marked overdue', () => {
    const street = sys(S.submittedCommunity, after(S.submittedCommunity, 'levelDueAt'))
    expect(street).toMatchObject({ ok: true, next: { level: 'street', state: 'submitted' } })
    const stay = sys(S.submittedStreet, after(S.submittedStreet, 'levelDueAt'))
    if (!stay.ok) throw new Error(stay.code)
    expect(stay.next).toMatchObject({ level: 'street', state: 'submitted', levelOverdue: true, overdue: true })
    expect(stay.event.to).toEqual({ state: 'submitted', level: 'street' })
    expect(stay.event.note).toContain('已标记超时')
  })

  it('a department late to report in is marked overdue and can no longer report in', () => {
    const d = sys(S.submittedDepartment, after(S.submittedDepartment, 'levelDueAt'))
    if (!d.ok) throw new Error(d.code)
    expect(d.next).toMatchObject({ level: 'department', levelOverdue: true })
    expect(decide(d.next, { move: 'checkIn' }, ACTORS.chengguan, minutes(60 * 30), settings)).toMatchObject({
      ok: false,
      code: 'REQUEST_CHECKIN_LATE',
    })
    expect(allowedMoves(d.next, ACTORS.chengguan, minutes(60 * 30), settings)).toContain('return')
  })

  it('a request being handled past its resolve deadline climbs too, and is counted overdue', () => {
    const responded = walk(S.processingGrid, [['gridChief', { move: 'respond' }]])
    const d = sys(responded, after(responded, 'resolveDueAt'))
    expect(d).toMatchObject({
      ok: true,
      next: { level: 'community', resolveOverdue: true },
      event: { overdue: ['resolve'] },
    })
  })

  it('done and unrated for 7 days: closed by itself, as fixed but not confirmed', () => {
    const r = S.doneGrid
    const week = +(r.resolvedAt as Date) + 7 * 86_400_000
    expect(decide(r, { move: 'autoClose' }, ACTORS.system, new Date(week - 1), settings)).toMatchObject({
      ok: false,
      code: 'MOVE_NOT_ALLOWED',
    })
    const d = decide(r, { move: 'autoClose' }, ACTORS.system, new Date(week), settings)
    if (!d.ok) throw new Error(d.code)
    expect(d.next).toMatchObject({ state: 'closed', group: 'closed', closedAt: new Date(week) })
    expect(d.event.note).toBe('办结后 7 天未评价，自动关闭（已办结，未经确认）')
    expect(decide(S.rated, { move: 'autoClose' }, ACTORS.system, new Date(week), settings)).toMatchObject({
      ok: false,
      code: 'MOVE_NOT_ALLOWED',
    })
  })

  it('people cannot make the timer’s moves', () => {
    for (const who of ACTOR_NAMES.filter((a) => a !== 'system'))
      for (const move of ['autoEscalate', 'autoClose'] as const)
        expect(decide(S.doneGrid, { move }, ACTORS[who], minutes(60 * 24 * 30), settings)).toMatchObject({
          ok: false,
          code: 'FORBIDDEN',
        })
  })
})
