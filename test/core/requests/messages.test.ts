/** The subscribe message of requests: who a move concerns, what one message says, and its purpose. */
import {
  REQUEST_TEMPLATE,
  requestMessage,
  requestPath,
  requestPurpose,
  whoToTell,
} from '../../../core/requests/messages'
import type { RequestState } from '../../../core/requests/states'
import { STATE_GROUP } from '../../../core/requests/states'

const r = (state: RequestState, ownerKey = 'g1') => ({ state, ownerKey, group: STATE_GROUP[state] })

describe('whoToTell', () => {
  it.each([
    // [what, before, after, followers, owner]
    ['a report reaches the grid', null, r('submitted'), false, true],
    ['受理: the state changed, same owner', r('submitted'), r('processing'), true, false],
    ['上报 from 待受理: same state, a new owner', r('submitted'), r('submitted', 'c1'), true, true],
    ['上报 from 处理中', r('processing'), r('submitted', 'c1'), true, true],
    ['吹哨派单 to a department', r('processing', 's1'), r('submitted', 'dept:s1:chengguan'), true, true],
    ['办结', r('processing'), r('done'), true, false],
    ['不满意 reopens where it was resolved', r('done'), r('processing'), true, true],
    ['满意 closes it', r('done'), r('rated'), true, false],
    ['a failed 回头看 reopens it', r('rated'), r('processing'), true, true],
    ['补充说明 changes nothing', r('processing'), r('processing'), false, false],
    ['退回 at the grid closes it', r('submitted'), r('returned'), true, false],
    ['退回 from the street to the community', r('processing', 's1'), r('processing', 'c1'), true, true],
    ['the timer marks it overdue at the street', r('submitted', 's1'), r('submitted', 's1'), false, false],
    ['超时自动关闭', r('done'), r('closed'), true, false],
  ] as const)('%s', (_what, before, after, followers, owner) => {
    expect(whoToTell(before, after)).toEqual({ followers, owner })
  })
})

describe('requestMessage', () => {
  const to = { openid: 'o1', templateId: REQUEST_TEMPLATE.id }
  const at = new Date('2026-12-02T01:30:00Z')

  it('says the request, its new state, who did what and when (Beijing), within the template’s limits', () => {
    const m = requestMessage(
      { _id: 'p1_tap', description: '小区东门路口的路灯不亮了，晚上很黑，老人出门不方便' },
      { kind: 'state', state: 'processing' },
      '城管 赵强：已报到，明天上午维修，请耐心等待',
      at,
      to,
    )
    expect(m.touser).toBe('o1')
    expect(m.page).toBe('requests/detail/index?id=p1_tap')
    expect(m.data.phrase2.value).toBe('处理中')
    expect(m.data.time4.value).toBe('2026-12-02 09:30')
    expect([...m.data.thing1.value].length).toBeLessThanOrEqual(20)
    expect([...m.data.thing3.value].length).toBeLessThanOrEqual(20)
    expect(m.data.thing1.value.startsWith('小区东门路口的路灯不亮了')).toBe(true)
  })

  it('tells a new owner it is theirs to handle', () => {
    const m = requestMessage({ _id: 'x', description: '漏水' }, { kind: 'owner' }, '系统：超过受理时限', at, to)
    expect(m.data.phrase2.value).toBe('待处理')
  })

  it('spends one message per person per event', () => {
    expect(requestPurpose('x', 3)).toBe('request:x:3')
    expect(requestPurpose('x', 3)).not.toBe(requestPurpose('x', 4))
    expect(requestPath('a b')).toBe('requests/detail/index?id=a%20b')
  })
})
