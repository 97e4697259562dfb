import {
  decisionNotice,
  decisionNoticeRenamed,
  decisionTaskText,
  decisionTaskTextRenamed,
} from '../../../core/council/decision'

// 2026-12-24 18:00 Beijing
const dueAt = new Date('2026-12-24T10:00:00Z')
const task = { ownerName: '赵大海', dueAt }
const tally = { for: 3, against: 1, abstain: 0 }
// the chair's reason mentions the owner by name: what people typed stays as written
const reason = '赵大海熟悉物业，由他牵头'
const notice = (ownerName: string) =>
  decisionNotice({
    gridName: '第1网格',
    meetingTitle: '十二月议事会',
    proposalTitle: '增设充电桩',
    reason,
    tally,
    task: { ownerName, dueAt },
  }).body
const text = (ownerName: string) => decisionTaskText({ proposalTitle: '增设充电桩', reason, ownerName, dueAt })

describe("a decision's task owner renamed (their deletion)", () => {
  it("rewrites the notice's last line and keeps the reason as typed", () => {
    const renamed = decisionNoticeRenamed(notice('赵大海'), task, '已注销居民')
    expect(renamed).toBe(notice('已注销居民'))
    expect(renamed?.split('\n').at(-1)).toBe('由 已注销居民 负责落实，2026年12月24日前完成。')
    expect(renamed).toContain(`理由：${reason}`)
  })

  it("rewrites the request's tail and keeps the reason as typed", () => {
    expect(decisionTaskTextRenamed(text('赵大海'), task, '已注销居民')).toBe(
      `议事会决议落实：增设充电桩。${reason}（负责人：已注销居民，2026年12月24日前完成）`,
    )
  })

  it.each([
    ['already renamed', notice('已注销居民'), text('已注销居民')],
    ['naming someone else', notice('钱小丽'), text('钱小丽')],
    [
      'without a task',
      decisionNotice({
        gridName: '第1网格',
        meetingTitle: '议事会',
        proposalTitle: '增设充电桩',
        reason,
        tally,
        task: null,
      }).body,
      '楼道灯不亮',
    ],
  ])('leaves a text %s alone (null)', (_, body, description) => {
    expect(decisionNoticeRenamed(body, task, '已注销居民')).toBeNull()
    expect(decisionTaskTextRenamed(description, task, '已注销居民')).toBeNull()
  })

  it('renaming to the same name changes nothing', () => {
    expect(decisionNoticeRenamed(notice('赵大海'), task, '赵大海')).toBeNull()
    expect(decisionTaskTextRenamed(text('赵大海'), task, '赵大海')).toBeNull()
  })
})
