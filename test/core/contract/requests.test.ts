/** The requests payloads hold the limits the pages are told (REQUEST_LIMITS), and nothing else gets through. */
import { REQUEST_LIMITS, requestsPayloads as P } from '../../../core/contract/requests'

const report = {
  tapId: 'tap-0001',
  category: 'repair',
  description: '路灯不亮',
  place: { kind: 'spot', unitId: 'g1', label: '东门路口' },
}
const ok = (schema: { safeParse: (v: unknown) => { success: boolean } }, v: unknown) => schema.safeParse(v).success

describe('requests.report', () => {
  it('takes a report and fills its defaults', () => {
    expect(P.report.parse(report)).toMatchObject({ photos: [], anonymous: false, urgent: false })
  })
  it.each([
    ['six photos', { photos: Array.from({ length: REQUEST_LIMITS.photos }, (_, i) => `cloud://${i}`) }, true],
    ['seven photos', { photos: Array.from({ length: REQUEST_LIMITS.photos + 1 }, (_, i) => `cloud://${i}`) }, false],
    ['500 characters', { description: '灯'.repeat(REQUEST_LIMITS.description) }, true],
    ['501 characters', { description: '灯'.repeat(REQUEST_LIMITS.description + 1) }, false],
    ['only spaces', { description: '   ' }, false],
    ['an unknown category', { category: 'noise' }, false],
    ['an unknown place kind', { place: { kind: 'street', unitId: 'g1' } }, false],
    ['a location', { place: { ...report.place, location: { latitude: 39.9, longitude: 116.4, name: '东门' } } }, true],
    ['a location off the globe', { place: { ...report.place, location: { latitude: 91, longitude: 0 } } }, false],
    ['a short tap id', { tapId: 'x' }, false],
    ['a field nobody asked for', { reporterId: 'someone-else' }, false],
  ])('%s: %s', (_, change, accepted) => expect(ok(P.report, { ...report, ...change })).toBe(accepted))
})

describe('requests.act', () => {
  const act = { id: 'r1', move: 'complete', tapId: 'tap-0002', note: '已修好' }
  it.each([
    ['a person’s move', {}, true],
    ['the timer’s move', { move: 'autoEscalate' }, false],
    ['the report itself', { move: 'report' }, false],
    ['a note of 300', { note: '好'.repeat(REQUEST_LIMITS.note) }, true],
    ['a note of 301', { note: '好'.repeat(REQUEST_LIMITS.note + 1) }, false],
    ['a reason of 201', { move: 'return', reason: '不'.repeat(REQUEST_LIMITS.reason + 1) }, false],
    ['a rating', { move: 'rate', rating: 'basic', comment: '还行' }, true],
    ['an unknown rating', { move: 'rate', rating: 'great' }, false],
    ['a department id', { move: 'dispatch', departmentId: 'chengguan' }, true],
    ['a department id with spaces', { move: 'dispatch', departmentId: 'cheng guan' }, false],
    ['an actor of its own', { actorId: 'p_chief' }, false],
  ])('%s', (_, change, accepted) => expect(ok(P.act, { ...act, ...change })).toBe(accepted))
})

describe('requests.updateSettings', () => {
  it('a community sets categories and limits; a street its departments and calendar; never the other’s', () => {
    const limits = { repair: { respondHours: 2, resolveHours: 12, basis: 'working' } }
    expect(ok(P.updateSettings, { scope: 'community', unitId: 'c', disabled: ['enterprise'], limits })).toBe(true)
    expect(ok(P.updateSettings, { scope: 'community', unitId: 'c', holidays: ['2027-01-01'] })).toBe(false)
    const departments = [{ id: 'gongshui', name: '供水', reportInHours: 12 }]
    expect(ok(P.updateSettings, { scope: 'street', unitId: 's', departments, workdays: ['2027-01-02'] })).toBe(true)
    expect(ok(P.updateSettings, { scope: 'street', unitId: 's', limits })).toBe(false)
    expect(ok(P.updateSettings, { scope: 'street', unitId: 's', holidays: ['2027-13-01'] })).toBe(false)
  })
})

describe('lists and patrols', () => {
  it('pages are bounded and findings capped', () => {
    expect(P.inbox.parse({ unitId: 'g' })).toMatchObject({ scope: 'mine', pageSize: REQUEST_LIMITS.pageSize })
    expect(ok(P.mine, { pageSize: REQUEST_LIMITS.maxPageSize + 1 })).toBe(false)
    const finding = { description: '井盖松动', category: 'hazard', asRequest: true }
    const patrol = {
      gridId: 'g',
      tapId: 'tap-0003',
      route: '东门—北区',
      startedAt: '2026-12-07T09:00:00+08:00',
      endedAt: '2026-12-07T10:00:00+08:00',
    }
    expect(ok(P.logPatrol, { ...patrol, findings: Array(REQUEST_LIMITS.findings).fill(finding) })).toBe(true)
    expect(ok(P.logPatrol, { ...patrol, findings: Array(REQUEST_LIMITS.findings + 1).fill(finding) })).toBe(false)
    expect(ok(P.rates, { unitId: 'g', month: '2026-13' })).toBe(false)
    expect(ok(P.patrols, { unitId: 'c', day: '2026-12-07' })).toBe(true)
  })
})
