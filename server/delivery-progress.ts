/**
 * How far a notice's subscribe messages have gone (the publisher's reach page): read from the delivery job and
 * its shards (at most DELIVERY_SHARDS + 1 documents), never from the subscriptions.
 * `due` is counted once, when the first firing opens the job (subscribers under the notice's units with a message
 * left who subscribed before it was published), so the figure does not move under the reader while sending;
 * who turns out not to need one (opened it meanwhile, left, had theirs spent elsewhere) is taken off as the
 * shards meet them, so a finished delivery reads sent + refused = due.
 */
import type { Data } from './data'

export async function deliveryProgress(
  data: Data,
  noticeId: string,
): Promise<{ sent: number; due: number; done: boolean }> {
  const job = await data.deliveries.get(noticeId)
  if (!job) return { sent: 0, due: 0, done: true }
  if (job.due === undefined) {
    // not opened yet (within a minute of publishing), or sent before shards existed
    return { sent: job.sent, due: job.status === 'done' ? job.sent : 0, done: job.status === 'done' }
  }
  const shards = await data.deliveries.shardsOf(noticeId)
  const sent = job.sent + shards.reduce((a, s) => a + s.sent, 0)
  const skipped = shards.reduce((a, s) => a + s.skipped, 0)
  return { sent, due: Math.max(sent, job.due - skipped), done: job.status === 'done' }
}
