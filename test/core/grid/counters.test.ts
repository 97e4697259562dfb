import fc from 'fast-check'
import {
  claimMove,
  countersFor,
  FIGURES,
  householdMove,
  plus,
  waitsForMove,
  withMember,
  ZERO,
  type Figures,
} from '../../../core/grid/counters'
import type { ClaimDoc, PersonDoc } from '../../../core/model'
import type { Unit } from '../../../core/units'

const unit = (id: string, level: Unit['level'], path: string, extra: Partial<Unit> = {}): Unit => ({
  _id: id,
  level,
  name: id,
  parentId: path.split('/').filter(Boolean).slice(-2, -1)[0] ?? null,
  path,
  ...extra,
})
const tree: Unit[] = [
  unit('s', 'street', '/s/'),
  unit('c', 'community', '/s/c/'),
  unit('g', 'grid', '/s/c/g/'),
  unit('b1', 'microgrid', '/s/c/g/b1/'),
  unit('b2', 'microgrid', '/s/c/g/b2/'),
  unit('h1', 'household', '/s/c/g/b1/h1/'),
  unit('h2', 'household', '/s/c/g/b1/h2/'),
  unit('h3', 'household', '/s/c/g/b2/h3/'),
]
const person = (id: string, home: string | null, extra: Partial<PersonDoc> = {}): PersonDoc => {
  const h = tree.find((u) => u._id === home)
  return {
    _id: id,
    name: id,
    phone: '',
    roles: [],
    createdAt: new Date(0),
    ...(h ? { householdId: h._id, homePath: h.path } : {}),
    ...extra,
  }
}
const claim = (id: string, home: string, status: ClaimDoc['status']): ClaimDoc => ({
  _id: id,
  openid: `o_${id}`,
  householdId: home,
  householdPath: (tree.find((u) => u._id === home) as Unit).path,
  name: '',
  phone: '',
  status,
  createdAt: new Date(0),
})
const figures = (f: Partial<Figures>): Figures => ({ ...ZERO, ...f })

describe('countersFor', () => {
  const people = [
    person('a', 'h1', { openid: 'o_a' }),
    person('b', 'h1', { careFlags: ['elderlyAlone'] }),
    person('c', 'h3'),
    person('staff', null, { openid: 'o_staff' }),
  ]
  const claims = [claim('k1', 'h2', 'pending'), claim('k2', 'h3', 'approved')]
  const counters = countersFor(tree, people, claims)

  it.each<[string, Partial<Figures>]>([
    ['b1', { households: 2, residents: 2, joined: 1, reachable: 1, care: 1, pendingClaims: 1 }],
    ['b2', { households: 1, residents: 1 }],
    ['g', { households: 3, residents: 3, joined: 1, reachable: 1, care: 1, pendingClaims: 1 }],
    ['s', { households: 3, residents: 3, joined: 1, reachable: 1, care: 1, pendingClaims: 1 }],
  ])('counts the whole subtree of %s', (id, f) => {
    const { path, ...held } = counters.get(id) as Figures & { path: string }
    expect(held).toEqual(figures(f))
    expect(path).toBe(tree.find((u) => u._id === id)?.path)
  })

  it('keeps no counter for a household, and counts no household under a retired unit', () => {
    expect(counters.has('h1')).toBe(false)
    const retired = tree.map((u) => (u._id === 'b2' ? { ...u, retired: true } : u))
    const after = countersFor(retired, [], [])
    expect(after.get('b2')?.households).toBe(0)
    expect(after.get('g')?.households).toBe(2)
  })
})

describe('the moves a change makes', () => {
  it('an approval into an empty household adds a resident, a joined one and a reachable household', () => {
    const arrived = person('n', 'h2', { openid: 'o_n' })
    const move = householdMove('/s/c/g/b1/h2/', true, [], withMember([], arrived, 'h2'))
    expect(move.ids).toEqual(['s', 'c', 'g', 'b1'])
    expect(move.delta).toEqual(figures({ residents: 1, joined: 1, reachable: 1 }))
  })

  it('a second joined member leaves the household reachable once; the last to leave makes it unreachable', () => {
    const a = person('a', 'h1', { openid: 'o_a' })
    const b = person('b', 'h1', { openid: 'o_b' })
    expect(householdMove(a.homePath as string, true, [a], [a, b]).delta).toEqual(figures({ residents: 1, joined: 1 }))
    const gone = { ...a, householdId: undefined, homePath: undefined }
    expect(householdMove(a.homePath as string, true, [a], withMember([a], gone, 'h1')).delta).toEqual(
      figures({ residents: -1, joined: -1, reachable: -1 }),
    )
  })

  it('a claim filed counts one pending claim, decided it counts none', () => {
    const k = claim('k', 'h3', 'pending')
    expect(claimMove({ ...k, status: 'withdrawn' }, k).delta).toEqual(figures({ pendingClaims: 1 }))
    expect(claimMove(k, { status: 'approved' }).delta).toEqual(figures({ pendingClaims: -1 }))
  })

  it('applied in any order, the moves of random arrivals and departures equal the recount', () => {
    const homes = ['h1', 'h2', 'h3']
    fc.assert(
      fc.property(
        fc.array(fc.record({ home: fc.constantFrom(...homes), joined: fc.boolean() }), { maxLength: 12 }),
        (arrivals) => {
          let people: PersonDoc[] = []
          const held = new Map<string, Figures>()
          arrivals.forEach((a, i) => {
            const p = person(`p${i}`, a.home, a.joined ? { openid: `o${i}` } : {})
            const before = people.filter((m) => m.householdId === a.home)
            const move = householdMove(p.homePath as string, true, before, withMember(before, p, a.home))
            for (const id of move.ids) held.set(id, plus(held.get(id) ?? ZERO, move.delta))
            people = [...people, p]
          })
          const recount = countersFor(tree, people, [])
          for (const id of ['s', 'c', 'g', 'b1', 'b2']) {
            const want = recount.get(id) as Figures
            for (const f of FIGURES.filter((x) => x !== 'households')) expect((held.get(id) ?? ZERO)[f]).toBe(want[f])
          }
        },
      ),
      { numRuns: 100 },
    )
  })
})

describe('waitsForMove: a change to a household waits while the units on its path move', () => {
  const path = '/s1/c1/g1/b1/h1/'
  const at = (p: string, moving?: boolean) => ({
    path: p,
    ...(moving ? { moving: { fromPath: p, toPath: '/s1/c1/g2/b1/', parentId: 'g2' } } : {}),
  })
  const onPath = (movingAt = -1, householdPath = path) =>
    ['/s1/', '/s1/c1/', '/s1/c1/g1/', '/s1/c1/g1/b1/', householdPath].map((p, i) => at(p, i === movingAt))

  it.each([
    ['nothing moves', onPath(), false],
    ['its building is being moved', onPath(3), true],
    ['its grid is being moved', onPath(2), true],
    ['it was moved since it was read', onPath(-1, '/s1/c1/g2/b1/h1/'), true],
    ['it is gone', [...onPath().slice(0, 4), null], true],
  ])('%s: %s', (_what, units, waits) => {
    expect(waitsForMove(path, units)).toBe(waits)
  })
})
