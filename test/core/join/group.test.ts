/** A grid's group chats: what a binding card may bind a group to, and the order a grid's groups show in. */
import { byBoundAt, isBindableGrid, isGroupLevel } from '../../../core/join/group'
import type { Level, Unit } from '../../../core/units'

const unit = (level: Level, patch: Partial<Unit> = {}): Unit => ({
  _id: 'u1',
  level,
  name: 'u1',
  parentId: 'p',
  path: '/s1/c1/u1/',
  ...patch,
})

describe('what a group may be bound to', () => {
  it.each([
    ['a grid', unit('grid'), true, true],
    ['a retired grid', unit('grid', { retired: true }), true, false],
    ['a building', unit('microgrid'), false, false],
    ['a community', unit('community'), false, false],
    ['no unit', null, false, false],
  ])('%s: a group level %p, bindable now %p', (_what, u, level, bindable) => {
    if (u) expect(isGroupLevel(u)).toBe(level)
    expect(isBindableGrid(u)).toBe(bindable)
  })
})

describe('a grid’s groups in the order they were bound', () => {
  it('shows the first bound first, whether the date is stored as a date or as text', () => {
    const groups = [
      { _id: 'late', boundAt: new Date('2026-03-02T00:00:00Z') },
      { _id: 'early', boundAt: '2026-03-01T00:00:00.000Z' as unknown as Date },
      { _id: 'middle', boundAt: new Date('2026-03-01T12:00:00Z') },
    ]
    expect([...groups].sort(byBoundAt).map((g) => g._id)).toEqual(['early', 'middle', 'late'])
  })
})
