/** The bootstrap plan: a street, its community, and the caller as its first staff, with the audit entry of it. */
import { bootstrapAudit, planBootstrap, type BootstrapRequest } from '../../../core/org/bootstrap'
import type { PersonDoc } from '../../../core/model'

const request: BootstrapRequest = {
  streetName: '和平街道',
  communityName: '和平里社区',
  name: '王社工',
  phone: '13800138000',
  role: 'communityStaff',
}
const ids = { street: 'u1', community: 'u2', person: 'p1' }
const now = new Date(Date.UTC(2025, 0, 1))
const resident: PersonDoc = {
  _id: 'p0',
  openid: 'o-1',
  name: '张三',
  phone: '13800138001',
  householdId: 'h1',
  homePath: '/s0/c0/g0/b0/h1/',
  roles: [{ role: 'resident', unitId: 'h1' }],
  createdAt: new Date(0),
}

describe('planBootstrap', () => {
  it('creates the street and the community under it, and a new person for a caller without one', () => {
    const plan = planBootstrap(request, { openid: 'o-1', person: null }, ids, now)
    expect(plan.street).toEqual({ _id: 'u1', level: 'street', name: '和平街道', parentId: null, path: '/u1/' })
    expect(plan.community).toEqual({
      _id: 'u2',
      level: 'community',
      name: '和平里社区',
      parentId: 'u1',
      path: '/u1/u2/',
    })
    expect(plan.person).toEqual({
      _id: 'p1',
      openid: 'o-1',
      name: '王社工',
      phone: '13800138000',
      roles: [{ role: 'communityStaff', unitId: 'u2' }],
      createdAt: now,
    })
  })

  it.each([
    ['communityStaff', 'u2'],
    ['streetStaff', 'u1'],
  ] as const)('gives %s the role over %s', (role, unitId) => {
    expect(planBootstrap({ ...request, role }, { openid: 'o-1', person: null }, ids, now).grant).toEqual({
      role,
      unitId,
    })
  })

  it('lets a caller who joined as a resident keep their record, home and name, gaining the role', () => {
    const plan = planBootstrap(request, { openid: 'o-1', person: resident }, ids, now)
    expect(plan.person).toEqual({ ...resident, roles: [...resident.roles, { role: 'communityStaff', unitId: 'u2' }] })
  })

  it('records who became staff where, as one audit entry', () => {
    const plan = planBootstrap(request, { openid: 'o-1', person: resident }, ids, now)
    expect(bootstrapAudit(plan, now)).toEqual({
      actorId: 'p0',
      actorName: '张三',
      action: 'org.bootstrap',
      subjectIds: ['p0'],
      unitId: 'u2',
      unitPath: '/u1/u2/',
      at: now,
    })
  })
})
