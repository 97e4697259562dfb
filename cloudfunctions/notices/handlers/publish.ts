/** notices.publish: a leader publishes to units inside their scope; text passes the content check first, and the
 * images must be the leader's own checked uploads (server/uploads.ts), each then sent to the image check (审核中).
 * The checks and the writes are server/notice-publish.ts, shared with the announcements of emergency mode. */
import { publishNotice } from '../../../server/notice-publish'
import type { Action } from '../../../server/router'
import { unitRef } from '../../../server/views'
import { card } from '../cards'

export const publish: Action<'notices', 'publish'> = {
  // the permission table checks the first unit; every other unit is checked by publishNotice
  target: (p) => p.unitIds[0] ?? null,
  async handle({ payload, caller, data }) {
    const { notice, targets } = await publishNotice(data, caller, {
      title: payload.title,
      body: payload.body,
      images: payload.images,
      urgency: payload.urgency,
      ackRequired: payload.ackRequired,
      expiresAt: new Date(payload.expiresAt),
      unitIds: payload.unitIds,
    })
    return { ...card(notice, { read: false, householdReached: false }), targets: targets.map(unitRef) }
  },
}
