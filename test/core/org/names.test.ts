/** Names are unique where people use them: communities in their street, grids and buildings in their community. */
import { nameScope, nameTakenIn } from '../../../core/org/names'
import type { Level, Unit } from '../../../core/units'
import { b12, b3, community, grid, grid2, home, retired, street } from './fixtures'

describe('where a name must be unique', () => {
  it.each<[Level, Unit, string | undefined]>([
    ['community', street, '/s1/'],
    ['grid', community, '/s1/c1/'],
    // a building's name is unique in its community, not only in its grid
    ['microgrid', grid, '/s1/c1/'],
    ['microgrid', b3, '/s1/c1/'],
    // a grid placed under a street has no community to be unique in
    ['grid', street, undefined],
  ])('a %s under %s', (level, parent, scope) => {
    expect(nameScope(level, parent)).toBe(scope)
  })
})

describe('whether a name is taken', () => {
  const units = [community, grid, grid2, b3, retired(b12), home]
  it.each<[string, Level, string, string | undefined, boolean]>([
    ['a building of that name in the community', 'microgrid', '3栋', undefined, true],
    ['a name nobody has', 'microgrid', '5栋', undefined, false],
    ['only a retired one has it', 'microgrid', '12栋', undefined, false],
    ['a unit of another level has it', 'grid', '3栋', undefined, false],
    ['the unit itself (renaming to its own name, moving)', 'microgrid', '3栋', 'b3', false],
    ['a grid of that name', 'grid', '第2网格', 'g1', true],
  ])('%s', (_name, level, name, except, taken) => {
    expect(nameTakenIn(units, level, name, except)).toBe(taken)
  })
})
