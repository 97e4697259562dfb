/**
 * Opening delivery jobs is bounded per firing: who is due is counted range by range (one count per shard range
 * and unit, never one count over the whole audience), and a firing stops opening jobs once a firing's worth of
 * sends is due, so many large notices published at once are opened one firing after another. The deliver timer
 * runs here over a data layer of plain maps that counts what it is asked.
 */
import { deliver, SENDS_PER_FIRING } from '../../../cloudfunctions/notices/deliver'
import type { DeliveryDoc, DeliveryShardDoc, NoticeDoc } from '../../../core/model'
import { DELIVERY_SHARDS } from '../../../core/notices/messages'
import type { Data } from '../../../server/data'

const notice = (id: string): NoticeDoc =>
  ({
    _id: id,
    unitIds: ['s1'],
    unitPaths: ['/s1/'],
    publishedAt: new Date(Date.now() - 60_000),
    expiresAt: new Date(Date.now() + 86_400_000),
  }) as NoticeDoc

/** Jobs, shards and notices in maps; every subscription count answers `perRange` due; no subscriber is found. */
function fakeData(ids: string[], perRange: number) {
  const jobs = new Map<string, DeliveryDoc>(
    ids.map((id, i) => [
      id,
      {
        _id: id,
        noticeId: id,
        status: 'pending',
        unitIndex: 0,
        after: '',
        sent: 0,
        lockedUntil: new Date(0),
        createdAt: new Date(i),
      },
    ]),
  )
  const shards = new Map<string, DeliveryShardDoc>()
  const counts: Array<{ path: string; range?: { lo: string; hi: string } }> = []
  const byStatus = (status: DeliveryDoc['status']) => [...jobs.values()].filter((j) => j.status === status)
  const deliveries: Partial<Data['deliveries']> = {
    pending: async (limit) => byStatus('pending').slice(0, limit),
    sending: async (limit) => byStatus('sending').slice(0, limit),
    get: async (id) => jobs.get(id) ?? null,
    lease: async (id, now, until, status = 'pending') => {
      const j = jobs.get(id)
      if (!j || j.status !== status || +j.lockedUntil > +now) return false
      j.lockedUntil = until
      return true
    },
    save: async (id, patch) => void Object.assign(jobs.get(id) as DeliveryDoc, patch),
    addShard: async (s) => void (shards.has(s._id) || shards.set(s._id, { ...s })),
    freeShards: async (now, limit) =>
      [...shards.values()].filter((s) => s.status === 'pending' && +s.lockedUntil <= +now).slice(0, limit),
    leaseShard: async (id, now, until) => {
      const s = shards.get(id)
      if (!s || s.status !== 'pending' || +s.lockedUntil > +now) return false
      s.lockedUntil = until
      return true
    },
    saveShard: async (id, patch) => void Object.assign(shards.get(id) as DeliveryShardDoc, patch),
    shardsOf: async (noticeId) => [...shards.values()].filter((s) => s.noticeId === noticeId),
  }
  const repos: Record<string, object> = {
    deliveries,
    notices: { get: async (id: string) => notice(id) },
    subscriptions: {
      countDue: async (path: string, _t: string, _since: Date, range?: { lo: string; hi: string }) => {
        counts.push({ path, range })
        return perRange
      },
      under: async () => [],
    },
    people: { byIds: async () => [] },
    acks: { readersAmong: async () => new Set<string>() },
  }
  const data = new Proxy({} as Data, {
    get: (_t, repo) => {
      if (!(String(repo) in repos)) throw new Error(`data.${String(repo)} is not used by the deliver timer`)
      return repos[String(repo)]
    },
  })
  return { data, jobs, counts }
}

it('counts who is due per shard range, and opens no more jobs in a firing once a firing’s worth is due', async () => {
  // three street notices at once, each with more due than one firing sends
  const perRange = Math.ceil(SENDS_PER_FIRING / DELIVERY_SHARDS) + 1
  const { data, jobs, counts } = fakeData(['n1', 'n2', 'n3'], perRange)
  const status = () => [...jobs.values()].map((j) => j.status)

  await deliver({ data, firedAt: new Date() })
  // (nobody is found to send to, so its shards end at once and the job closes in the same firing)
  expect(status()).toEqual(['done', 'pending', 'pending'])
  expect(jobs.get('n1')).toMatchObject({ due: perRange * DELIVERY_SHARDS, shards: DELIVERY_SHARDS })
  // one count per shard range, each bounded to its range; together they cover every id
  expect(counts).toHaveLength(DELIVERY_SHARDS)
  expect(counts.every((c) => c.path === '/s1/' && c.range)).toBe(true)
  expect(counts[0].range?.lo).toBe('')
  expect(counts.map((c) => c.range?.hi).slice(0, -1)).toEqual(counts.map((c) => c.range?.lo).slice(1))

  await deliver({ data, firedAt: new Date() })
  expect(status()).toEqual(['done', 'done', 'pending'])
  await deliver({ data, firedAt: new Date() })
  expect(status()).toEqual(['done', 'done', 'done'])
})

it('small jobs are all opened in one firing, each as one shard', async () => {
  const { data, jobs } = fakeData(['a', 'b', 'c', 'd'], 1)
  await deliver({ data, firedAt: new Date() })
  expect([...jobs.values()].map((j) => [j.status, j.shards])).toEqual([
    ['done', 1],
    ['done', 1],
    ['done', 1],
    ['done', 1],
  ])
})
