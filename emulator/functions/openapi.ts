/**
 * Local stand-ins for the WeChat open APIs a function reaches through wx-server-sdk. They replace `cloud.openapi`
 * and `cloud.getOpenData` on the real SDK export inside each function worker (these calls go out as protobuf
 * form-data on the platform, so they are emulated in-process rather than over the wire). Results and failures have
 * the platform's shapes: `{errCode: 0, errMsg: 'openapi.<api>:ok', ...}`; failures reject with errCode/errMsg.
 * Runs inside the worker (bundled into it by esbuild): node built-ins and small pure libraries only.
 */
import { createHash } from 'node:crypto'
import QRCode from 'qrcode'

/** What a worker asks the local cloud's main thread (shared state: the outbox, CloudIDs, spent codes, image checks). */
export type RpcOp = 'outbox' | 'openData' | 'phoneCode' | 'mediaCheck'
export type Rpc = (op: RpcOp, arg: unknown) => Promise<unknown>

export interface OpenApiHost {
  blockedWords: string[]
  rpc: Rpc
  openid: () => string
  /** The local cloud's own address, where the h5 twin of the mini-program is served. */
  appUrl: () => string
}

type Api = (data: Record<string, unknown>) => Promise<unknown>

/** A rejection shaped like wx-server-sdk's CloudSDKError. */
export function sdkError(errCode: number, errMsg: string): Error {
  return Object.assign(new Error(`errCode: ${errCode} | errMsg: ${errMsg}`), { errCode, errMsg })
}

/** 21000 = "other" in msgSecCheck v2 labels; 100 = normal. */
const LABEL_OTHER = 21000
const LABEL_NORMAL = 100

export function msgSecCheck(blockedWords: string[]): Api {
  return async (data) => {
    const api = 'openapi.security.msgSecCheck'
    const content = data.content
    if (typeof content !== 'string') throw sdkError(47001, `${api}:fail data format error: content is required`)
    if (content.length > 2500) throw sdkError(87014, `${api}:fail content too long (max 2500 chars)`)
    const hit = blockedWords.find((w) => w && content.includes(w))
    if (data.version !== 2) {
      // v1: risky content rejects with 87014
      if (hit) throw sdkError(87014, `${api}:fail risky content`)
      return { errCode: 0, errMsg: `${api}:ok` }
    }
    if (typeof data.openid !== 'string' || !data.openid) throw sdkError(40003, `${api}:fail invalid openid`)
    if (![1, 2, 3, 4].includes(Number(data.scene))) throw sdkError(40129, `${api}:fail invalid scene`)
    const suggest = hit ? 'risky' : 'pass'
    const label = hit ? LABEL_OTHER : LABEL_NORMAL
    return {
      errCode: 0,
      errMsg: `${api}:ok`,
      result: { suggest, label },
      detail: [
        { strategy: 'content_model', errcode: 0, suggest, label, prob: hit ? 90 : 0 },
        hit ? { strategy: 'keyword', errcode: 0, suggest, label, level: 20, keyword: hit } : null,
      ].filter(Boolean),
      traceId: `local-${Date.now().toString(36)}`,
    }
  }
}

/** Per-type value limits WeChat enforces on subscribe message data (47003 otherwise). */
const FIELD_LIMITS: Array<[RegExp, number]> = [
  [/^thing\d+$/, 20],
  [/^phrase\d+$/, 5],
  [/^name\d+$/, 10],
  [/^number\d+$/, 32],
  [/^character_string\d+$/, 32],
  [/^letter\d+$/, 32],
  [/^symbol\d+$/, 5],
]

