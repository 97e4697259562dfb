/**
 * Runs the COMPILED weapp (dist/) inside miniprogram-simulate: a `wx` stub defined before dist/app.js
 * loads (Taro binds its APIs to whatever `wx` holds at that moment), App/getApp shims, and a Page shim
 * that registers each Taro page as a Component and fires the page lifecycle on attach/detach.
 * The official wcc compiler is used; the pure-JS one renders Taro's templates empty.
 */
import fs from 'node:fs'
import path from 'node:path'
import simulate, { type SimulatedComponent, type SimulatedNode } from 'miniprogram-simulate'
import { fail } from '../../core/envelope'
import { settle, trackTimers, trackedWx } from './activity'
import { find, rememberRoute } from './finders'

export { eventually, hold, inFlight, settle } from './activity'
export { count, find, none, text, texts, waitFor, waitForText, waitGone } from './finders'

export const DIST = path.resolve(__dirname, '../../dist')

// A journey of taps through the compiled app in jsdom takes seconds on a loaded machine; the waits inside fail
// first (WAIT_MS), naming what they waited for, so a test only ever meets this bound when it is stuck elsewhere.
jest.setTimeout(30_000)

type Fn = (...args: never[]) => unknown
type PageConfig = { data?: Record<string, unknown> } & Record<string, unknown>
interface PageThis {
  route?: string
  __route__?: string
  [method: string]: unknown
}

/** What wx.cloud.callFunction receives, and the envelope the test wants it to answer with. */
export interface CloudCall {
  name: string
  data: { action: string; payload: unknown }
}

/** Callback-style wx API stub that succeeds with `res` (Taro promisifies wx.* around success/fail). */
const succeed = (res: Record<string, unknown> = {}) =>
  jest.fn((opts: { success?: (r: unknown) => void; complete?: (r: unknown) => void } = {}) => {
    const r = { errMsg: 'ok', ...res }
    opts.success?.(r)
    opts.complete?.(r)
  })

export function createWx(cloudHandler: (call: CloudCall) => unknown) {
  return {
    getSystemInfoSync: () => ({ platform: 'devtools', windowWidth: 375, windowHeight: 667, pixelRatio: 2 }),
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2 }),
    makePhoneCall: succeed(),
    navigateTo: succeed(),
    redirectTo: succeed(),
    reLaunch: succeed(),
    // Confirms by default; a test answers { confirm: false } with mockImplementationOnce to cancel.
    showModal: succeed({ confirm: true, cancel: false }),
    showToast: succeed(),
    setClipboardData: succeed(),
    switchTab: succeed(),
    stopPullDownRefresh: succeed(),
    cloud: {
      init: jest.fn(),
      callFunction: jest.fn(async (call: CloudCall) => ({
        result: cloudHandler(call),
        errMsg: 'cloud.callFunction:ok',
      })),
    },
  }
}

export type WxStub = ReturnType<typeof createWx>

/** What answers one action in a routed cloud: its payload in, the envelope (or a promise of it) out. */
export type Routes = Record<string, (payload: Record<string, unknown>) => unknown>

/** A cloud that answers by `function.action` (`routes` over `defaults`); anything else fails as an unknown action. */
export const route =
  (routes: Routes, defaults: Routes = {}) =>
  (call: CloudCall): unknown => {
    const r = routes[`${call.name}.${call.data.action}`] ?? defaults[`${call.name}.${call.data.action}`]
    return r ? r(call.data.payload as Record<string, unknown>) : fail('UNKNOWN_ACTION')
  }

let pageSeq = 0
// jest's require cache ignores miniprogram-simulate's delete, so a page's js runs (calls Page) only once:
// load each page once and render that definition as often as needed.
const loaded = new Map<string, string>()

