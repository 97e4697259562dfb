/** What a notice's card shows of its body (core/notices/card.ts). */
import { EXCERPT_CHARS, excerpt } from '../../../core/notices/card'

describe('excerpt', () => {
  const sixty = '通'.repeat(EXCERPT_CHARS)
  it.each([
    ['a short body whole', '今晚停水', '今晚停水'],
    ['exactly 60 characters whole', sixty, sixty],
    ['61 characters cut to 60 and …', `${sixty}知`, `${sixty}…`],
    ['emoji counted as one character and never cut in half', `${'😀'.repeat(61)}`, `${'😀'.repeat(60)}…`],
    ['40 emoji (80 UTF-16 units) whole', '😀'.repeat(40), '😀'.repeat(40)],
    ['an empty body', '', ''],
  ])('%s', (_, body, shown) => {
    expect(excerpt(body)).toBe(shown)
  })
  it('is 60 characters', () => {
    expect(EXCERPT_CHARS).toBe(60)
  })
})
