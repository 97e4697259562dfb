/**
 * Timer triggers: the 7-field WeChat cron (sec min hour day month week year) and a function declaring a timer
 * in its config.json being invoked on schedule with the platform's timer event.
 */
import { nextRun, parseCron } from '../../emulator/timers/cron'
import { TIMER_FUNCTIONS, startTestCloud } from './helpers'

/** Beijing wall-clock time in, Beijing wall-clock time out, whatever this machine's time zone. */
const next = (expr: string, from: string): string => {
  const d = nextRun(parseCron(expr), new Date(from + '+08:00'))
  if (!d) throw new Error('no next run')
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')
}

describe('cron (Beijing time, as the platform)', () => {
  it.each([
    ['every second', '* * * * * * *', '2025-03-01T10:00:00', '2025-03-01 10:00:01'],
    ['every 5 minutes', '0 */5 * * * * *', '2025-03-01T10:02:30', '2025-03-01 10:05:00'],
    ['daily at 02:00', '0 0 2 * * * *', '2025-03-01T10:00:00', '2025-03-02 02:00:00'],
    ['first of the month', '0 0 2 1 * * *', '2025-03-01T10:00:00', '2025-04-01 02:00:00'],
    ['weekdays at 9', '0 0 9 * * MON-FRI *', '2025-03-01T10:00:00', '2025-03-03 09:00:00'],
    ['sunday as 0', '0 30 8 * * 0 *', '2025-03-03T10:00:00', '2025-03-09 08:30:00'],
    ['list of hours', '0 0 8,20 * * * *', '2025-03-01T10:00:00', '2025-03-01 20:00:00'],
    ['month names', '0 0 0 1 JAN,JUL * *', '2025-03-01T10:00:00', '2025-07-01 00:00:00'],
    ['range with step', '0 0 1-10/3 * * * *', '2025-03-01T05:00:00', '2025-03-01 07:00:00'],
    ['year field', '0 0 0 1 1 * 2027', '2025-03-01T10:00:00', '2027-01-01 00:00:00'],
    ['leap day', '0 0 12 29 2 * *', '2025-03-01T10:00:00', '2028-02-29 12:00:00'],
  ])('%s: %s after %s is %s', (_n, expr, from, expected) => {
    expect(next(expr, from)).toBe(expected)
  })
  it.each([['* * * * *'], ['61 * * * * * *'], ['* * * * 13 * *'], ['*/0 * * * * * *'], ['5-1 * * * * * *']])(
    'rejects %s',
    (expr) => expect(() => parseCron(expr)).toThrow(),
  )
})

describe('timer triggers', () => {
  it('invokes the function on schedule with the timer event and no user', async () => {
    const t = await startTestCloud({ functionsDir: TIMER_FUNCTIONS })
    try {
      const deadline = Date.now() + 5000
      let ticks: Array<Record<string, unknown>> = []
      while (ticks.length < 2 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200))
        ticks = t.cloud.engine.find('units', { tick: { $exists: true } })
      }
      expect(ticks.length).toBeGreaterThanOrEqual(2)
      expect(ticks[0]).toMatchObject({
        tick: {
          Type: 'Timer',
          TriggerName: 'everySecond',
          Message: '',
          Time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        },
        openid: '',
        source: 'wx_trigger',
      })
    } finally {
      await t.close()
    }
  })
})
