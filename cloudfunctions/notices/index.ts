/** The `notices` cloud function: publish, feeds, 收到, relays into grid groups, reach and the unreached, subscribe
 * messages (core/contract/notices.ts), the `deliver` timer that sends those messages in batches, and the `countAcks`
 * timer that counts the 收到 a community's or street's notice kept for it. */
import { createMain, wxPlatform } from '../../server/router'
import { countAcks } from './count-acks'
import { deliver } from './deliver'
import { ack, detail } from './handlers/detail'
import { feed, unreadCount } from './handlers/feed'
import { publish } from './handlers/publish'
import { published } from './handlers/published'
import { reach, remind, unreached, visit } from './handlers/reach'
import { relay, relayInbox } from './handlers/relay'
import { subscribe } from './handlers/subscribe'

export const main = createMain(
  'notices',
  { publish, feed, unreadCount, detail, ack, relay, relayInbox, published, reach, unreached, visit, remind, subscribe },
  wxPlatform,
  { deliver, countAcks },
)
