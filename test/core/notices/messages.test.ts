/** Who a notice's subscribe messages go to, and what a reminder says (core/notices/messages.ts). */
import { NOTICE_TEMPLATE } from '../../../core/notices/links'
import { dueForNotice, homeOf, reminderMessage, unreachedAmong } from '../../../core/notices/messages'

const publishedAt = new Date('2026-11-22T01:00:00Z')
const sub = (personId: string, since?: string) => ({
  personId,
  homePath: `/s1/c1/g1/b1/h-${personId}/`,
  sub: since ? { since: new Date(since) } : {},
})

describe('dueForNotice', () => {
  it.each([
    ['a subscription from before the notice', sub('a', '2026-11-21T00:00:00Z'), [], true],
    ['a subscription made the moment it was published', sub('a', '2026-11-22T01:00:00Z'), [], true],
    ['a subscription made after it was published', sub('a', '2026-11-22T01:00:01Z'), [], false],
    ['a subscription without a since (kept from before since was recorded)', sub('a'), [], true],
    ['someone who already opened the notice', sub('a', '2026-11-21T00:00:00Z'), ['a'], false],
    ['someone else opened it', sub('a', '2026-11-21T00:00:00Z'), ['b'], true],
  ])('%s → %s', (_, r, readers, due) => {
    expect(dueForNotice({ publishedAt }, [r], new Set(readers))).toEqual(due ? [r] : [])
  })
  it('keeps the order of the page', () => {
    const page = [sub('c'), sub('a'), sub('b')]
    expect(dueForNotice({ publishedAt }, page, new Set(['a'])).map((r) => r.personId)).toEqual(['c', 'b'])
  })
})

describe('homeOf and unreachedAmong', () => {
  it.each([
    ['/s1/c1/g1/b1/h1/', 'h1'],
    ['/s1/c1/g1/b1/', undefined],
    ['', undefined],
  ])('the household of %s is %s', (homePath, household) => {
    expect(homeOf({ homePath })).toBe(household)
  })
  it('keeps who lives in a household no receipt names, and who lives in a household at all', () => {
    const rows = [
      { id: 'a', homePath: '/s1/c1/g1/b1/h1/' },
      { id: 'b', homePath: '/s1/c1/g1/b1/h2/' },
      { id: 'c', homePath: '/s1/c1/g1/b1/h1/' },
      { id: 'd', homePath: '/s1/c1/g1/b1/' },
      { id: 'e', homePath: '/s1/c1/g1/b2/h3/' },
    ]
    expect(unreachedAmong(rows, new Set(['h1'])).map((r) => r.id)).toEqual(['b', 'e'])
    expect(unreachedAmong(rows, new Set()).map((r) => r.id)).toEqual(['a', 'b', 'c', 'e'])
  })
})

describe('reminderMessage', () => {
  it('is the notice message with 提醒 in its origin line and 请回复收到 as its urgency', () => {
    const notice = {
      _id: 'n1',
      title: '周六上午停水通知',
      origin: '和平里社区 · 许玉兰',
      urgency: 'urgent' as const,
      publishedAt,
    }
    const m = reminderMessage(notice, { openid: 'o1', templateId: NOTICE_TEMPLATE.id })
    const f = NOTICE_TEMPLATE.fields
    expect(m.touser).toBe('o1')
    expect(m.templateId).toBe(NOTICE_TEMPLATE.id)
    expect(m.page).toBe('pages/notices/detail/index?id=n1')
    expect(m.data[f.title].value).toBe('周六上午停水通知')
    expect(m.data[f.origin].value).toBe('提醒：和平里社区 · 许玉兰')
    expect(m.data[f.urgency].value).toBe('请回复收到')
    expect(m.data[f.publishedAt].value).toBe('2026-11-22 09:00')
  })
})
