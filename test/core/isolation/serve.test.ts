/** Who serves a grid's isolation tasks: volunteers of its community, its building heads, party leader, grid chief. */
import { defaultGridPath, servesGrid } from '../../../core/isolation/serve'

const grid = '/s1/c1/g1/'
const grant = (role: string, path: string) =>
  ({ role, unitId: path.split('/').filter(Boolean).pop() as string, path }) as never

describe('servesGrid', () => {
  it.each([
    ['a volunteer of the community', { volunteer: true, homePath: '/s1/c1/g2/b4/h1/' }, [], true],
    ['a volunteer of another community', { volunteer: true, homePath: '/s1/c2/g5/b1/h1/' }, [], false],
    ['a resident who is no volunteer', { homePath: '/s1/c1/g1/b1/h1/' }, [], false],
    ['a deleted volunteer', { volunteer: true, homePath: '/s1/c1/g1/b1/h1/', deletedAt: new Date() }, [], false],
    ['the building head of a building of the grid', {}, [grant('buildingHead', '/s1/c1/g1/b1/')], true],
    ['a building head elsewhere', {}, [grant('buildingHead', '/s1/c1/g2/b4/')], false],
    ['the grid chief', {}, [grant('gridChief', grid)], true],
    ['another grid’s chief', {}, [grant('gridChief', '/s1/c1/g2/')], false],
    ['community staff (they keep, not serve)', {}, [grant('communityStaff', '/s1/c1/')], false],
  ])('%s', (_name, person, grants, expected) => {
    expect(servesGrid(person, grants, grid)).toBe(expected)
  })

  it('opens at the grid one leads, else at one’s home grid', () => {
    expect(defaultGridPath({ homePath: '/s1/c1/g2/b4/h1/' }, [grant('buildingHead', '/s1/c1/g1/b1/')])).toBe(grid)
    expect(defaultGridPath({ homePath: '/s1/c1/g2/b4/h1/' }, [])).toBe('/s1/c1/g2/')
    expect(defaultGridPath(null, [])).toBeUndefined()
  })
})
