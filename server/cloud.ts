/**
 * The one place that touches wx-server-sdk. Initialised lazily on the first call rather than at import, so
 * a host that sets the function's environment just before invoking it (the local cloud's workers, the
 * real platform) is always what the SDK reads.
 */
import cloud from 'wx-server-sdk'

let inited = false

export function getCloud(): typeof cloud {
  if (!inited) {
    // the environment the function is deployed in; the SDK's types only admit a string, hence the cast
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    inited = true
  }
  return cloud
}

export type Database = ReturnType<typeof cloud.database>

export const getDatabase = (): Database => getCloud().database()

/** The caller's openid, from the platform's context only: never from the event, which the client controls. */
export const callerOpenid = (): string | undefined => getCloud().getWXContext().OPENID || undefined
