/** requests.report: a resident (or a leader, a department, a merchant, for a place in their scope) reports a request. */
import type { Action } from '../../../server/router'
import { fileRequest } from '../report'

export const report: Action<'requests', 'report'> = {
  handle: ({ payload, caller, data }) => fileRequest(data, caller, payload),
}
