/**
 * The image check's other half: security.mediaCheckAsync (emulator/functions/openapi.ts) answers with a trace id at
 * once, and the verdict arrives later as the `wxa_media_check` event pushed to the function the environment's
 * 消息推送 names (LocalCloudOptions.messagePush). Here the local cloud decides the verdict — `risky` when the image's
 * bytes contain a risky word or its sha256 is a risky hash, `review` likewise for the review lists, else `pass` —
 * and delivers it after `delayMs`, or holds it (`hold`) until released, or drops it (`drop`: a verdict that never
 * comes). Tests and `POST /admin {action: 'local.mediaCheck'}` change the rules while it runs.
 */
import crypto from 'node:crypto'
import type { LocalStorage } from './storage'

export interface MediaCheckRules {
  riskyWords: string[]
  reviewWords: string[]
  /** sha256 of the file's bytes, hex */
  riskyHashes: string[]
  reviewHashes: string[]
  /** how long after the request the verdict is pushed (the platform: seconds to 30 minutes) */
  delayMs: number
  /** keep verdicts until release() instead of pushing them */
  hold: boolean
  /** never push verdicts (they are lost, as a push the platform never makes) */
  drop: boolean
}

export const DEFAULT_MEDIA_RULES: MediaCheckRules = {
  riskyWords: [],
  reviewWords: [],
  riskyHashes: [],
  reviewHashes: [],
  delayMs: 0,
  hold: false,
  drop: false,
}

export interface MediaCheckRequest {
  mediaUrl: string
  mediaType: number
  openid: string
  scene: number
}

/** What the platform pushes (message push, 消息推送) when an asynchronous check is done. */
export interface MediaCheckEvent {
  ToUserName: string
  FromUserName: string
  CreateTime: number
  MsgType: 'event'
  Event: 'wxa_media_check'
  appid: string
  trace_id: string
  version: 2
  detail: { strategy: string; errcode: number; suggest: string; label: number; prob: number }[]
  errcode: number
  errmsg: string
  result: { suggest: 'pass' | 'review' | 'risky'; label: number }
}

/** Labels as the platform numbers them: 100 normal, 20002 色情, 21000 other. */
const LABEL_NORMAL = 100
const LABEL_PORN = 20002
const LABEL_OTHER = 21000

export class MediaChecks {
  private rules: MediaCheckRules = { ...DEFAULT_MEDIA_RULES }
  private readonly held: MediaCheckEvent[] = []
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly inFlight = new Set<Promise<void>>()
  /** every check asked for, oldest first (trace id, verdict, what became of it) */
  readonly log: { traceId: string; openid: string; suggest: string; fate: 'sent' | 'held' | 'dropped' }[] = []

  constructor(
    private readonly storage: LocalStorage,
    private readonly opts: { appid: string; deliver: (event: MediaCheckEvent) => Promise<void> },
    rules: Partial<MediaCheckRules> = {},
  ) {
    this.configure(rules)
  }

  configure(patch: Partial<MediaCheckRules>): MediaCheckRules {
    const list = (v: unknown, fallback: string[]): string[] =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : fallback
    const r = this.rules
    this.rules = {
      riskyWords: list(patch.riskyWords, r.riskyWords),
      reviewWords: list(patch.reviewWords, r.reviewWords),
      riskyHashes: list(patch.riskyHashes, r.riskyHashes).map((h) => h.toLowerCase()),
      reviewHashes: list(patch.reviewHashes, r.reviewHashes).map((h) => h.toLowerCase()),
      delayMs: typeof patch.delayMs === 'number' && patch.delayMs >= 0 ? patch.delayMs : r.delayMs,
      hold: typeof patch.hold === 'boolean' ? patch.hold : r.hold,
      drop: typeof patch.drop === 'boolean' ? patch.drop : r.drop,
    }
    return { ...this.rules }
  }

  /** How many verdicts are held back (hold: true). */
  heldCount(): number {
    return this.held.length
  }

  /** Pushes every held verdict now; resolves once the function has handled them. */
  async release(): Promise<number> {
    const out = this.held.splice(0)
    for (const e of out) await this.opts.deliver(e)
    return out.length
  }

  /** Resolves once every verdict already due has been pushed and handled (tests wait on this, not on time). */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight])
  }

  /** A check asked for: decide its verdict now (the file as it is), push it later. Returns the trace id. */
  async submit(req: MediaCheckRequest): Promise<string> {
    const traceId = crypto.randomBytes(12).toString('hex')
    const suggest = await this.decide(req.mediaUrl)
    const label = suggest === 'pass' ? LABEL_NORMAL : suggest === 'risky' ? LABEL_PORN : LABEL_OTHER
    const event: MediaCheckEvent = {
      ToUserName: `gh_${this.opts.appid}`,
      FromUserName: req.openid,
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: this.opts.appid,
      trace_id: traceId,
      version: 2,
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: suggest === 'pass' ? 0 : 90 }],
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
    }
    const fate = this.rules.drop ? 'dropped' : this.rules.hold ? 'held' : 'sent'
    this.log.push({ traceId, openid: req.openid, suggest, fate })
    if (fate === 'held') this.held.push(event)
    if (fate === 'sent') this.later(event, this.rules.delayMs)
    return traceId
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    this.held.length = 0
  }

  private later(event: MediaCheckEvent, delayMs: number): void {
    // the answer to mediaCheckAsync goes back first: the push never overtakes it
    let done!: () => void
    const flight = new Promise<void>((resolve) => (done = resolve))
    this.inFlight.add(flight)
    const timer = setTimeout(
      () => {
        this.timers.delete(timer)
        this.opts
          .deliver(event)
          .catch((e: unknown) => console.warn('[local cloud] wxa_media_check push failed:', e))
          .finally(() => {
            this.inFlight.delete(flight)
            done()
          })
      },
      Math.max(delayMs, 20),
    )
    this.timers.add(timer)
  }

  private async decide(mediaUrl: string): Promise<'pass' | 'review' | 'risky'> {
    const bytes = await this.read(mediaUrl)
    // an image the platform cannot download is not passed: a person looks at it
    if (!bytes) return 'review'
    const hash = crypto.createHash('sha256').update(bytes).digest('hex')
    const text = bytes.toString('utf8')
    const r = this.rules
    if (r.riskyHashes.includes(hash) || r.riskyWords.some((w) => text.includes(w))) return 'risky'
    if (r.reviewHashes.includes(hash) || r.reviewWords.some((w) => text.includes(w))) return 'review'
    return 'pass'
  }

  /** The bytes a media_url of this local cloud serves (a temp URL: /local/storage/<cloudPath>?t=…&sign=…). */
  private async read(mediaUrl: string): Promise<Buffer | null> {
    let url: URL
    try {
      url = new URL(mediaUrl)
    } catch {
      return null
    }
    const at = url.pathname.indexOf('/local/storage/')
    if (at < 0) return null
    let cloudPath: string
    try {
      cloudPath = decodeURIComponent(url.pathname.slice(at + '/local/storage/'.length))
    } catch {
      return null
    }
    const t = url.searchParams.get('t')
    const sign = url.searchParams.get('sign')
    if (t !== null && this.storage.checkTempUrl(cloudPath, t, sign ?? '') !== 'ok') return null
    return this.storage.read(cloudPath).catch(() => null)
  }
}
