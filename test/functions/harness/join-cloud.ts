/**
 * The `join` function beside `grid`, both freshly bundled and hosted by the local cloud over the demo
 * community (test/functions/harness/functions-cloud.ts), with helpers to call an action as an openid, optionally "opened
 * from group chat X" (a CloudID minted by the local cloud, passed as the top-level `group` field).
 */
import type { ActionName, FunctionName } from '../../../core/contract'
import { cloudIdMarker } from '../../../core/cloud-id'
import type { Envelope } from '../../../core/envelope'
import { buildFunctions } from '../../../scripts/build-functions'
import { startFunctionsCloud, type FunctionsCloud } from './functions-cloud'

export interface JoinCloud extends FunctionsCloud {
  /** Calls `fn.action` as `openid`; `fromGroup` names the openGId of the group chat the app was opened from. */
  act<T = unknown>(
    openid: string,
    fn: FunctionName,
    action: ActionName<FunctionName> | string,
    payload: unknown,
    fromGroup?: string,
  ): Promise<Envelope<T>>
}

export async function startJoinCloud(): Promise<JoinCloud> {
  await buildFunctions(['join'])
  const g = await startFunctionsCloud()
  return Object.assign(g, {
    async act<T>(openid: string, fn: FunctionName, action: string, payload: unknown, fromGroup?: string) {
      const data = {
        action,
        payload,
        ...(fromGroup ? { group: cloudIdMarker(g.cloud.mintCloudID({ openGId: fromGroup })) } : {}),
      }
      return (await g.cloud.callFunction(fn, data, { openid })).result as Envelope<T>
    },
  })
}

export { data, exactly } from './functions-cloud'
