import { checkAdjustment, limitsFor, reasonGiven, remainingThisMonth } from '../../../core/points/adjustments'

const at = new Date('2026-12-02T03:00:00Z')

describe('limitsFor', () => {
  it.each([
    [['gridChief'], { grant: 500, deduct: 200 }],
    [['partyLeader', 'communityStaff'], { grant: 2000, deduct: 1000 }],
    [['resident', 'merchant'], { grant: 0, deduct: 0 }],
    [[], { grant: 0, deduct: 0 }],
  ] as const)('%j → %j', (roles, limits) => {
    expect(limitsFor(roles)).toEqual(limits)
  })
})

describe('checkAdjustment', () => {
  const base = { roles: ['gridChief'] as const, direction: 'grant' as const, amount: 100, reason: '组织垃圾分类', at }
  it.each([
    ['no reason', { reason: '  ' }, 'POINTS_REASON_REQUIRED'],
    ['too short a reason', { reason: '辛苦了' }, 'POINTS_REASON_REQUIRED'],
    ['over the month’s grants', { used: { month: '2026-12', granted: 450, deducted: 0 } }, 'POINTS_LIMIT_EXCEEDED'],
    ['over the deductions', { direction: 'deduct' as const, amount: 201 }, 'POINTS_LIMIT_EXCEEDED'],
    ['a role that may not adjust', { roles: ['resident'] as const }, 'POINTS_LIMIT_EXCEEDED'],
  ])('refuses %s', (_, change, code) => {
    const res = checkAdjustment({ ...base, used: undefined, ...change })
    expect(res).toMatchObject({ ok: false, code })
  })

  it('counts within the month and starts afresh in the next (Beijing months)', () => {
    expect(checkAdjustment({ ...base, used: { month: '2026-12', granted: 400, deducted: 5 } })).toEqual({
      ok: true,
      used: { month: '2026-12', granted: 500, deducted: 5 },
      remaining: { grant: 0, deduct: 195 },
    })
    expect(checkAdjustment({ ...base, used: { month: '2026-11', granted: 500, deducted: 200 } })).toMatchObject({
      ok: true,
      used: { month: '2026-12', granted: 100, deducted: 0 },
    })
    // 2026-11-30 17:00 UTC is already December in Beijing
    const lateNov = new Date('2026-11-30T17:00:00Z')
    expect(
      checkAdjustment({ ...base, at: lateNov, used: { month: '2026-11', granted: 500, deducted: 0 } }),
    ).toMatchObject({
      ok: true,
    })
  })

  it('says how much is left when refusing', () => {
    expect(checkAdjustment({ ...base, amount: 60, used: { month: '2026-12', granted: 450, deducted: 0 } })).toEqual({
      ok: false,
      code: 'POINTS_LIMIT_EXCEEDED',
      detail: '本月还可奖励 50 分',
    })
  })

  it('reasonGiven and remainingThisMonth', () => {
    expect([reasonGiven('好人好事'), reasonGiven('好 事')]).toEqual([true, false])
    expect(remainingThisMonth(['gridChief'], { month: '2026-12', granted: 120, deducted: 0 }, at)).toEqual({
      grant: 380,
      deduct: 200,
    })
    expect(remainingThisMonth(['gridChief'], { month: '2026-10', granted: 500, deducted: 200 }, at)).toEqual({
      grant: 500,
      deduct: 200,
    })
  })
})
