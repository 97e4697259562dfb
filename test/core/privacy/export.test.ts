/** 导出我的数据 (privacy.exportMyData): the export as the client receives it. */
import { json, myData, myPoints, type PointsFacts } from '../../../core/privacy/export'
import type { AuditDoc, ClaimDoc, PersonDoc, TransferDoc } from '../../../core/model'

const person: PersonDoc = {
  _id: 'p1',
  openid: 'o_p1',
  name: '王芳',
  phone: '13800000001',
  householdId: 'h1',
  homePath: '/s1/c1/g1/b3/h1/',
  roles: [{ role: 'resident', unitId: 'h1' }],
  createdAt: new Date('2025-04-01T00:00:00Z'),
}
const claim = (id: string, createdAt: string): ClaimDoc => ({
  _id: id,
  openid: 'o_p1',
  householdId: 'h1',
  householdPath: '/s1/c1/g1/b3/h1/',
  name: '王芳',
  phone: '13800000001',
  status: 'approved',
  createdAt: new Date(createdAt),
})
const entry = (id: string, actorId: string, actorName: string, at: string): AuditDoc => ({
  _id: id,
  actorId,
  actorName,
  action: 'grid.households',
  subjectIds: ['p1'],
  unitId: 'g1',
  unitPath: '/s1/c1/g1/',
  at: new Date(at),
})

const noPoints: PointsFacts = {
  account: null,
  transfers: [],
  signups: [],
  volunteer: null,
  vouchers: [],
  memberships: [],
  teams: [],
}

const transfer = (id: string, from: string, to: string, amount: number, at: string): TransferDoc => ({
  _id: id,
  kind: from.startsWith('pool') ? 'earn' : 'redeem',
  from,
  to,
  accounts: [from, to],
  legs: [
    { accountId: from, amount: -amount },
    { accountId: to, amount },
  ],
  amount,
  reason: from.startsWith('pool') ? '志愿服务' : '兑换 理发',
  ref: { kind: from.startsWith('pool') ? 'signup' : 'voucher', id: `${id}-ref` },
  actorId: 'p1',
  at: new Date(at),
})

describe('json', () => {
  it('turns dates into ISO text, keeps everything else, and leaves out the platform’s _openid', () => {
    const at = new Date('2025-04-01T08:00:00Z')
    expect(json({ _id: 'x', _openid: 'o_client', at, n: 3, s: '2025', list: ['a'], none: undefined })).toEqual({
      _id: 'x',
      at: '2025-04-01T08:00:00.000Z',
      n: 3,
      s: '2025',
      list: ['a'],
      none: undefined,
    })
  })
})

describe('myData', () => {
  const exported = myData({
    person,
    home: { _id: 'h1', name: '3栋1单元402' },
    claims: [claim('c-old', '2025-03-01T00:00:00Z'), claim('c-new', '2025-03-20T00:00:00Z')],
    seen: [entry('a2', 'p8', '李强', '2025-05-02T00:00:00Z'), entry('a1', 'p9', '赵敏', '2025-05-01T00:00:00Z')],
    actorNames: new Map([['p8', '李强（网格长）']]),
    exportedAt: new Date('2025-06-01T00:00:00Z'),
    points: noPoints,
  })

  it('carries no openid, neither the person’s nor their claims’', () => {
    expect(JSON.stringify(exported)).not.toContain('o_p1')
    expect(exported.person).toEqual({
      _id: 'p1',
      name: '王芳',
      phone: '13800000001',
      householdId: 'h1',
      homePath: '/s1/c1/g1/b3/h1/',
      roles: [{ role: 'resident', unitId: 'h1' }],
      createdAt: '2025-04-01T00:00:00.000Z',
    })
  })

  it('lists claims newest first, dates as ISO text', () => {
    expect(exported.claims.map((c) => [c._id, c.createdAt])).toEqual([
      ['c-new', '2025-03-20T00:00:00.000Z'],
      ['c-old', '2025-03-01T00:00:00.000Z'],
    ])
  })

  it('names who saw the data by their name now, else the name they had then', () => {
    expect(exported.seenBy).toEqual([
      { actorName: '李强（网格长）', action: 'grid.households', at: '2025-05-02T00:00:00.000Z' },
      { actorName: '赵敏', action: 'grid.households', at: '2025-05-01T00:00:00.000Z' },
    ])
  })

  it('names the household and the moment of the export', () => {
    expect(exported.household).toEqual({ _id: 'h1', name: '3栋1单元402' })
    expect(exported.exportedAt).toBe('2025-06-01T00:00:00.000Z')
    const homeless = myData({
      person,
      home: null,
      claims: [],
      seen: [],
      actorNames: new Map(),
      exportedAt: new Date(0),
      points: noPoints,
    })
    expect(homeless).toMatchObject({ household: null, claims: [], seenBy: [] })
  })
})

describe('myPoints', () => {
  const mine = myPoints({
    ...noPoints,
    account: {
      _id: 'person_p1',
      kind: 'person',
      ownerId: 'p1',
      balance: 20,
      lots: [{ amount: 20, expiresAt: new Date('2026-12-31T15:59:59Z') }],
      nextExpiry: new Date('2026-12-31T15:59:59Z'),
      version: 2,
      createdAt: new Date('2025-05-01T00:00:00Z'),
      updatedAt: new Date('2025-05-03T00:00:00Z'),
    },
    transfers: [
      transfer('t-earn', 'pool_c1', 'person_p1', 30, '2025-05-01T00:00:00Z'),
      transfer('t-spend', 'person_p1', 'merchant_p9', 10, '2025-05-03T00:00:00Z'),
    ],
    memberships: [
      {
        _id: 'tm1_p1',
        teamId: 'tm1',
        personId: 'p1',
        name: '王芳',
        leader: false,
        minutes: 90,
        points: 15,
        hidden: false,
        active: true,
        joinedAt: new Date('2025-04-02T00:00:00Z'),
      },
    ],
    teams: [{ _id: 'tm1', name: '助老服务队' }],
  })

  it('shows each ledger entry as it moved the person’s account, newest first', () => {
    expect(mine.ledger.map((e) => [e._id, e.amount, e.reason])).toEqual([
      ['t-spend', -10, '兑换 理发'],
      ['t-earn', 30, '志愿服务'],
    ])
    expect(mine.ledger[0].at).toBe('2025-05-03T00:00:00.000Z')
  })

  it('carries the balance, what expires when, and the teams by name', () => {
    expect(mine.balance).toBe(20)
    expect(mine.lots).toEqual([{ amount: 20, expiresAt: '2026-12-31T15:59:59.000Z' }])
    expect(mine.teams).toEqual([
      expect.objectContaining({ teamId: 'tm1', name: '助老服务队', minutes: 90, active: true }),
    ])
    expect(myPoints(noPoints)).toMatchObject({ balance: 0, lots: [], ledger: [], hours: null, teams: [] })
  })
})
