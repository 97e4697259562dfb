import { bookingCode, codeBookingId, codeValid } from '../../../core/testing/token'

const secret = 'a'.repeat(64)
const code = bookingCode(secret, 'tr_p1_tap_h1')

describe('booking codes', () => {
  it('name their booking and check under the round secret', () => {
    expect(codeBookingId(code)).toBe('tr_p1_tap_h1')
    expect(codeValid(secret, code, 'tr_p1_tap_h1')).toBe(true)
    expect(codeValid(secret, ` ${code} `, 'tr_p1_tap_h1')).toBe(true)
  })

  it.each([
    ['another household with this signature', code.replace('_h1:', '_h2:'), 'tr_p1_tap_h2'],
    ['another secret', bookingCode('b'.repeat(64), 'tr_p1_tap_h1'), 'tr_p1_tap_h1'],
    ['one digit changed', code.slice(0, -1) + (code.endsWith('0') ? '1' : '0'), 'tr_p1_tap_h1'],
    ['a shortened signature', code.slice(0, -2), 'tr_p1_tap_h1'],
  ])('refuse %s', (_label, text, bookingId) => {
    expect(codeValid(secret, text, bookingId)).toBe(false)
  })

  it.each([
    ['not ours', 'https://example.com'],
    ['no signature', 'wgt-test:tr_1_h1:'],
    ['bare id', 'tr_p1_tap_h1'],
  ])('read nothing from %s', (_label, text) => {
    expect(codeBookingId(text)).toBeNull()
  })
})
