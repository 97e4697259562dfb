/**
 * The records the recount reads (core/dashboard/events.ts): volunteering is every attended time the volunteer totals
 * add — activities, settled duty shifts and done isolation tasks — counted where the person lives, or in the
 * community that paid when they have no home, as server/unit-stats.ts countVolunteerInTx counts it.
 */
import { eventsFrom } from '../../../core/dashboard/events'
import { statsFor } from '../../../core/dashboard/stats'
import type { IsolationTaskDoc, ShiftSignupDoc, SignupDoc } from '../../../core/model'

const T = new Date('2026-12-02T04:00:00Z')
const HOME = '/s1/c1/g1/b1/h1/'
const people = [
  { _id: 'p1', homePath: HOME },
  { _id: 'p2', homePath: '/s1/c1/g2/b4/h7/' },
  // community staff: no home
  { _id: 'staff' },
]
const communities = new Map([
  ['c1', '/s1/c1/'],
  ['c2', '/s1/c2/'],
])

const signup = (personId: string, fields: Partial<SignupDoc>): SignupDoc =>
  ({
    _id: `a1_${personId}`,
    activityId: 'a1',
    personId,
    communityId: 'c1',
    status: 'confirmed',
    ...fields,
  }) as SignupDoc
const seat = (personId: string, status: ShiftSignupDoc['status'], minutes?: number): ShiftSignupDoc =>
  ({
    _id: `sh1_${personId}_${status}`,
    shiftId: 'sh1',
    personId,
    communityId: 'c2',
    status,
    ...(status === 'earned' ? { earnedAt: T, minutes } : {}),
  }) as ShiftSignupDoc
const task = (holderId: string | null, state: IsolationTaskDoc['state']): IsolationTaskDoc =>
  ({
    _id: `t_${holderId}_${state}`,
    communityId: '',
    gridPath: '/s1/c1/g1/',
    state,
    holderId,
    doneAt: state === 'done' ? T : null,
    minutes: state === 'done' ? 30 : 0,
  }) as IsolationTaskDoc

describe('volunteering the recount counts', () => {
  it('an earned activity, a settled shift and a done isolation task add their minutes where the person lives', () => {
    const events = eventsFrom({
      people,
      communities,
      signups: [signup('p1', { earnedAt: T, minutes: 90 })],
      shiftSignups: [seat('p1', 'earned', 240), seat('p2', 'earned', 120)],
      isolationTasks: [task('p1', 'done')],
    })
    const s = statsFor(events)
    expect(s.get('g1_m2026-12')).toMatchObject({ volunteerMinutes: 90 + 240 + 30, activeVolunteers: 1 })
    expect(s.get('g2_m2026-12')).toMatchObject({ volunteerMinutes: 120, activeVolunteers: 1 })
    expect(s.get('c1_w2026-W49')).toMatchObject({ volunteerMinutes: 480, activeVolunteers: 2 })
    // the shift's paying community (c2) counts nothing: both live in c1
    expect(s.get('c2_m2026-12')).toBeUndefined()
  })

  it('seats not settled, tasks not done and sign-ups not earned count nothing', () => {
    const events = eventsFrom({
      people,
      communities,
      signups: [signup('p1', { status: 'noShow' }), signup('p2', {})],
      shiftSignups: [seat('p1', 'active'), seat('p1', 'absent'), seat('p2', 'cancelled')],
      isolationTasks: [task('p1', 'claimed'), task(null, 'open'), task('p2', 'cancelled')],
    })
    expect(events).toEqual([])
  })

  it('someone with no home counts in the community that paid; no minutes still make an active volunteer', () => {
    const s = statsFor(
      eventsFrom({
        people,
        communities,
        signups: [signup('staff', { earnedAt: T, minutes: 0 })],
        shiftSignups: [seat('staff', 'earned', 60)],
        // an isolation task with no community of its own: its grid's
        isolationTasks: [task('staff', 'done')],
      }),
    )
    expect(s.get('c1_m2026-12')).toMatchObject({ volunteerMinutes: 30, activeVolunteers: 1 })
    // a person is one active volunteer of the period, where first counted (the live markers' rule)
    expect(s.get('c2_m2026-12')).toMatchObject({ volunteerMinutes: 60, activeVolunteers: 0 })
    expect(s.get('s1_m2026-12')).toMatchObject({ volunteerMinutes: 90, activeVolunteers: 1 })
    // no grid: the community is where they count
    expect([...s.keys()].some((k) => k.startsWith('g'))).toBe(false)
  })

  it('without the communities, a volunteer with no home counts nowhere', () => {
    expect(eventsFrom({ people, signups: [signup('staff', { earnedAt: T, minutes: 60 })] })).toEqual([])
  })
})