export function subscribeMessageSend(host: OpenApiHost): Api {
  return async (data) => {
    const api = 'openapi.subscribeMessage.send'
    const templateId = data.templateId ?? data.template_id
    if (typeof data.touser !== 'string' || !data.touser) throw sdkError(40003, `${api}:fail invalid openid`)
    if (typeof templateId !== 'string' || !templateId) throw sdkError(40037, `${api}:fail invalid template_id`)
    const fields = data.data
    if (!fields || typeof fields !== 'object') throw sdkError(47003, `${api}:fail argument invalid! data is empty`)
    for (const [key, v] of Object.entries(fields as Record<string, unknown>)) {
      const value = (v as { value?: unknown } | null)?.value
      if (typeof value !== 'string' && typeof value !== 'number') {
        throw sdkError(47003, `${api}:fail argument invalid! data.${key}.value is empty`)
      }
      const limit = FIELD_LIMITS.find(([re]) => re.test(key))?.[1]
      if (limit !== undefined && String(value).length > limit) {
        throw sdkError(47003, `${api}:fail argument invalid! data.${key}.value exceeds ${limit} characters`)
      }
    }
    await host.rpc('outbox', {
      touser: data.touser,
      templateId,
      page: data.page ?? null,
      data: fields,
      miniprogramState: data.miniprogramState ?? 'formal',
      lang: data.lang ?? 'zh_CN',
      from: host.openid(),
      sentAt: new Date().toISOString(),
    })
    return { errCode: 0, errMsg: `${api}:ok` }
  }
}

/**
 * 手机号快速验证: the local cloud has no WeChat accounts, so the number "bound to" a caller's WeChat is derived from
 * their openid (the same persona always gets the same number, a 139 mobile). A code is single use, like the
 * platform's: the second exchange of one code fails with 40163 (until the local cloud restarts).
 */
export function getPhoneNumber(host: OpenApiHost): Api {
  return async (data) => {
    const api = 'openapi.phonenumber.getPhoneNumber'
    const code = data.code
    if (typeof code !== 'string' || !code || code.length > 128) throw sdkError(40029, `${api}:fail invalid code`)
    // the host remembers spent codes across all workers: true the first time a code is seen
    if (!(await host.rpc('phoneCode', code))) throw sdkError(40163, `${api}:fail code been used`)
    const phone = localPhoneOf(host.openid())
    return {
      errCode: 0,
      errMsg: `${api}:ok`,
      phoneInfo: {
        phoneNumber: phone,
        purePhoneNumber: phone,
        countryCode: '86',
        watermark: { timestamp: Math.floor(Date.now() / 1000), appid: 'local' },
      },
    }
  }
}

/** The number the local cloud's WeChat has for an openid: 139 and eight digits of its hash. */
export function localPhoneOf(openid: string): string {
  const digits = createHash('sha256').update(openid).digest().subarray(0, 8)
  return `139${[...digits].map((b) => b % 10).join('')}`
}

/** What a `scene` may hold (wxacode.getUnlimited): at most 32 of these characters. */
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/
const PAGE = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/

/**
 * 小程序码 (wxacode.getUnlimited): the local cloud has no WeChat to scan with, so the code it draws is a real QR
 * code of what opening the mini-program code would open in the h5 twin: `<local cloud>/#/<page>?scene=<scene>`
 * (URL-encoded, as the platform hands `scene` to the page). A phone-sized browser can follow it. Refuses what
 * the platform refuses: a scene over 32 characters or with other characters (40169), a page with a leading
 * `/` or a query (41030), a width outside 280–1280 (40097), an unknown env_version (40097).
 */
export function getUnlimited(host: OpenApiHost): Api {
  return async (data) => {
    const api = 'openapi.wxacode.getUnlimited'
    const scene = data.scene
    if (typeof scene !== 'string' || !SCENE.test(scene)) throw sdkError(40169, `${api}:fail invalid length for scene`)
    const page = data.page ?? 'pages/index/index'
    if (typeof page !== 'string' || !PAGE.test(page)) throw sdkError(41030, `${api}:fail invalid page hint`)
    const width = data.width ?? 430
    if (typeof width !== 'number' || width < 280 || width > 1280) throw sdkError(40097, `${api}:fail invalid width`)
    const envVersion = data.env_version ?? 'release'
    if (!['release', 'trial', 'develop'].includes(envVersion as string)) {
      throw sdkError(40097, `${api}:fail invalid env_version`)
    }
    const opens = `${host.appUrl()}/#/${page}?scene=${encodeURIComponent(scene)}`
    const buffer = await QRCode.toBuffer(opens, { type: 'png', width, margin: 2, errorCorrectionLevel: 'M' })
    return { errCode: 0, errMsg: `${api}:ok`, contentType: 'image/png', buffer }
  }
}

