/** 审计日志 (privacy.auditLog): entries with everyone named as stored now. */
import { auditEntries, namesNeeded } from '../../../core/privacy/audit-log'
import { DELETED_NAME } from '../../../core/grid/phone-visibility'
import type { AuditDoc } from '../../../core/model'

const entries: AuditDoc[] = [
  {
    _id: 'a2',
    actorId: 'p8',
    actorName: '李强',
    action: 'join.pendingClaims',
    subjectIds: [],
    claimIds: ['c1', 'c2', 'c3'],
    unitId: 'g1',
    unitPath: '/s1/c1/g1/',
    at: new Date('2025-05-02T00:00:00Z'),
  },
  {
    _id: 'a1',
    actorId: 'p9',
    actorName: '赵敏',
    action: 'grid.households',
    subjectIds: ['p1', 'p2'],
    unitId: 'b3',
    unitPath: '/s1/c1/g1/b3/',
    at: new Date('2025-05-01T00:00:00Z'),
  },
]

describe('namesNeeded', () => {
  it('asks for actors and subjects as people, and for visitors’ claims', () => {
    expect(namesNeeded(entries)).toEqual({ personIds: ['p8', 'p9', 'p1', 'p2'], claimIds: ['c1', 'c2', 'c3'] })
  })
})

describe('auditEntries', () => {
  // p8 renamed since; p9 not found (the entry keeps its name); p2 deleted (no longer found)
  const people = [
    { _id: 'p8', name: '李强（网格长）' },
    { _id: 'p1', name: '王芳' },
  ]
  // c2's claimant was deleted (the claim keeps no name); c3 is gone
  const claims = [
    { _id: 'c1', name: '访客甲' },
    { _id: 'c2', name: '' },
  ]
  const rows = auditEntries(entries, people, claims)

  it('keeps the entry and its order, dates as ISO text', () => {
    expect(rows.map((r) => ({ ...r, subjects: undefined }))).toEqual([
      {
        _id: 'a2',
        actorId: 'p8',
        actorName: '李强（网格长）',
        action: 'join.pendingClaims',
        unitId: 'g1',
        unitPath: '/s1/c1/g1/',
        at: '2025-05-02T00:00:00.000Z',
        subjects: undefined,
      },
      {
        _id: 'a1',
        actorId: 'p9',
        actorName: '赵敏',
        action: 'grid.households',
        unitId: 'b3',
        unitPath: '/s1/c1/g1/b3/',
        at: '2025-05-01T00:00:00.000Z',
        subjects: undefined,
      },
    ])
  })

  it.each([
    ['a claimant by their claim', 0, { id: 'c1', name: '访客甲' }],
    ['a deleted claimant', 0, { id: 'c2', name: DELETED_NAME }],
    ['a claim no longer found', 0, { id: 'c3', name: DELETED_NAME }],
    ['a person by their name now', 1, { id: 'p1', name: '王芳' }],
    ['a person no longer found', 1, { id: 'p2', name: DELETED_NAME }],
  ])('names %s', (_name, row, subject) => {
    expect(rows[row].subjects).toContainEqual(subject)
  })

  it('lists people first, then claims, each once as recorded', () => {
    expect(rows.map((r) => r.subjects.map((s) => s.id))).toEqual([
      ['c1', 'c2', 'c3'],
      ['p1', 'p2'],
    ])
  })
})
