/**
 * What the compiled app has in flight under miniprogram-simulate, so that tests wait for the app to be done rather
 * than for a while: every wx API call whose promise has not settled yet (wx.cloud.callFunction, uploadFile, …) and
 * every short timer the app queued. In jsdom (no MessageChannel, no setImmediate) React's scheduler and Taro's
 * setData batch both run on setTimeout, so "no call in flight and no short timer queued" is "the view shows what the
 * app means to show". One tracker per test file: kept on the global, shared by every copy of the harness module
 * (test/weapp/elder-mode.test.ts reloads them), and installed before dist/app.js runs, so that the timers React
 * captures at load time are the tracked ones.
 */

/**
 * Timers up to this long are the app at work (React's scheduler and Taro's setData at 0 ms, Taro's nextTick at
 * 1 and 20 ms, transitions); longer ones are the app waiting on the clock (a page's refresh every 30 s), which
 * nothing here waits for.
 */
export const SHORT_TIMER_MS = 500
/**
 * How long a wait may last before it fails, naming what it waited for. Only a broken page waits that long; a
 * healthy one is done as soon as it has rendered, which on a loaded 2-core machine can itself take a second or two.
 */
export const WAIT_MS = 10_000

type Fn = (...args: unknown[]) => unknown

interface Tracker {
  /** Short timers queued and not yet run: id → delay. */
  timers: Map<unknown, number>
  /** wx calls whose promise has not settled: sequence → what was called (`grid.me`, `uploadFile`). */
  calls: Map<number, string>
  seq: number
  /** Answers a test holds back on purpose (see hold()): that many calls may stay in flight. */
  held: number
  /** Woken whenever a tracked timer ran or a call settled. */
  wake: Set<() => void>
  realSetTimeout: typeof setTimeout
  realClearTimeout: typeof clearTimeout
  now: () => number
}

const KEY = '__wgtAppActivity'
const g = globalThis as unknown as Record<string, unknown>

function tracker(): Tracker {
  let t = g[KEY] as Tracker | undefined
  if (t) return t
  // performance.now, not Date.now: tests mock Date.now to move the app's clock (group-context.test.ts)
  const clock = globalThis.performance
  t = {
    timers: new Map(),
    calls: new Map(),
    seq: 0,
    held: 0,
    wake: new Set(),
    realSetTimeout: globalThis.setTimeout,
    realClearTimeout: globalThis.clearTimeout,
    now: () => clock.now(),
  }
  g[KEY] = t
  return t
}

const changed = (t: Tracker) => {
  for (const w of [...t.wake]) w()
}

/** Wraps the global setTimeout/clearTimeout (once) so that the app's short timers are counted until they run. */
export function trackTimers(): void {
  const t = tracker()
  if (g.setTimeout !== t.realSetTimeout) return
  const real = t.realSetTimeout
  const wrapped = (handler: unknown, delay?: number, ...args: unknown[]): unknown => {
    if (typeof handler !== 'function') return (real as unknown as Fn)(handler, delay, ...args)
    const ms = Number(delay) || 0
    const id: unknown = real(() => {
      t.timers.delete(id)
      try {
        ;(handler as Fn)(...args)
      } finally {
        changed(t)
      }
    }, ms)
    if (ms <= SHORT_TIMER_MS) t.timers.set(id, ms)
    return id
  }
  g.setTimeout = wrapped
  g.clearTimeout = (id: unknown) => {
    t.timers.delete(id)
    ;(t.realClearTimeout as unknown as Fn)(id)
  }
}

/** What a wx call is, for a message: `grid.me` for a cloud function call, else the API's name. */
const describeCall = (name: string, args: unknown[]): string => {
  const first = args[0] as { name?: unknown; data?: { action?: unknown } } | undefined
  if (name === 'callFunction' && first && typeof first.name === 'string') return `${first.name}.${first.data?.action}`
  return name
}

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  (typeof v === 'object' || typeof v === 'function') &&
  v !== null &&
  typeof (v as PromiseLike<unknown>).then === 'function'

/**
 * The `wx` the app is given: the test's stub behind a proxy that counts each call returning a promise until it
 * settles. The calls reach the stub's own functions, so the test keeps its jest mocks (`.mock.calls`,
 * `mockImplementationOnce`) on the object it holds.
 */