/**
 * security.mediaCheckAsync (v2): checks the request as the platform does (media_url, media_type 1 audio / 2 image,
 * version 2 with openid and scene 1–4) and answers at once with a trace id; the verdict comes later as the
 * wxa_media_check event, which the local cloud decides (by its word and hash lists) and delivers
 * (emulator/open/media-check.ts).
 */
export function mediaCheckAsync(host: OpenApiHost): Api {
  return async (data) => {
    const api = 'openapi.security.mediaCheckAsync'
    const mediaUrl = data.media_url ?? data.mediaUrl
    const mediaType = Number(data.media_type ?? data.mediaType)
    if (typeof mediaUrl !== 'string' || !/^https?:\/\//.test(mediaUrl))
      throw sdkError(47001, `${api}:fail invalid media_url`)
    if (mediaType !== 1 && mediaType !== 2) throw sdkError(47001, `${api}:fail invalid media_type`)
    if (data.version !== 2) throw sdkError(47001, `${api}:fail only version 2 is emulated`)
    if (typeof data.openid !== 'string' || !data.openid) throw sdkError(40003, `${api}:fail invalid openid`)
    if (![1, 2, 3, 4].includes(Number(data.scene))) throw sdkError(40129, `${api}:fail invalid scene`)
    const traceId = (await host.rpc('mediaCheck', {
      mediaUrl,
      mediaType,
      openid: data.openid,
      scene: Number(data.scene),
    })) as string
    // wx-server-sdk hands openapi answers back in camelCase (trace_id → traceId)
    return { errCode: 0, errMsg: `${api}:ok`, traceId }
  }
}

/** `cloud.openapi` look-alike: any namespace path, callable; unknown APIs fail loudly. Also callable as openapi(opts). */
export function makeOpenApi(host: OpenApiHost): unknown {
  const apis: Record<string, Api> = {
    'security.msgSecCheck': msgSecCheck(host.blockedWords),
    'security.mediaCheckAsync': mediaCheckAsync(host),
    'subscribeMessage.send': subscribeMessageSend(host),
    'phonenumber.getPhoneNumber': getPhoneNumber(host),
    'wxacode.getUnlimited': getUnlimited(host),
  }
  const node = (path: string[]): unknown =>
    new Proxy(function () {}, {
      get: (_t, key) => (typeof key === 'string' ? node([...path, key]) : undefined),
      apply: (_t, _this, args: unknown[]) => {
        if (path.length === 0) return node([]) // cloud.openapi({ appid }) for cross-account calls
        const name = path.join('.')
        const api = apis[name]
        if (!api) {
          return Promise.reject(
            sdkError(
              -1,
              `openapi.${name}:fail the local cloud does not emulate cloud.openapi.${name} ` +
                `(emulated: ${Object.keys(apis).join(', ')})`,
            ),
          )
        }
        return api((args[0] ?? {}) as Record<string, unknown>)
      },
    })
  return node([])
}

/** `cloud.getOpenData({list})` resolving CloudIDs minted by the local cloud (mintCloudID / POST /local/cloudid). */
export function makeGetOpenData(host: OpenApiHost) {
  return async (options: { list?: unknown }): Promise<unknown> => {
    if (!options || !Array.isArray(options.list)) throw sdkError(-1, 'getOpenData:fail list must be an array')
    const list = (await host.rpc('openData', options.list)) as unknown[]
    return { list, errMsg: 'getOpenData:ok', errCode: 0 }
  }
}