/** Installs the shims and runs dist/app.js once; throws (the suite fails) when dist/ was not built. */
export function bootApp(wx: WxStub): void {
  if (!fs.existsSync(path.join(DIST, 'app.js'))) {
    throw new Error(`dist/app.js not found: build the weapp first (npm run build:weapp)`)
  }
  const g = globalThis as unknown as Record<string, unknown>
  let app: Record<string, unknown> | undefined
  // the app's short timers and its wx calls are counted until done, so that tests wait for them (./activity)
  trackTimers()
  g.wx = trackedWx(wx)
  g.App = (cfg: Record<string, unknown>) => {
    app = cfg
  }
  g.getApp = () => app
  g.getCurrentPages = () => []
  g.Page = (cfg: PageConfig) => {
    const { data, ...rest } = cfg
    const methods: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(rest)) if (typeof v === 'function') methods[k] = v
    const Component = g.Component as (def: Record<string, unknown>) => void
    Component({
      data,
      methods,
      lifetimes: {
        attached(this: PageThis) {
          this.route = this.__route__ = g.__pageRoute as string
          // the weight suite (weight.ts) sees every setData the page sends, before the view applies it
          const onSetData = g.__wgtOnSetData as ((data: unknown) => void) | undefined
          const setData = this.setData as Fn | undefined
          if (onSetData && setData)
            this.setData = (data: never, cb: never) => {
              onSetData(data)
              return setData.call(this, data, cb)
            }
          // A unique timestamp gives each rendered page its own Taro page instance.
          const query = (g.__pageQuery ?? {}) as Record<string, string>
          ;(this.onLoad as Fn | undefined)?.call(this, { ...query, $taroTimestamp: String(++pageSeq) } as never)
          ;(this.onShow as Fn | undefined)?.call(this)
          ;(this.onReady as Fn | undefined)?.call(this)
        },
        detached(this: PageThis) {
          ;(this.onUnload as Fn | undefined)?.call(this)
        },
      },
    })
  }
  // wcc's runtime in jsdom warns once per page render that Taro's dynamic template `tmpl_0_i` is missing
  // (the page still renders: the tests below read its text). Keep that one line from burying real output.
  const warn = console.warn
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    if (String(args[0]).includes('Template `tmpl_0_i` not found')) return
    warn(...args)
  })
  // A runtime require on purpose: dist/app.js must run now, after the stubs above, not at import time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(DIST, 'app.js'))
  const onLaunch = app?.onLaunch as Fn | undefined
  onLaunch?.call(app, { path: 'pages/grid/home/index', query: {} } as never)
}

/** Renders a compiled page (e.g. 'pages/grid/home/index', with its query) and waits until it has settled. */
export async function renderPage(route: string, query: Record<string, string> = {}): Promise<SimulatedComponent> {
  ;(globalThis as unknown as Record<string, unknown>).__pageRoute = route
  ;(globalThis as unknown as Record<string, unknown>).__pageQuery = query
  let id = loaded.get(route)
  if (!id) {
    id = simulate.load(path.join(DIST, route), { rootPath: DIST, compiler: 'official' })
    loaded.set(route, id)
  }
  const page = simulate.render(id)
  rememberRoute(page, route)
  page.attach(document.createElement('parent-wrapper'))
  await settle()
  return page
}

/** Taps the `index`-th element matching `selector` (throws when there is none), then waits until the page settles. */
export const tap = async (page: SimulatedNode, selector: string, index = 0): Promise<void> => {
  find(page, selector, index).dispatchEvent('tap')
  await settle()
}

/** Types into the NutUI input inside `selector` (throws when there is none), then waits until the page settles. */
export const typeInto = async (page: SimulatedNode, selector: string, value: string): Promise<void> => {
  find(page, `${selector} .nut-input-native`).dispatchEvent('input', { detail: { value } })
  await settle()
}

/** Types into the textarea `selector` (throws when there is none), then waits until the page settles. */
export const typeArea = async (page: SimulatedNode, selector: string, value: string): Promise<void> => {
  find(page, selector).dispatchEvent('input', { detail: { value } })
  await settle()
}

/** The clock's lead over real time, shared by every module registry of the suite (a cold launch makes another). */
const clock = globalThis as unknown as { wgtClockSkew?: number }
/** Moves the app's clock (Date.now) forward by `ms`, e.g. past how long 首页's answer serves 我的 (30 s). */
export function passTime(ms: number): void {
  if (clock.wgtClockSkew === undefined) {
    clock.wgtClockSkew = 0
    const real = Date.now.bind(Date)
    jest.spyOn(Date, 'now').mockImplementation(() => real() + (clock.wgtClockSkew ?? 0))
  }
  clock.wgtClockSkew += ms
}
