/**
 * The one client transport. weapp: Taro.cloud.callFunction (identity from WeChat). h5: the local cloud's
 * POST /local/call on the same origin, as the persona picked on the 本地演示 page. Either way the caller
 * gets the envelope's data, or a ServiceError carrying its code and Chinese message. Calls that need it carry
 * the group chat the app was opened from as a top-level `group` CloudID (see ./group).
 */
import Taro from '@tarojs/taro'
import { ERROR_MESSAGES, isErrorCode, type Issue } from '../../core/envelope'
import type { ActionName, CallData, FunctionName, Payload, Result } from '../../core/contract'
import { NETWORK_MESSAGE, ServiceError } from './errors'
import { groupField } from './group'
import { currentPersona } from './session'

let cloudReady = false

/** Taro.cloud.init once, with the env chosen at build time (TARO_APP_CLOUD_ENV); '' = the default env. */
export function initCloud(): void {
  if (process.env.TARO_ENV !== 'weapp' || cloudReady) return
  Taro.cloud.init(CLOUD_ENV ? { env: CLOUD_ENV, traceUser: true } : { traceUser: true })
  cloudReady = true
}

export async function call<F extends FunctionName, A extends ActionName<F>>(
  name: F,
  action: A,
  payload: Payload<F, A>,
): Promise<Result<F, A>> {
  initCloud() // weapp: before wx.cloud.CloudID as well as callFunction
  const group = await groupField(name, action)
  const data: CallData<F, A> = group === undefined ? { action, payload } : { action, payload, group }
  const raw = process.env.TARO_ENV === 'h5' ? await callLocal(name, data) : await callCloud(name, data)
  return unwrap(raw) as Result<F, A>
}

async function callCloud(name: string, data: unknown): Promise<unknown> {
  initCloud()
  try {
    const res = await Taro.cloud.callFunction({ name, data: data as TaroGeneral.IAnyObject })
    return res.result
  } catch {
    // The function threw, timed out or does not exist: nothing a user can act on but retry.
    throw new ServiceError('INTERNAL', ERROR_MESSAGES.INTERNAL)
  }
}

async function callLocal(name: string, data: unknown): Promise<unknown> {
  const persona = currentPersona()
  if (!persona) throw new ServiceError('NOT_REGISTERED', '请先在本地演示页选择一个身份')
  let body: { result?: unknown; errCode?: number; errMsg?: string }
  try {
    const res = await fetch('/local/call', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, openid: persona.openid, data }),
    })
    body = (await res.json()) as typeof body
  } catch {
    throw new ServiceError('NETWORK', NETWORK_MESSAGE)
  }
  if (body.errCode !== undefined || !('result' in body)) throw new ServiceError('INTERNAL', ERROR_MESSAGES.INTERNAL)
  return body.result
}

/** The envelope's data; a failure (or anything that is not an envelope) as a ServiceError. */
function unwrap(raw: unknown): unknown {
  const env = raw as { ok?: unknown; data?: unknown; code?: unknown; message?: unknown; issues?: unknown } | null
  if (env && env.ok === true) return env.data
  if (env && env.ok === false && isErrorCode(env.code)) {
    const message = typeof env.message === 'string' && env.message ? env.message : ERROR_MESSAGES[env.code]
    throw new ServiceError(env.code, message, Array.isArray(env.issues) ? (env.issues as Issue[]) : [])
  }
  throw new ServiceError('INTERNAL', ERROR_MESSAGES.INTERNAL)
}
