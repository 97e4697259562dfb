/** The daily check's days and cutoff, the team's rules and what a mark writes. */
import { careDayOf, cutoffOf, dueDay } from '../../../core/care/days'
import { EMPTY_TEAM, marked, mayHelp, teamProblem } from '../../../core/care/team'

describe('days', () => {
  it.each([
    ['2026-03-01T11:59:00Z', '2026-02-28'], // 19:59 Beijing: yesterday's is the latest cutoff passed
    ['2026-03-01T12:00:00Z', '2026-03-01'], // 20:00 Beijing
    ['2026-03-01T15:59:00Z', '2026-03-01'], // 23:59 Beijing
    ['2026-03-01T16:00:00Z', '2026-03-01'], // 00:00 Beijing of 03-02: before its cutoff, 03-01 is due
  ])('at %s the day due is %s', (at, day) => {
    expect(dueDay(new Date(at)).day).toBe(day)
  })
  it('a day’s cutoff is 20:00 Beijing; the day of an instant is Beijing’s', () => {
    expect(cutoffOf('2026-03-01').toISOString()).toBe('2026-03-01T12:00:00.000Z')
    expect(careDayOf(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02')
  })
})

describe('team', () => {
  const C = '/s1/c1/'
  it.each([
    ['a joined resident of the community', { _id: 'a', openid: 'o', homePath: '/s1/c1/g1/m1/h1/' }, [], true],
    ['staff of the community (no home)', { _id: 'a', openid: 'o' }, ['/s1/c1/'], true],
    ['a police officer holding a role over a grid of it', { _id: 'a', openid: 'o' }, ['/s1/c1/g2/'], true],
    ['not joined', { _id: 'a', homePath: '/s1/c1/g1/m1/h1/' }, [], false],
    ['deleted', { _id: 'a', openid: 'o', homePath: '/s1/c1/g1/m1/h1/', deletedAt: new Date() }, [], false],
    ['of another community', { _id: 'a', openid: 'o', homePath: '/s1/c2/g1/m1/h1/' }, [], false],
    ['the care person', { _id: 'care', openid: 'o', homePath: '/s1/c1/g1/m1/h1/' }, [], false],
  ])('%s', (_, helper, paths, expected) => {
    expect(mayHelp(helper, paths, 'care', C)).toBe(expected)
  })
  it('one person in two seats is refused', () => {
    expect(teamProblem({ cadre: 'a', gridWorker: 'a', police: null, doctor: null }, () => true)).toBe('duplicate')
    expect(teamProblem({ cadre: 'a', gridWorker: 'b', police: null, doctor: null }, (id) => id === 'a')).toBe('invalid')
    expect(teamProblem({ cadre: null, gridWorker: null, police: null, doctor: null }, () => false)).toBeNull()
  })
})

describe('marked', () => {
  const person = { _id: 'p', name: '王', householdId: 'h', homePath: '/s1/c1/g1/m1/h/' }
  const by = { id: 's', name: '许' }
  it('no flags unmarks and closes an open alert; the history keeps both marks; activeSince moves on re-marking', () => {
    const t0 = new Date('2026-03-01T00:00:00Z')
    const first = marked(null, person, 'c1', ['disabled', 'elderlyAlone'], '', by, t0)
    expect(first).toMatchObject({
      active: true,
      flags: ['elderlyAlone', 'disabled'],
      team: EMPTY_TEAM,
      activeSince: t0,
    })
    const off = marked({ ...first, openAlertDay: '2026-03-02' }, person, 'c1', [], '康复', by, new Date('2026-03-03'))
    expect(off).toMatchObject({ active: false, openAlertDay: '', activeSince: t0 })
    expect(off.history.map((h) => h.flags)).toEqual([['elderlyAlone', 'disabled'], []])
    const again = marked(off, person, 'c1', ['isolated'], '', by, new Date('2026-03-05'))
    expect(again.activeSince).toEqual(new Date('2026-03-05'))
  })
})
