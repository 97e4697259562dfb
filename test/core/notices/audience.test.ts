/** Which part of a unit a notice's reach counts: the unit inside the audience, or the audience inside the unit. */
import { audienceWithin, beijingDay } from '../../cloudfunctions/notices/handlers/reach'

const notice = (...unitPaths: string[]) => ({ unitPaths })

describe('audienceWithin', () => {
  it('a unit inside a published unit is counted whole', () => {
    expect(audienceWithin(notice('/s1/c1/'), { path: '/s1/c1/g1/' })).toEqual(['/s1/c1/g1/'])
    expect(audienceWithin(notice('/s1/c1/g1/'), { path: '/s1/c1/g1/' })).toEqual(['/s1/c1/g1/'])
  })
  it('above the published units, only they are counted, nested ones folded into their ancestor', () => {
    expect(audienceWithin(notice('/s1/c1/g1/b1/', '/s1/c1/g2/', '/s1/c1/g2/b4/'), { path: '/s1/c1/' })).toEqual([
      '/s1/c1/g1/b1/',
      '/s1/c1/g2/',
    ])
  })
  it('a unit beside the audience has no part in it', () => {
    expect(audienceWithin(notice('/s1/c1/g1/'), { path: '/s1/c1/g2/' })).toEqual([])
    expect(audienceWithin(notice('/s1/c1/g1/'), { path: '/s1/c1/g10/' })).toEqual([])
  })
})

describe('beijingDay', () => {
  it('is the calendar day in UTC+8', () => {
    expect(beijingDay(new Date('2026-11-22T15:59:59Z'))).toBe('2026-11-22')
    expect(beijingDay(new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23')
  })
})
