/**
 * "Opened from group chat X", as the transport attaches it to the calls that need it: a TOP-LEVEL `group` field of
 * callFunction data holding a CloudID, which the platform (or the local cloud) replaces with the decrypted
 * `{ cloudID, data: { openGId } }` before the function runs — the group is never taken from the client's word.
 *
 * weapp: when the app was entered from a group chat (a card with a shareTicket, scene 1044/1008, or a group
 * chatType), wx.getGroupEnterInfo gives a cloudID, sent as wx.cloud.CloudID(cloudID). A cloudID is valid for 5
 * minutes, so one older than that (or from an earlier entry) is fetched again.
 * h5 (local cloud): the group is simulated — `?group=<openGId>` on the URL (before or inside the #/ route; an
 * empty value clears it) or the 本地演示 page's control — and the CloudID is minted by POST /local/cloudid.
 */
import Taro from '@tarojs/taro'
import { cloudIdMarker } from '../../core/cloud-id'
import type { ActionKey } from '../../core/contract'
import { GROUP_READERS } from '../../core/permissions'

/** The platform keeps a cloudID for 5 minutes; refresh early so a slow call does not arrive with a stale one. */
export const CLOUD_ID_REFRESH_MS = 4 * 60 * 1000

/** Scenes of a mini-program card opened inside a group chat (1044: with shareTicket). */
const GROUP_SCENES = new Set([1008, 1044])
/** chatType of getEnterOptionsSync: 3 a WeChat group, 4 a WeCom interconnected group. */
const GROUP_CHAT_TYPES = new Set([3, 4])

let cached: { key: string; cloudID: string | null; at: number } | null = null

/** The `group` field for this call, or undefined when the action does not read it (core/permissions marks those
 * that do) or there is no group. */
export function groupField(fn: string, action: string): Promise<unknown> {
  if (!GROUP_READERS.has(`${fn}.${action}` as ActionKey)) return Promise.resolve(undefined)
  return process.env.TARO_ENV === 'h5' ? localGroupField() : weappGroupField()
}

/** Forget the cached cloudID (tests; a page that knows the context changed). */
export function resetGroupContext(): void {
  cached = null
}

const fresh = (key: string): boolean => !!cached && cached.key === key && Date.now() - cached.at < CLOUD_ID_REFRESH_MS

// ---- weapp ----

interface EnterOptions {
  scene?: number
  shareTicket?: string
  chatType?: number
  path?: string
}

function enterOptions(): EnterOptions {
  try {
    // the options of the latest entry, cold launch or hot show (base library 2.9.4+)
    return Taro.getEnterOptionsSync() as EnterOptions
  } catch {
    try {
      return Taro.getLaunchOptionsSync() as EnterOptions
    } catch {
      return {}
    }
  }
}

async function weappGroupField(): Promise<unknown> {
  const o = enterOptions()
  const fromGroup = !!o.shareTicket || GROUP_SCENES.has(Number(o.scene)) || GROUP_CHAT_TYPES.has(Number(o.chatType))
  if (!fromGroup) return undefined
  const key = `${o.scene}|${o.shareTicket ?? ''}|${o.path ?? ''}`
  if (!fresh(key)) {
    let cloudID: string | null = null
    try {
      // No shareTicket parameter: since base library 2.17.3 it reads the current group entry itself.
      const res = (await Taro.getGroupEnterInfo({})) as { cloudID?: string }
      cloudID = res.cloudID || null
    } catch {
      // 40097 (not a group scene) / 65206 (no longer in the group): call on without a group, don't retry each call
    }
    cached = { key, cloudID, at: Date.now() }
  }
  return cached?.cloudID ? (Taro.cloud.CloudID(cached.cloudID) as unknown) : undefined
}

/**
 * Cards shared from this page carry a shareTicket, so opening one in a group tells the app which group it is
 * (call on pages that share invite or binding cards). weapp only.
 */
export function enableGroupShare(): void {
  if (process.env.TARO_ENV !== 'weapp') return
  void Taro.showShareMenu({ withShareTicket: true }).catch(() => undefined)
}

// ---- h5, local cloud ----

const GROUP_KEY = 'wanggetong.group'
let appliedParam: string | null = null

/** `group` from the page URL: `?group=` before the hash, or in the hash route's own query. */
function groupParam(): string | null {
  const search = new URLSearchParams(window.location.search)
  if (search.has('group')) return search.get('group') ?? ''
  const hash = window.location.hash
  const q = hash.indexOf('?')
  if (q >= 0) {
    const inHash = new URLSearchParams(hash.slice(q + 1))
    if (inHash.has('group')) return inHash.get('group') ?? ''
  }
  return null
}

/** The simulated group chat (openGId) this h5 session was "opened from", or null. */
export function simulatedGroup(): string | null {
  if (process.env.TARO_ENV !== 'h5') return null
  try {
    const param = groupParam()
    // a URL parameter applies once per value, so clearing it on the 本地演示 page sticks
    if (param !== null && param !== appliedParam) {
      appliedParam = param
      setSimulatedGroup(param || null)
    }
    return window.sessionStorage.getItem(GROUP_KEY) || null
  } catch {
    return null
  }
}

/** Simulates (or with null, ends) "opened from group chat <openGId>" for this browser tab. */
export function setSimulatedGroup(openGId: string | null): void {
  if (process.env.TARO_ENV !== 'h5') return
  const id = openGId?.trim()
  if (id) window.sessionStorage.setItem(GROUP_KEY, id)
  else window.sessionStorage.removeItem(GROUP_KEY)
  cached = null
}

async function localGroupField(): Promise<unknown> {
  const openGId = simulatedGroup()
  if (!openGId) return undefined
  if (!fresh(openGId)) {
    let cloudID: string | null = null
    try {
      const res = await fetch('/local/cloudid', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ data: { openGId } }),
      })
      cloudID = ((await res.json()) as { cloudID?: string }).cloudID ?? null
    } catch {
      // the local cloud is unreachable: the call itself will say so
    }
    if (!cloudID) return undefined
    cached = { key: openGId, cloudID, at: Date.now() }
  }
  return cached?.cloudID ? cloudIdMarker(cached.cloudID) : undefined
}
