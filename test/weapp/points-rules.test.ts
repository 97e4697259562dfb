/**
 * 积分规则 of the compiled weapp (dist/) under miniprogram-simulate: community staff see their community's rules from
 * one call, change one and save it with the version they read; the form refuses what the cloud's schema refuses
 * before sending anything, and a change someone else saved meanwhile is said in plain words and reloaded.
 * wx.cloud.callFunction answers with envelopes shaped by core/contract.
 */
import type { RulesView } from '../../core/contract'
import { fail, ok } from '../../core/envelope'
import { VOLUNTEER_RULES } from '../../core/points/rules'
import { bootApp, createWx, renderPage, route, tap, text, typeInto, type CloudCall } from './harness'
import { staffMe } from './fixtures'

const RULES = 'manage/points/rules/index'

const view = (version: number, rules = VOLUNTEER_RULES): RulesView => ({
  community: { id: 'co-1', name: '幸福里社区' },
  rules,
  defaults: VOLUNTEER_RULES,
  changed: [],
  defaultExpiry: { kind: 'endOfYear', yearsAfter: 1 },
  version,
  updatedAt: null,
  updatedBy: null,
  canEdit: true,
})

let answer: (call: CloudCall) => unknown = () => fail('UNKNOWN_ACTION')
const wx = createWx((call) => answer(call))
const calls = () => wx.cloud.callFunction.mock.calls.map(([c]) => c.data as { action: string; payload: unknown })
const actions = () => calls().map((c) => c.action)

beforeAll(() => bootApp(wx))
beforeEach(() => wx.cloud.callFunction.mockClear())

test('staff change a rule and save it with the version they read', async () => {
  answer = route({
    'grid.me': () => ok(staffMe),
    'points.rules': () => ok(view(2)),
    'points.updateRules': (p) => ok(view(3, (p as { rules: typeof VOLUNTEER_RULES }).rules)),
  })
  const page = await renderPage(RULES)
  expect(text(page, '.card__title')).toBe('幸福里社区积分规则')
  expect(actions()).toEqual(['me', 'rules'])
  await typeInto(page, '.rules-noShowLimit', '3')
  await tap(page, '.rules-save')
  const sent = calls().find((c) => c.action === 'updateRules')?.payload as { version: number; rules: object }
  expect(sent).toEqual({ communityId: 'co-1', version: 2, rules: { ...VOLUNTEER_RULES, noShowLimit: 3 } })
  expect(text(page, '.rules-done')).toBe('已保存，新规则从现在起生效')
  page.detach()
})

test('star levels that do not rise are refused on the phone, nothing sent', async () => {
  answer = route({ 'grid.me': () => ok(staffMe), 'points.rules': () => ok(view(0)) })
  const page = await renderPage(RULES)
  await typeInto(page, '.rules-star--1', '50')
  await tap(page, '.rules-save')
  expect(text(page, '.rules-error')).toBe('星级时长应从低到高逐级增加')
  expect(actions()).not.toContain('updateRules')
  page.detach()
})

test('a change saved meanwhile by someone else is said, and the rules are read again', async () => {
  answer = route({
    'grid.me': () => ok(staffMe),
    'points.rules': () => ok(view(5)),
    'points.updateRules': () => fail('POINTS_RULES_STALE'),
  })
  const page = await renderPage(RULES)
  await typeInto(page, '.rules-teamLimit', '2')
  await tap(page, '.rules-save')
  expect(text(page, '.rules-error')).toContain('积分规则刚被其他工作人员修改过')
  expect(actions().filter((a) => a === 'rules')).toHaveLength(2)
  page.detach()
})
