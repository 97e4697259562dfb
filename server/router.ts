/**
 * Turns a table of handlers into a cloud function's `main(event, context)`. Every call goes through the
 * same gate, in this order: known action → valid payload → caller from the platform's openid → permission
 * (core/permissions.ts) → handler. Anything unexpected becomes INTERNAL: logged here, never sent to the client.
 */
import type { ActionKey, ActionName, FunctionName, ParsedPayload, Result } from '../core/contract'
import { PAYLOADS } from '../core/contract'
import { fail, ok, type Envelope } from '../core/envelope'
import { allows, PERMISSIONS } from '../core/permissions'
import type { Unit } from '../core/units'
import { loadCaller, type Caller, type CallerDepth } from './caller'
import { callerOpenid, getCloud, getDatabase } from './cloud'
import { createData, type Data } from './data'
import { AppError } from './errors'
import { parsePayload } from './validation'

export interface HandlerContext<P> {
  payload: P
  caller: Caller
  /** The one route to the database (server/data/): every repository, and transactions. */
  data: Data
  /** The unit the permission was checked against, when the action has one (already loaded). */
  target: Unit | null
  /** The group chat the app was opened from, as the platform decrypted it (never as the client said). */
  group: OpenedFromGroup | null
}

export interface OpenedFromGroup {
  openGId: string
}

export interface ActionDef<P, R> {
  /**
   * For permissions scoped to a unit: the unit the caller must hold a role over. It may be looked up (a
   * claim's household, a group's grid); null when what the payload names does not exist (NOT_FOUND).
   */
  target?: (payload: P, data: Data) => string | null | Promise<string | null>
  /** 'home': the caller as the person and their own home only (server/caller.ts), for an action on it alone */
  caller?: CallerDepth
  handle(ctx: HandlerContext<P>): Promise<R>
}

/** A handler of one action, typed from the contract: `export const feed: Action<'notices', 'feed'> = { … }`. */
export type Action<F extends FunctionName, A extends ActionName<F>> = ActionDef<ParsedPayload<F, A>, Result<F, A>>

export type Handlers<F extends FunctionName> = {
  [A in ActionName<F>]: Action<F, A>
}

/**
 * The CloudID of the group chat the call came from. The platform replaces a top-level CloudID field with
 * `{ cloudID, data }`, but a client can write that shape itself, so only the cloudID is taken from the event
 * and it is decrypted again through the platform (Platform.openGroup): a forged `data.openGId` is never seen.
 */
const groupCloudId = (group: unknown): string | null => {
  const cloudID = typeof group === 'object' && group !== null ? (group as { cloudID?: unknown }).cloudID : undefined
  return typeof cloudID === 'string' && cloudID ? cloudID : null
}

/** What the router needs from the platform; tests may replace it, functions use the real SDK. */
export interface Platform {
  openid(): string | undefined
  /** The openGId a group CloudID stands for, decrypted by the platform; null when it is not a valid one. */
  openGroup(cloudID: string): Promise<string | null>
  /** The data layer of one call (tests may hand another). */
  data(): Data
  logError(message: string, error: unknown): void
}

export const wxPlatform: Platform = {
  openid: callerOpenid,
  openGroup: async (cloudID) => {
    try {
      const res = (await getCloud().getOpenData({ list: [cloudID] })) as { list?: { data?: { openGId?: unknown } }[] }
      const openGId = res.list?.[0]?.data?.openGId
      return typeof openGId === 'string' && openGId ? openGId : null
    } catch {
      return null // expired (5 min) or not a CloudID: the call goes on as not opened from a group
    }
  },
  data: () => createData(getDatabase()),
  logError: (message, error) => console.error(message, error),
}

export type Main = (event: unknown, context?: unknown) => Promise<Envelope<unknown>>

/** Work a function's config.json timer trigger runs (e.g. delivering a notice's subscribe messages in batches). */
export type TimerHandler = (ctx: { data: Data; firedAt: Date }) => Promise<unknown>

interface TimerEvent {
  Type: 'Timer'
  TriggerName: string
  Time?: string
}
const isTimerEvent = (e: unknown): e is TimerEvent =>
  typeof e === 'object' &&
  e !== null &&
  (e as TimerEvent).Type === 'Timer' &&
  typeof (e as TimerEvent).TriggerName === 'string'

const own = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key)

export function createMain<F extends FunctionName>(
  fn: F,
  handlers: Handlers<F>,
  platform: Platform = wxPlatform,
  timers: Record<string, TimerHandler> = {},
): Main {
  const schemas: Record<string, unknown> = PAYLOADS[fn]
  return async (event) => {
    // A trigger runs with no user; a client can write {Type:'Timer'} too, but its call always has an OPENID.
    if (isTimerEvent(event) && !platform.openid()) {
      const timer = own(timers, event.TriggerName) ? timers[event.TriggerName] : undefined
      if (!timer) return fail('UNKNOWN_ACTION')
      try {
        return ok(await timer({ data: platform.data(), firedAt: event.Time ? new Date(event.Time) : new Date() }))
      } catch (error) {
        platform.logError(`[${fn} timer ${event.TriggerName}] failed`, error)
        return fail('INTERNAL')
      }
    }
    const { action, payload, group } = (typeof event === 'object' && event !== null ? event : {}) as Record<
      string,
      unknown
    >
    if (typeof action !== 'string' || !own(handlers, action) || !own(schemas, action)) return fail('UNKNOWN_ACTION')
    const def = (handlers as Record<string, ActionDef<unknown, unknown>>)[action]
    try {
      const parsed = parsePayload(schemas[action] as Parameters<typeof parsePayload>[0], payload)
      if (!parsed.ok) return fail('INVALID_PAYLOAD', parsed.detail)

      const data = platform.data()
      const caller = await loadCaller(data, platform.openid(), def.caller)
      const permission = PERMISSIONS[`${fn}.${action}` as ActionKey]
      let target: Unit | null = null
      if (permission.who !== 'anyone') {
        if (!caller.person) return fail('NOT_REGISTERED')
        if (permission.who !== 'registered') {
          const roles = permission.who
          if (!caller.grants.some((g) => roles.includes(g.role))) return fail('FORBIDDEN')
          if (permission.target === 'unit') {
            const targetId = def.target ? await def.target(parsed.value, data) : null
            target = targetId ? await data.units.get(targetId) : null
            // only someone who could see some unit learns that this one does not exist
            if (!target) return fail('NOT_FOUND')
          }
          if (!allows(permission, caller.grants, target?.path)) return fail('FORBIDDEN')
        }
      }
      const cloudID = groupCloudId(group)
      const openGId = cloudID ? await platform.openGroup(cloudID) : null
      const opened = openGId ? { openGId } : null
      return ok(await def.handle({ payload: parsed.value, caller, data, target, group: opened }))
    } catch (error) {
      if (error instanceof AppError) return fail(error.code, error.detail, error.issues)
      platform.logError(`[${fn}.${action}] failed`, error)
      return fail('INTERNAL')
    }
  }
}
