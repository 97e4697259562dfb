import {
  acceptsCode,
  attendedSpan,
  checkCode,
  checkQrText,
  checkWindow,
  codeFrom,
  isCheckOpen,
  minuteOf,
} from '../../../core/points/attendance'

const at = (iso: string) => new Date(iso)
const activity = { startAt: at('2026-12-05T01:00:00Z'), endAt: at('2026-12-05T04:00:00Z') }

describe('the code of the minute', () => {
  const now = at('2026-12-05T01:10:30Z')
  const m = minuteOf(now)
  it('is 6 digits, differs by minute, kind and secret', () => {
    const code = checkCode('s1', 'in', m)
    expect(code).toMatch(/^\d{6}$/)
    expect(checkCode('s1', 'in', m)).toBe(code)
    const others = [checkCode('s1', 'in', m + 1), checkCode('s1', 'out', m), checkCode('s2', 'in', m)]
    expect(others.every((c) => c !== code)).toBe(true)
  })
  it.each([
    ['this minute', 0, true],
    ['the minute before', -1, true],
    ['two minutes before', -2, false],
    ['the next minute', 1, false],
  ])('%s: accepted %s', (_label, delta, ok) => {
    expect(acceptsCode('s1', 'in', checkCode('s1', 'in', m + (delta as number)), now)).toBe(ok)
  })
  it('reads a typed code or the QR text of this activity and kind only', () => {
    expect(codeFrom(' 012345 ', 'a1', 'in')).toBe('012345')
    expect(codeFrom(checkQrText('a1', 'in', '654321'), 'a1', 'in')).toBe('654321')
    expect(codeFrom(checkQrText('a2', 'in', '654321'), 'a1', 'in')).toBeNull()
    expect(codeFrom(checkQrText('a1', 'out', '654321'), 'a1', 'in')).toBeNull()
    expect(codeFrom('12345', 'a1', 'in')).toBeNull()
  })
})

describe('windows', () => {
  it.each([
    ['in', '2026-12-05T00:29:00Z', false],
    ['in', '2026-12-05T00:30:00Z', true],
    ['in', '2026-12-05T02:00:00Z', true],
    ['in', '2026-12-05T02:00:01Z', false],
    ['out', '2026-12-05T03:29:00Z', false],
    ['out', '2026-12-05T03:30:00Z', true],
    ['out', '2026-12-05T05:00:00Z', true],
    ['out', '2026-12-05T05:01:00Z', false],
  ] as const)('check-%s at %s open: %s', (kind, now, open) => {
    expect(isCheckOpen(activity, kind, at(now))).toBe(open)
  })
  it('check-in closes 1 h after the start', () => {
    expect(checkWindow(activity, 'in').closesAt).toEqual(at('2026-12-05T02:00:00Z'))
  })
})

describe('attended minutes are bounded by the activity', () => {
  it.each([
    ['in and out inside', '2026-12-05T01:10:00Z', '2026-12-05T03:10:00Z', 120],
    ['early in, late out', '2026-12-05T00:40:00Z', '2026-12-05T04:50:00Z', 180],
    ['no check-out', '2026-12-05T01:00:00Z', undefined, 0],
    ['no check-in', undefined, '2026-12-05T03:00:00Z', 0],
  ])('%s', (_label, inAt, outAt, minutes) => {
    const row = { checkInAt: inAt ? at(inAt) : undefined, checkOutAt: outAt ? at(outAt) : undefined }
    expect(attendedSpan(activity, row).minutes).toBe(minutes)
  })
  it('an adjustment replaces the length, never beyond the activity', () => {
    expect(attendedSpan(activity, { adjusted: { minutes: 90 } })).toEqual({ from: activity.startAt, minutes: 90 })
    expect(attendedSpan(activity, { adjusted: { minutes: 600 } }).minutes).toBe(180)
  })
})
