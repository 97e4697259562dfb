/** 导出我的数据 (privacy.exportMyData): the export as the client receives it. */
import { json, myData } from '../../../core/privacy/export'
import type { AuditDoc, ClaimDoc, PersonDoc } from '../../../core/model'

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
    })
    expect(homeless).toMatchObject({ household: null, claims: [], seenBy: [] })
  })
})