export function trackedWx<T extends object>(stub: T): T {
  const t = tracker()
  // one wrapper per function: what the app stores back (webpack's chunk list patches push) is wrapped anew
  const wrappers = new WeakMap<Fn, Fn>()
  const proxies = new WeakMap<object, object>()
  const wrapFn = (fn: Fn, owner: object, name: string): Fn => {
    let w = wrappers.get(fn)
    if (!w) {
      w = function (this: unknown, ...args: unknown[]) {
        const result = new.target ? Reflect.construct(fn, args) : Reflect.apply(fn, owner, args)
        if (isThenable(result)) {
          const seq = ++t.seq
          t.calls.set(seq, describeCall(name, args))
          const done = () => {
            t.calls.delete(seq)
            changed(t)
          }
          result.then(done, done)
        }
        return result
      } as Fn
      wrappers.set(fn, w)
    }
    return w
  }
  const wrap = (target: object): object => {
    const known = proxies.get(target)
    if (known) return known
    const proxy = new Proxy(target, {
      get(obj, key, receiver) {
        const value = Reflect.get(obj, key, receiver) as unknown
        if (typeof value === 'function') return wrapFn(value as Fn, obj, String(key))
        // API groups such as wx.cloud; arrays and class instances (webpack's chunk list) pass untouched
        if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
          return wrap(value)
        }
        return value
      },
    })
    proxies.set(target, proxy)
    return proxy
  }
  return wrap(stub) as T
}

/** One turn of the event loop, on the real timer (not counted as the app's). */
const turn = (t: Tracker) => new Promise<void>((resolve) => t.realSetTimeout(resolve, 0))

/** What is still in flight, in words, for a failure message. */
export function inFlight(): string {
  const t = tracker()
  const parts = [...t.calls.values()].map((c) => `call ${c}`)
  const delays = [...t.timers.values()]
  if (delays.length) parts.push(`${delays.length} timer(s) of ${[...new Set(delays)].join('/')} ms`)
  return parts.join(', ') || 'nothing'
}

const busy = (t: Tracker) => t.timers.size > 0 || t.calls.size > t.held

/**
 * Waits until the app has nothing in flight: every call answered (but those a test holds) and every short timer
 * run, so React has rendered and Taro's setData has reached the view. Fails after WAIT_MS naming what is pending.
 */
export async function settle(ms = WAIT_MS): Promise<void> {
  const t = tracker()
  const until = t.now() + ms
  for (;;) {
    // a whole turn first: what the test just did (a dispatched event, a resolved promise) queues its work in it
    await turn(t)
    if (!busy(t)) return
    if (t.now() > until) throw new Error(`the app did not settle within ${ms} ms: still in flight: ${inFlight()}`)
  }
}

/** Resolves one turn after the next change in the app (a tracked timer ran, a call settled), or at `until`. */
const nextChange = (t: Tracker, until: number) =>
  new Promise<void>((resolve) => {
    const done = () => {
      t.wake.delete(done)
      t.realClearTimeout(timer)
      // a turn later: what the change set off in promise callbacks has run by then
      t.realSetTimeout(resolve, 0)
    }
    const timer = t.realSetTimeout(done, Math.max(0, until - t.now()))
    t.wake.add(done)
  })

/**
 * Retries `check` until it holds: each turn while the app is busy, and once it is idle, at each thing the app does
 * next (a timer, an answer), until `ms` have passed; then fails with the check's own error and what was in flight.
 */
export async function eventually(check: () => void, ms = WAIT_MS): Promise<void> {
  const t = tracker()
  const until = t.now() + ms
  const attempt = (): unknown => {
    try {
      check()
      return undefined
    } catch (e) {
      return e ?? new Error('check failed')
    }
  }
  let failure = attempt()
  let idle = false
  while (failure) {
    if (t.now() > until) {
      if (failure instanceof Error) failure.message += `\n(waited ${ms} ms; still in flight: ${inFlight()})`
      throw failure
    }
    // idle after a whole turn and still not there: only something the app does next can change that
    if (idle) await nextChange(t, until)
    else await turn(t)
    idle = !busy(t)
    failure = attempt()
  }
}

/**
 * An answer the test holds back (a slow network) and releases when it chooses. The stubbed call returns (or awaits)
 * `answer`; from the moment it does, that one call may stay in flight without keeping settle() waiting. Two calls
 * waiting for the same held answer are one too many: settle() then fails naming both.
 */
export function hold<T>(): { readonly answer: Promise<T>; release: (value: T) => void } {
  const t = tracker()
  let resolve: (value: T) => void = () => undefined
  const answer = new Promise<T>((r) => (resolve = r))
  let counted = false
  let released = false
  return {
    get answer() {
      if (!counted && !released) {
        counted = true
        t.held++
      }
      return answer
    },
    release(value: T) {
      if (released) return
      released = true
      if (counted) t.held--
      resolve(value)
    },
  }
}
