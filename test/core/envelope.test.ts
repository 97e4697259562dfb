import { ERROR_MESSAGES, fail, isErrorCode, ok, type ErrorCode } from '../../core/envelope'

const CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[]

describe('the envelope', () => {
  it('wraps data as ok', () => {
    expect(ok({ n: 1 })).toEqual({ ok: true, data: { n: 1 } })
  })

  it.each(CODES)('%s fails with its stable code and a Chinese message', (code) => {
    expect(fail(code)).toEqual({ ok: false, code, message: ERROR_MESSAGES[code] })
    expect(ERROR_MESSAGES[code]).toMatch(/[\u4e00-\u9fff]/)
  })

  it.each([
    ['INVALID_PAYLOAD', '缺少字段 unitId', `${ERROR_MESSAGES.INVALID_PAYLOAD}：缺少字段 unitId`],
    ['NOT_FOUND', undefined, ERROR_MESSAGES.NOT_FOUND],
  ] as const)('%s with detail %s', (code, detail, message) => {
    expect(fail(code, detail)).toEqual({ ok: false, code, message })
  })

  it.each([
    ['FORBIDDEN', true],
    ['INTERNAL', true],
    ['forbidden', false],
    ['toString', false],
    [42, false],
    [undefined, false],
  ])('isErrorCode(%p) → %s', (value, expected) => {
    expect(isErrorCode(value)).toBe(expected)
  })
})
