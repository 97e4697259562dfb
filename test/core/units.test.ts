import {
  ancestorAt,
  ancestorPath,
  childPath,
  doorLabel,
  isWithin,
  pathIds,
  rootPath,
  type Level,
} from '../../core/units'

const HOME = '/s1/c1/g1/c1-b1/c1-b1-2-402/'

describe('materialised paths', () => {
  it.each([
    ['a root', rootPath('s1'), '/s1/'],
    ['a child of the root', childPath('/s1/', 'c1'), '/s1/c1/'],
    ['a household', childPath('/s1/c1/g1/c1-b1/', 'c1-b1-2-402'), HOME],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected)
  })

  it.each([
    [HOME, ['s1', 'c1', 'g1', 'c1-b1', 'c1-b1-2-402']],
    ['/s1/', ['s1']],
    ['', []],
  ])('pathIds(%s)', (path, ids) => {
    expect(pathIds(path)).toEqual(ids)
  })

  it.each([
    [HOME, '/s1/c1/g1/', true],
    ['/s1/c1/g1/', '/s1/c1/g1/', true],
    ['/s1/c1/g1/', HOME, false],
    ['/s1/c1/g10/', '/s1/c1/g1/', false], // the trailing separator keeps g10 out of g1
    ['/s1/c2/g5/', '/s1/c1/', false],
  ])('isWithin(%s, %s) → %s', (path, scope, expected) => {
    expect(isWithin(path, scope)).toBe(expected)
  })

  it.each<[Level, string | undefined, string | undefined]>([
    ['street', 's1', '/s1/'],
    ['community', 'c1', '/s1/c1/'],
    ['grid', 'g1', '/s1/c1/g1/'],
    ['microgrid', 'c1-b1', '/s1/c1/g1/c1-b1/'],
    ['household', 'c1-b1-2-402', HOME],
  ])('the %s of a household', (level, id, path) => {
    expect(ancestorAt(HOME, level)).toBe(id)
    expect(ancestorPath(HOME, level)).toBe(path)
  })

  it.each<[string, Level]>([
    ['/s1/c1/', 'grid'],
    ['/s1/', 'community'],
  ])('a unit above the level has no ancestor there: %s at %s', (path, level) => {
    expect(ancestorAt(path, level)).toBeUndefined()
    expect(ancestorPath(path, level)).toBeUndefined()
  })
})

describe('doorLabel', () => {
  it.each([
    [{ building: '5栋', entrance: '2单元', room: '402' }, '5栋2单元402'],
    [{ building: '12栋', room: '101' }, '12栋101'],
    [{}, ''],
  ])('%j → %s', (door, label) => {
    expect(doorLabel(door)).toBe(label)
  })
})
