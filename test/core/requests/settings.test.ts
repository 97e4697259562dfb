import { REQUEST_CATEGORIES } from '../../../core/contract/requests'
import type { RequestSettingsDoc } from '../../../core/model'
import { DEFAULT_SETTINGS, departmentOf, mergeSettings, settingsIssues } from '../../../core/requests/settings'

const doc = (fields: Partial<RequestSettingsDoc>): RequestSettingsDoc => ({
  _id: 'u',
  level: 'community',
  updatedAt: new Date(),
  updatedBy: 'staff',
  ...fields,
})

describe('the defaults', () => {
  it('offer every category, five departments, a 7-day auto-close and a 4-week re-inspection', () => {
    const s = mergeSettings(null, null)
    expect(REQUEST_CATEGORIES.every((c) => s.categories[c].enabled)).toBe(true)
    expect(s.departments.map((d) => d.name)).toEqual(['城管', '环卫', '物业', '派出所', '市场监管'])
    expect(s.departments.every((d) => d.reportInHours === 24)).toBe(true)
    expect([s.autoCloseDays, s.reinspectWeeks, s.urgentHours, s.errandPoints]).toEqual([7, 4, 2, 10])
    expect([s.holidays, s.workdays]).toEqual([[], []])
  })

  it('every default limit responds no later than it resolves', () => {
    for (const c of REQUEST_CATEGORIES) {
      const l = DEFAULT_SETTINGS.categories[c].limits
      expect(l.respondHours).toBeLessThanOrEqual(l.resolveHours)
    }
    expect(
      settingsIssues({
        limits: Object.fromEntries(REQUEST_CATEGORIES.map((c) => [c, DEFAULT_SETTINGS.categories[c].limits])),
      }),
    ).toEqual([])
  })
})

describe('merging the stored documents over the defaults', () => {
  it.each([
    [{ errandPoints: 25 }, 25],
    [{ errandPoints: 1 }, 1],
    [{ errandPoints: 100 }, 100],
    [{ errandPoints: 0 }, 10],
    [{ errandPoints: 500 }, 10],
    [{ errandPoints: 7.5 }, 10],
    [{}, 10],
  ] as [Partial<RequestSettingsDoc>, number][])('errand points %j → %i (a bad value is never trusted)', (f, points) => {
    expect(mergeSettings(doc(f), null).errandPoints).toBe(points)
    // the street's document does not set a community's errand points
    expect(mergeSettings(null, doc({ ...f, level: 'street' })).errandPoints).toBe(10)
  })

  it('takes the community’s categories and limits and the street’s departments and calendar', () => {
    const s = mergeSettings(
      doc({
        disabled: ['enterprise'],
        limits: { repair: { respondHours: 1, resolveHours: 12, basis: 'working' } },
        autoCloseDays: 10,
      }),
      doc({
        level: 'street',
        departments: [{ id: 'gongshui', name: ' 供水公司 ', reportInHours: 12 }],
        holidays: ['2027-01-01', '2026-12-31'],
        workdays: ['2027-01-02'],
      }),
    )
    expect(s.categories.enterprise.enabled).toBe(false)
    expect(s.categories.repair.limits).toEqual({ respondHours: 1, resolveHours: 12, basis: 'working' })
    expect(s.categories.sanitation).toEqual(DEFAULT_SETTINGS.categories.sanitation)
    expect(s.autoCloseDays).toBe(10)
    expect(s.reinspectWeeks).toBe(4)
    expect(s.departments).toEqual([{ id: 'gongshui', name: '供水公司', reportInHours: 12 }])
    expect(s.holidays).toEqual(['2026-12-31', '2027-01-01'])
    expect(s.workdays).toEqual(['2027-01-02'])
    expect(departmentOf(s, 'gongshui')?.name).toBe('供水公司')
    expect(departmentOf(s, 'chengguan')).toBeNull()
  })

  it('ignores stored values that are no longer valid instead of trusting them', () => {
    const s = mergeSettings(
      doc({
        limits: { repair: { respondHours: 48, resolveHours: 12, basis: 'calendar' } },
        autoCloseDays: 0,
        disabled: [...REQUEST_CATEGORIES],
      }),
      doc({ level: 'street', departments: [], holidays: ['2026-02-30'] }),
    )
    expect(s.categories.repair).toEqual(DEFAULT_SETTINGS.categories.repair)
    expect(REQUEST_CATEGORIES.every((c) => s.categories[c].enabled)).toBe(true)
    expect(s.autoCloseDays).toBe(7)
    expect(s.departments).toEqual(DEFAULT_SETTINGS.departments)
    expect(s.holidays).toEqual([])
  })
})

describe('what updateSettings refuses', () => {
  it.each([
    [
      { limits: { repair: { respondHours: 30, resolveHours: 24, basis: 'calendar' } } },
      '维修的响应时限不能长于办结时限',
    ],
    [
      { limits: { repair: { respondHours: 0, resolveHours: 24, basis: 'calendar' } } },
      '维修的响应时限应在 0.5 到 1440 小时之间',
    ],
    [{ disabled: [...REQUEST_CATEGORIES] }, '至少要开通一个诉求类别'],
    [{ autoCloseDays: 31 }, '自动关闭天数应在 1 到 30 天之间'],
    [{ reinspectWeeks: 1.5 }, '回头看间隔应在 1 到 26 周之间'],
    [{ errandPoints: 0 }, '跑腿代购的积分应在 1 到 100 之间'],
    [{ errandPoints: 101 }, '跑腿代购的积分应在 1 到 100 之间'],
    [{ errandPoints: 2.5 }, '跑腿代购的积分应在 1 到 100 之间'],
    [{ urgentHours: 0.1 }, '紧急诉求的时限应在 0.5 到 72 小时之间'],
    [{ departments: [] }, '至少要有一个职能部门'],
    [
      {
        departments: [
          { id: 'chengguan', name: '城管', reportInHours: 24 },
          { id: 'chengguan', name: '城管执法', reportInHours: 24 },
        ],
      },
      '部门编号“chengguan”重复了',
    ],
    [{ departments: [{ id: 'Bad id', name: '城管', reportInHours: 24 }] }, '部门编号“Bad id”格式不对'],
    [{ departments: [{ id: 'chengguan', name: '城管', reportInHours: 0 }] }, '城管的报到时限应在 1 到 1440 小时之间'],
    [{ holidays: ['2026-02-30'] }, '节假日“2026-02-30”不是有效日期'],
    [{ workdays: ['2026-12-07'] }, '调休上班日“2026-12-07”不是周末'],
    [{ holidays: ['2026-12-05'], workdays: ['2026-12-05'] }, '“2026-12-05”不能既是节假日又是上班日'],
  ] as [Parameters<typeof settingsIssues>[0], string][])('%j', (fields, issue) => {
    expect(settingsIssues(fields)).toEqual([issue])
  })

  it('reports every problem at once', () => {
    expect(settingsIssues({ autoCloseDays: 0, reinspectWeeks: 0, holidays: ['x'] })).toHaveLength(3)
  })
})
