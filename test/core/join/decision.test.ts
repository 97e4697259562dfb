/** A leader's decision on a claim: only a pending claim is decided, and who the approved claimant becomes. */
import { approval, arrivalOf, isPending, rejection, type Verdict } from '../../../core/join/decision'
import type { ClaimDoc, ClaimStatus, PersonDoc } from '../../../core/model'

const at = new Date('2026-03-01T08:00:00Z')
const household = { _id: 'h2', path: '/s/c/g/m/h2/' }
const verdict = (patch: Partial<Verdict> = {}): Verdict => ({
  approve: true,
  decidedBy: 'lead1',
  household,
  at,
  ...patch,
})
const claim = (status: ClaimStatus = 'pending'): ClaimDoc => ({
  _id: 'c1',
  openid: 'o_new',
  householdId: 'h2',
  householdPath: '/s/c/g/m/h2/',
  name: '王芳',
  phone: '13800000001',
  status,
  createdAt: new Date('2026-02-28T08:00:00Z'),
})
const person = (id: string, patch: Partial<PersonDoc> = {}): PersonDoc => ({
  _id: id,
  name: '王芳',
  phone: '13800000001',
  roles: [],
  createdAt: new Date('2026-01-01T00:00:00Z'),
  ...patch,
})

describe('only a pending claim is decided', () => {
  it.each([
    ['pending', true],
    ['approved', false],
    ['rejected', false],
    ['withdrawn', false],
  ] as [ClaimStatus, boolean][])('%s: %p', (status, decidable) => expect(isPending(claim(status))).toBe(decidable))
  it('a claim that is gone is not decided', () => expect(isPending(null)).toBe(false))
})

describe('what a decision writes on the claim', () => {
  it('a rejection carries the reason shown to the claimant, who decided and when', () => {
    expect(rejection(verdict({ approve: false, reason: '门牌不符' }))).toEqual({
      status: 'rejected',
      reason: '门牌不符',
      decidedBy: 'lead1',
      decidedAt: at,
    })
    expect(rejection(verdict({ approve: false })).reason).toBe('')
  })
  it('an approval names the person the claim attached to', () => {
    expect(approval(verdict(), 'p9')).toEqual({ status: 'approved', personId: 'p9', decidedBy: 'lead1', decidedAt: at })
  })
})

describe('who the approved claimant becomes', () => {
  const home = { householdId: 'h2', homePath: '/s/c/g/m/h2/' }
  it.each([
    [
      'known by their openid (a building head living elsewhere): they move in and keep leading',
      person('p1', {
        openid: 'o_new',
        householdId: 'h7',
        roles: [
          { role: 'buildingHead', unitId: 'm9' },
          { role: 'resident', unitId: 'h7' },
        ],
      }),
      null,
      {
        kind: 'move',
        personId: 'p1',
        patch: {
          ...home,
          roles: [
            { role: 'buildingHead', unitId: 'm9' },
            { role: 'resident', unitId: 'h2' },
          ],
        },
      },
    ],
    [
      'known by their openid wins over an imported twin',
      person('p1', { openid: 'o_new', roles: [] }),
      person('p2', { householdId: 'h2' }),
      { kind: 'move', personId: 'p1', patch: { ...home, roles: [{ role: 'resident', unitId: 'h2' }] } },
    ],
    [
      'the imported member of the household: the openid attaches to them',
      null,
      person('p2', { householdId: 'h2', roles: [{ role: 'resident', unitId: 'h2' }] }),
      {
        kind: 'attach',
        personId: 'p2',
        patch: { ...home, roles: [{ role: 'resident', unitId: 'h2' }], openid: 'o_new' },
      },
    ],
  ])('%s', (_what, claimant, twin, arrival) => expect(arrivalOf(claim(), verdict(), claimant, twin)).toEqual(arrival))

  const added = {
    kind: 'add',
    doc: {
      openid: 'o_new',
      name: '王芳',
      phone: '13800000001',
      ...home,
      roles: [{ role: 'resident', unitId: 'h2' }],
      createdAt: at,
    },
  }
  it.each([
    ['nobody known and no twin', null],
    ['the twin joined through WeChat meanwhile', person('p2', { householdId: 'h2', openid: 'o_other' })],
    ['the twin moved to another household meanwhile', person('p2', { householdId: 'h3' })],
    ['the twin left their household meanwhile', person('p2')],
  ])('%s: a new person', (_what, twin) => expect(arrivalOf(claim(), verdict(), null, twin)).toEqual(added))
})
