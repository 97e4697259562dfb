/** notices.subscribe: the resident accepted one subscribe message (wx.requestSubscribeMessage) for notices. */
import { subscriptionId } from '../../../core/ids'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'

export const subscribe: Action<'notices', 'subscribe'> = {
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person?.homePath || !caller.openid) throw new AppError('FORBIDDEN')
    // no WeChat identity is copied: a message goes to the person's openid as it is when it is sent
    const remaining = await data.subscriptions.subscribe(
      {
        _id: subscriptionId(person._id, payload.templateId),
        personId: person._id,
        homePath: person.homePath,
        templateId: payload.templateId,
      },
      new Date(),
    )
    return { remaining }
  },
}
