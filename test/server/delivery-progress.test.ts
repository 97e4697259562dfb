/** deliveryProgress: sent / due from the delivery job and its shards, never from the subscriptions. */
import type { DeliveryDoc, DeliveryShardDoc } from '../../core/model'
import type { Data } from '../../server/data'
import { deliveryProgress } from '../../server/delivery-progress'

const job = (over: Partial<DeliveryDoc>): DeliveryDoc => ({
  _id: 'n1',
  noticeId: 'n1',
  status: 'pending',
  unitIndex: 0,
  after: '',
  sent: 0,
  lockedUntil: new Date(0),
  createdAt: new Date(0),
  ...over,
})
const shard = (i: number, sent: number, skipped: number, status: DeliveryShardDoc['status']): DeliveryShardDoc => ({
  _id: `n1:${i}`,
  noticeId: 'n1',
  status,
  lo: '',
  hi: '',
  unitIndex: 0,
  after: '',
  sent,
  failed: 0,
  skipped,
  lockedUntil: new Date(0),
  createdAt: new Date(0),
})

/** Only the two reads progress may make; anything else (a scan of the subscriptions) throws. */
const dataOver = (doc: DeliveryDoc | null, shards: DeliveryShardDoc[]): Data =>
  new Proxy({} as Data, {
    get: (_t, repo) => {
      if (repo !== 'deliveries') throw new Error(`data.${String(repo)} is not for progress`)
      return { get: async () => doc, shardsOf: async () => shards }
    },
  })

it('while sending: the shards’ sent over the count made when sending began, less who turned out not to need one', async () => {
  const d = dataOver(job({ status: 'sending', due: 100, shards: 2 }), [
    shard(0, 30, 5, 'done'),
    shard(1, 10, 0, 'pending'),
  ])
  expect(await deliveryProgress(d, 'n1')).toEqual({ sent: 40, due: 95, done: false })
})

it('done: sent and due as the job ended', async () => {
  const d = dataOver(job({ status: 'done', due: 50, shards: 2 }), [shard(0, 20, 3, 'done'), shard(1, 27, 0, 'done')])
  expect(await deliveryProgress(d, 'n1')).toEqual({ sent: 47, due: 47, done: true })
})

it('before the first firing opens it: nothing sent, nothing counted yet, not done', async () => {
  expect(await deliveryProgress(dataOver(job({}), []), 'n1')).toEqual({ sent: 0, due: 0, done: false })
})
