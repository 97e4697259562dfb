/** Who a notice speaks for (core/notices/origin.ts): the unit of the publisher's widest grant, signed with their name. */
import type { ScopedGrant } from '../../../core/permissions'
import type { Role } from '../../../core/roles'
import type { Level } from '../../../core/units'
import { originLine, speakingGrant, unsigned } from '../../../core/notices/origin'

const grant = (role: Role, path: string): ScopedGrant => ({ role, unitId: path.split('/').at(-2) ?? '', path })
const unit = (level: Level, path: string) => ({ level, path })

describe('speakingGrant', () => {
  const chief = grant('gridChief', '/s1/c1/g1/')
  const staff = grant('communityStaff', '/s1/c1/')
  const head = grant('buildingHead', '/s1/c1/g1/b1/')
  it.each([
    [
      'community staff who is also a grid chief speaks for the community',
      [chief, staff],
      unit('grid', '/s1/c1/g1/'),
      staff,
    ],
    [
      'a grid chief who is also a building head speaks for the grid',
      [head, chief],
      unit('microgrid', '/s1/c1/g1/b1/'),
      chief,
    ],
    ['only the grants that may publish there count', [head, staff], unit('microgrid', '/s1/c1/g1/b1/'), head],
    ['none may publish there: none', [head], unit('grid', '/s1/c1/g1/'), undefined],
  ])('%s', (_, grants, u, expected) => {
    expect(speakingGrant(grants, u)).toEqual(expected)
  })
  it('on a tie, the first grant', () => {
    const a = grant('gridChief', '/s1/c1/g1/')
    const b = { ...grant('gridChief', '/s1/c1/g1/'), unitId: 'other' }
    expect(speakingGrant([a, b], unit('grid', '/s1/c1/g1/'))).toBe(a)
  })
})

describe('originLine and unsigned', () => {
  it('signs the unit with the name, and takes exactly that name off again', () => {
    const origin = originLine('和平里社区', '许玉兰')
    expect(origin).toBe('和平里社区 · 许玉兰')
    expect(unsigned(origin, '许玉兰')).toBe('和平里社区')
  })
  it.each([
    ['signed by someone else', '和平里社区 · 王建国', '许玉兰', null],
    ['a name that only ends like theirs', '和平里社区 · 张许玉兰', '许玉兰', null],
    ['already unsigned', '和平里社区', '许玉兰', null],
    ['a unit with no name', ' · 许玉兰', '许玉兰', ''],
  ])('%s → %s', (_, origin, name, expected) => {
    expect(unsigned(origin, name)).toBe(expected)
  })
})
