/**
 * Fires timer triggers declared in functions' config.json with the platform's timer event:
 * `{Type: 'Timer', TriggerName, Time, Message}` (Time in UTC ISO without milliseconds, Message empty). A timer invocation has no user: OPENID is empty.
 */
import { nextRun, parseCron } from './cron'
import type { FunctionHost, InvokeOutcome } from '../functions/host'

export interface TimerFiring {
  functionName: string
  triggerName: string
  time: string
  outcome: InvokeOutcome
}

export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>()
  private stopped = false
  readonly fired: TimerFiring[] = []

  constructor(
    private readonly host: FunctionHost,
    private readonly onFire?: (f: TimerFiring) => void,
  ) {}

  /** Schedules every timer trigger of every deployed function; a bad cron is reported and skipped. */
  start(): string[] {
    const problems: string[] = []
    for (const { name, config } of this.host.list()) {
      for (const trig of config.triggers) {
        try {
          this.schedule(name, trig.name, parseCron(trig.config))
        } catch (e) {
          problems.push(`${name}/${trig.name}: ${(e as Error).message}`)
        }
      }
    }
    return problems
  }

  private schedule(fn: string, trigger: string, cron: ReturnType<typeof parseCron>): void {
    if (this.stopped) return
    const next = nextRun(cron, new Date())
    if (!next) return
    // long waits are chained: setTimeout cannot wait more than ~24.8 days
    const wait = Math.min(next.getTime() - Date.now(), 2 ** 31 - 1)
    const t = setTimeout(() => {
      this.timers.delete(t)
      if (Date.now() + 5 < next.getTime()) return this.schedule(fn, trigger, cron)
      const time = next.toISOString().replace('.000Z', 'Z')
      void this.host
        .invoke(fn, { Type: 'Timer', TriggerName: trigger, Time: time, Message: '' }, { openid: '' }, 'wx_trigger')
        .then((outcome) => {
          const firing = { functionName: fn, triggerName: trigger, time, outcome }
          this.fired.push(firing)
          if (this.fired.length > 200) this.fired.shift()
          this.onFire?.(firing)
        })
      this.schedule(fn, trigger, cron)
    }, wait)
    t.unref()
    this.timers.add(t)
  }

  stop(): void {
    this.stopped = true
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
  }
}
