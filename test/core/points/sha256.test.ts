import { createHash, createHmac } from 'node:crypto'
import { hmacSha256, sha256, toHex } from '../../../core/points/sha256'

describe('sha256 and hmacSha256 agree with Node’s crypto', () => {
  it.each([[''], ['abc'], ['签到:28000000'], ['x'.repeat(55)], ['x'.repeat(56)], ['y'.repeat(200)]])('%s', (text) => {
    expect(toHex(sha256(new TextEncoder().encode(text)))).toBe(createHash('sha256').update(text).digest('hex'))
    for (const key of ['k', 'secret-of-activity', 'z'.repeat(100)])
      expect(toHex(hmacSha256(key, text))).toBe(createHmac('sha256', key).update(text).digest('hex'))
  })
})
