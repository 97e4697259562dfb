/**
 * requests.subscribe: the caller accepted one request message (wx.requestSubscribeMessage for REQUEST_TEMPLATE). Any
 * registered person: a handler told of new requests often lives elsewhere (a department's, the street's staff), so no
 * home is asked for; the subscription's home copy is the caller's home or empty (it is found by person, never by
 * home: cloudfunctions/requests/tell.ts).
 */
import { subscriptionId } from '../../../core/ids'
import { REQUEST_TEMPLATE } from '../../../core/requests/messages'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'

export const subscribe: Action<'requests', 'subscribe'> = {
  async handle({ caller, data }) {
    const person = caller.person
    if (!person || !caller.openid) throw new AppError('NOT_REGISTERED')
    const remaining = await data.subscriptions.subscribe(
      {
        _id: subscriptionId(person._id, REQUEST_TEMPLATE.id),
        personId: person._id,
        homePath: person.homePath ?? '',
        templateId: REQUEST_TEMPLATE.id,
      },
      new Date(),
    )
    return { remaining }
  },
}
