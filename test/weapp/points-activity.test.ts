/**
 * 活动详情 in the compiled weapp (dist/) under miniprogram-simulate: 接龙 on a full post answers with the waiting
 * place; a second tap while the first is in flight sends nothing; 签到 by scanning sends the QR code's text as
 * wx.scanCode read it, and by typing sends the 6 digits; the organiser sees 签到管理. Envelopes by core/contract.
 */
import type { ActivityDetail, MySignup } from '../../core/contract'
import { ok } from '../../core/envelope'
import {
  bootApp,
  createWx,
  hold,
  none,
  renderPage,
  route,
  settle,
  tap,
  text,
  typeInto,
  type CloudCall,
} from './harness'

const DETAIL = 'points/activity/index'
const SOON = new Date(Date.now() + 3 * 3600_000).toISOString()
const LATER = new Date(Date.now() + 5 * 3600_000).toISOString()

const rule = { pointsPerHour: 10, nightMultiplier: 1, cap: 40 }
const detail = (over: Partial<ActivityDetail> = {}): ActivityDetail => ({
  id: 'act-1',
  title: '周六核酸检测点志愿服务',
  place: '小区东门广场',
  startAt: SOON,
  endAt: LATER,
  signUpOpensAt: new Date(Date.now() - 3600_000).toISOString(),
  signUpClosesAt: SOON,
  audience: { kind: 'grid', id: 'g-3', name: '幸福里第三网格' },
  roles: [
    { index: 0, name: '信息录入', quota: 2, filled: 2, waiting: 0, rule },
    { index: 1, name: '秩序维护', quota: 4, filled: 1, waiting: 0, rule },
  ],
  status: 'open',
  origin: '幸福里第三网格 · 李建国',
  description: '',
  cancelBeforeHours: 3,
  mine: [],
  barred: null,
  organiser: false,
  confirmedAt: null,
  share: { path: '/points/activity/index?id=act-1', title: '【志愿接龙】周六核酸检测点志愿服务' },
  ...over,
})

const signup = (over: Partial<MySignup>): MySignup => ({
  id: 'su-1',
  activityId: 'act-1',
  roleIndex: 0,
  roleName: '信息录入',
  status: 'confirmed',
  waitingPlace: null,
  promotedAt: null,
  checkInAt: null,
  checkOutAt: null,
  minutes: null,
  points: null,
  freeCancelUntil: new Date(Date.now() + 3600_000).toISOString(),
  ...over,
})

let answer: (call: CloudCall) => unknown = () => ok(detail())
const wx = {
  ...createWx((call) => answer(call)),
  scanCode: jest.fn((opts: { success?: (r: unknown) => void }) =>
    opts.success?.({ errMsg: 'scanCode:ok', result: 'wgt-check:in:act-1:123456' }),
  ),
}
const sent = (action: string) =>
  wx.cloud.callFunction.mock.calls.filter(([c]) => c.data.action === action).map(([c]) => c.data.payload)

beforeAll(() => bootApp(wx))
beforeEach(() => wx.cloud.callFunction.mockClear())

test('接龙 on a full post puts me on the waiting list, and a double tap sends one sign-up', async () => {
  const waiting = signup({ status: 'waiting', waitingPlace: 1 })
  let current = detail()
  const answerSignUp = hold<unknown>()
  answer = route({
    'points.activity': () => ok(current),
    'points.signUp': () => answerSignUp.answer,
  })
  const page = await renderPage(DETAIL, { id: 'act-1' })
  expect(text(page, '.role-row__count', 0)).toContain('已报 2/2')
  expect(text(page, '.role-row__signup', 0)).toBe('候补报名')
  await tap(page, '.role-row__signup', 0)
  await tap(page, '.role-row__signup', 0)
  current = detail({
    mine: [waiting],
    roles: [{ ...detail().roles[0], waiting: 1 }, detail().roles[1]],
  })
  answerSignUp.release(ok({ signup: waiting, activity: current }))
  await settle()
  expect(sent('signUp')).toEqual([{ activityId: 'act-1', roleIndex: 0 }])
  expect(text(page, '.activity-message')).toContain('你在候补第 1 位')
  expect(text(page, '.role-row__mine')).toBe('候补第 1 位')
  // a waiting sign-up cannot check in
  none(page, '.check-card')
  page.detach()
})

test('签到 sends the scanned QR text, or the 6 digits typed; the organiser sees 签到管理', async () => {
  let current = detail({ mine: [signup({})], organiser: true })
  answer = route({
    'points.activity': () => ok(current),
    'points.checkIn': () => {
      current = detail({ mine: [signup({ checkInAt: new Date().toISOString() })], organiser: true })
      return ok({ signups: current.mine, at: new Date().toISOString() })
    },
    'points.checkOut': () => {
      const at = new Date().toISOString()
      current = detail({ mine: [signup({ checkInAt: at, checkOutAt: at })], organiser: true })
      return ok({ signups: current.mine, at })
    },
  })
  const page = await renderPage(DETAIL, { id: 'act-1' })
  expect(text(page, '.activity-manage')).toContain('签到管理')
  await tap(page, '.check-scan')
  expect(sent('checkIn')).toEqual([{ activityId: 'act-1', code: 'wgt-check:in:act-1:123456' }])
  expect(text(page, '.activity-message')).toContain('签到成功')
  await typeInto(page, '.check-code', '654321')
  await tap(page, '.check-out')
  expect(sent('checkOut')).toEqual([{ activityId: 'act-1', code: '654321' }])
  expect(text(page, '.check-done')).toContain('已签退')
  page.detach()
})
