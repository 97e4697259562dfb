import {
  formatCode,
  isVoucherCode,
  luhnDigit,
  parseVoucherInput,
  voucherCode,
  voucherExpiry,
  voucherQr,
  voucherRefusal,
  voucherState,
} from '../../../core/points/vouchers'

const code = voucherCode('12345678901')

describe('codes', () => {
  it('appends a Luhn check digit', () => {
    expect(luhnDigit('7992739871')).toBe('3')
    expect(code).toHaveLength(12)
    expect(isVoucherCode(code)).toBe(true)
  })
  it('catches any single mistyped digit and a swap of neighbours', () => {
    for (let i = 0; i < 12; i++) {
      const wrong = code.slice(0, i) + String((Number(code[i]) + 1) % 10) + code.slice(i + 1)
      expect(isVoucherCode(wrong)).toBe(false)
    }
    expect(isVoucherCode(code[1] + code[0] + code.slice(2))).toBe(code[0] === code[1])
  })
  it('refuses bad random parts', () => {
    expect(() => voucherCode('123')).toThrow()
  })
  it.each([
    [formatCode(code), code],
    [`  ${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)} `, code],
    [voucherQr(code), code],
    [voucherQr(code).toLowerCase(), code],
    ['1234 5678 9012', isVoucherCode('123456789012') ? '123456789012' : null],
    ['abc', null],
    ['', null],
    [code.slice(0, 11), null],
  ])('parseVoucherInput(%p)', (text, expected) => {
    expect(parseVoucherInput(text)).toBe(expected)
  })
  it('prints in groups of four', () => {
    expect(formatCode('123456789012')).toBe('1234 5678 9012')
  })
})

describe('states', () => {
  const now = new Date('2026-12-02T00:00:00Z')
  const later = new Date('2026-12-10T00:00:00Z')
  const earlier = new Date('2026-12-01T00:00:00Z')
  it.each([
    ['active', later, 'active', null],
    ['active', earlier, 'expired', 'VOUCHER_EXPIRED'],
    ['active', now, 'expired', 'VOUCHER_EXPIRED'],
    ['used', later, 'used', 'VOUCHER_USED'],
    ['cancelled', later, 'cancelled', 'VOUCHER_CANCELLED'],
  ] as const)('%s until %s → %s', (status, expiresAt, state, refusal) => {
    expect(voucherState({ status, expiresAt }, now)).toBe(state)
    expect(voucherRefusal({ status, expiresAt }, now)).toBe(refusal)
  })
  it('expires voucherDays after redeeming, never after the service', () => {
    const at = new Date('2026-12-02T00:00:00Z')
    expect(voucherExpiry(at, 7, new Date('2027-01-01T00:00:00Z')).toISOString()).toBe('2026-12-09T00:00:00.000Z')
    expect(voucherExpiry(at, 30, new Date('2026-12-05T00:00:00Z')).toISOString()).toBe('2026-12-05T00:00:00.000Z')
  })
})
