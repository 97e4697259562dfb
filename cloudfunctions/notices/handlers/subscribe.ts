/**
 * notices.subscribe: the caller accepted one subscribe message (wx.requestSubscribeMessage) of one of the app's
 * templates (core/notices/templates.ts). A template sent to the residents under a unit (notices, activities) needs a
 * home; one sent to named people (a missed care check's chiefs, the morning dispatch's leaders…) does not, so a
 * community or street worker with no home in the tree can take it. Any other template id is refused, nothing kept.
 */
import { subscriptionId } from '../../../core/ids'
import { templateReach } from '../../../core/notices/templates'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'

export const subscribe: Action<'notices', 'subscribe'> = {
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person || !caller.openid) throw new AppError('NOT_REGISTERED')
    const reach = templateReach(payload.templateId)
    if (!reach) throw new AppError('INVALID_PAYLOAD', '没有这种提醒')
    if (reach === 'home' && !person.homePath) throw new AppError('FORBIDDEN')
    // no WeChat identity is copied: a message goes to the person's openid as it is when it is sent
    const remaining = await data.subscriptions.subscribe(
      {
        _id: subscriptionId(person._id, payload.templateId),
        personId: person._id,
        homePath: person.homePath ?? '',
        templateId: payload.templateId,
      },
      new Date(),
    )
    return { remaining }
  },
}
