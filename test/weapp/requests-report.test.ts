/**
 * 我要反映 in the compiled weapp (dist/) under miniprogram-simulate: the categories the settings offer, 紧急 only where
 * the category allows it, the description counted against the contract's limit, duplicate hints of the chosen kind
 * in my building with 我也遇到了 (follows and opens it instead of reporting again), a described spot required for a
 * spot, a content-check refusal shown in its own words with the form kept, and a sent report opening its detail.
 */
import type { CategoryView, SettingsView, SimilarRow } from '../../core/contract'
import { CATEGORY_LABELS, REQUEST_CATEGORIES, REQUEST_LIMITS } from '../../core/contract'
import { fail, ok } from '../../core/envelope'
import {
  bootApp,
  count,
  createWx,
  eventually,
  none,
  renderPage,
  route,
  tap,
  text,
  typeArea,
  type CloudCall,
} from './harness'
import { homeOf, residentMe } from './fixtures'

const REPORT = 'requests/report/index'

const categories: CategoryView[] = REQUEST_CATEGORIES.map((id) => ({
  id,
  label: CATEGORY_LABELS[id],
  enabled: id !== 'enterprise',
  urgentAllowed: id === 'repair' || id === 'hazard',
  limits: { respondHours: 24, resolveHours: 168, basis: 'calendar' },
}))
const settings: SettingsView = {
  communityId: 'co-1',
  streetId: 'st-1',
  categories,
  urgentHours: 2,
  departments: [{ id: 'chengguan', name: '城管', reportInHours: 24 }],
  holidays: [],
  workdays: [],
  autoCloseDays: 7,
  reinspectWeeks: 4,
  errandPoints: 10,
  editable: { community: false, street: false },
}
const lamp: SimilarRow = {
  id: 'rq-1',
  title: '5号楼门口路灯不亮',
  placeLabel: '5号楼',
  state: 'processing',
  followerCount: 2,
  createdAt: '2026-12-01T02:00:00.000Z',
  following: false,
}

let answer: (call: CloudCall) => unknown = () => fail('UNKNOWN_ACTION')
const wx = {
  ...createWx((call) => answer(call)),
  requestSubscribeMessage: jest.fn((opts: { success?: (r: unknown) => void }) =>
    opts.success?.({ errMsg: 'requestSubscribeMessage:ok', 'wgt-request-update': 'accept' }),
  ),
}
const calls = (action: string) =>
  wx.cloud.callFunction.mock.calls
    .filter(([c]) => c.name === 'requests' && c.data.action === action)
    .map(([c]) => c.data.payload)

beforeAll(() => bootApp(wx))
beforeEach(() => {
  wx.cloud.callFunction.mockClear()
  wx.redirectTo.mockClear()
})

const cloud = (extra: Record<string, (p: Record<string, unknown>) => unknown> = {}) =>
  route({
    'grid.me': () => ok(residentMe),
    'grid.home': () => ok(homeOf(residentMe)),
    'requests.settings': () => ok(settings),
    'requests.similar': (p) => ok({ rows: p.category === 'repair' ? [lamp] : [] }),
    'requests.subscribe': () => ok({ remaining: 1 }),
    ...extra,
  })

test('offers the enabled categories, 紧急 only where allowed, and the hints of my building with 我也遇到了', async () => {
  answer = cloud({ 'requests.follow': () => ok({ followerCount: 3 }) })
  const page = await renderPage(REPORT)
  expect(calls('settings')).toEqual([{ unitId: 'hh-1' }])
  expect(count(page, '.report-category')).toBe(7)
  none(page, '.report-category--enterprise')
  none(page, '.report-similar')

  await tap(page, '.report-category--sanitation')
  none(page, '.report-urgent')
  await tap(page, '.report-category--repair')
  expect(count(page, '.report-urgent')).toBe(1)
  // a household's hints are its building's (the cloud answers by the place's unit)
  await eventually(() => expect(calls('similar').at(-1)).toEqual({ category: 'repair', unitId: 'hh-1' }))
  await eventually(() => expect(text(page, '.report-similar__title')).toBe('5号楼门口路灯不亮'))
  expect(text(page, '.report-similar__row')).toContain('2 人反映')

  await tap(page, '.report-similar__follow')
  await eventually(() => expect(calls('follow')).toEqual([{ id: 'rq-1' }]))
  await eventually(() =>
    expect(wx.redirectTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/requests/detail/index?id=rq-1' })),
  )
  expect(calls('report')).toEqual([])
  page.detach()
})

test('counts the description, asks a spot its words, shows a refusal as said, and a sent report opens its detail', async () => {
  let refuse = true
  answer = cloud({
    'requests.report': () => (refuse ? fail('CONTENT_RISKY') : ok({ id: 'rq-9' })),
  })
  const page = await renderPage(REPORT)
  await tap(page, '.report-category--repair')
  const words = '5号楼东侧路灯连续三晚不亮'
  await typeArea(page, '.report-description', words)
  expect(text(page, '.report-count')).toBe(`${words.length}/${REQUEST_LIMITS.description}`)

  await tap(page, '.report-place--spot')
  await tap(page, '.report-submit')
  expect(text(page, '.report-error')).toContain('请写明具体地点')
  expect(calls('report')).toEqual([])

  await tap(page, '.report-place--building')
  await tap(page, '.report-urgent')
  await tap(page, '.report-submit')
  await eventually(() => expect(calls('report')).toHaveLength(1))
  await eventually(() => expect(text(page, '.report-error').length).toBeGreaterThan(0))
  expect(text(page, '.report-error')).not.toMatch(/[A-Z]{3,}/)
  expect(calls('report')[0]).toMatchObject({
    category: 'repair',
    description: words,
    photos: [],
    place: { kind: 'building', unitId: 'mg-5', label: '' },
    anonymous: false,
    urgent: true,
  })
  // asked inside the tap, and recorded
  expect(wx.requestSubscribeMessage).toHaveBeenCalled()
  expect(calls('subscribe').length).toBeGreaterThan(0)

  refuse = false
  await tap(page, '.report-submit')
  await eventually(() =>
    expect(wx.redirectTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/requests/detail/index?id=rq-9' })),
  )
  // the retry of the same form is the same tap: the cloud files it once
  const [first, second] = calls('report') as { tapId: string }[]
  expect(second.tapId).toBe(first.tapId)
  page.detach()
})
