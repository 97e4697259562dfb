/** requests.detail: one request as the caller may see it, its timeline, and the moves they may make now. */
import type { Action } from '../../../server/router'
import { detailById } from '../detail'

export const detail: Action<'requests', 'detail'> = {
  handle: ({ payload, caller, data }) => detailById(data, caller, payload.id),
}
