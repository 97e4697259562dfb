/**
 * Households that have pressed 收到 on the demo's notices (数据看板's and 通知触达's reach): for every notice asking
 * 收到 over 和平里社区, two of every three households of its third and fourth grids (no persona lives or leads there, so
 * every persona's own 收到 is still to press and every test's notice counts from nothing) with a signed-up member,
 * that member having pressed it a few minutes after the notice went out. Written as the ledger writes a 收到
 * (server/reach-ledger.ts): the household's receipt, the member's ack, and one shard per unit above the household
 * (reachCounters, core/notices/reach.ts countedUnits / shardOf); the dashboard's unitStats are then recounted from the
 * receipts with everything else (emulator/seed/dashboard.ts), so 通知触达's 已触达 and the dashboard's 触达住户 agree.
 */
import { ackId, reachCounterId, receiptId } from '../../core/ids'
import type { AckDoc, NoticeDoc, PersonDoc, ReachCounterDoc, ReceiptDoc } from '../../core/model'
import { countedUnits, shardOf } from '../../core/notices/reach'
import { ancestorAt, isWithin, type Unit } from '../../core/units'

/** The grids of the first community whose households have answered (by their names in it). */
export const ANSWERED_GRIDS = ['第3网格', '第4网格']
const MINUTE = 60_000

export function seedReceipts({
  units,
  people,
  notices,
  // to the 10 minutes, as the isolation seed: two builds in the same ten minutes give the same documents
  now = new Date(Math.floor(Date.now() / (10 * MINUTE)) * 10 * MINUTE),
}: {
  units: readonly Unit[]
  people: readonly PersonDoc[]
  notices: readonly NoticeDoc[]
  now?: Date
}): { receipts: ReceiptDoc[]; acks: AckDoc[]; reachCounters: ReachCounterDoc[] } {
  const community = units.find((u) => u.level === 'community') as Unit
  const grids = units.filter(
    (u) => u.level === 'grid' && u.parentId === community._id && ANSWERED_GRIDS.includes(u.name),
  )
  const households = units.filter((u) => u.level === 'household' && grids.some((g) => isWithin(u.path, g.path)))
  const signedUp = new Map<string, PersonDoc>()
  for (const p of people) if (p.openid && p.householdId && !signedUp.has(p.householdId)) signedUp.set(p.householdId, p)
  const receipts: ReceiptDoc[] = []
  const acks: AckDoc[] = []
  const shards = new Map<string, ReachCounterDoc>()
  for (const n of notices) {
    if (!n.ackRequired || !n.unitPaths.some((p) => isWithin(community.path, p) || isWithin(p, community.path))) continue
    const published = +new Date(n.publishedAt)
    households
      .filter((h) => signedUp.has(h._id))
      .forEach((h, i) => {
        if (i % 3 === 2) return
        if (!n.unitPaths.some((p) => isWithin(h.path, p))) return
        const member = signedUp.get(h._id) as PersonDoc
        // a few minutes after it went out, never later than now (the demo may start just after it)
        const at = new Date(Math.max(published, Math.min(published + (5 + (i % 20)) * MINUTE, +now - MINUTE)))
        receipts.push({
          _id: receiptId(n._id, h._id),
          noticeId: n._id,
          householdId: h._id,
          microgridId: h.parentId as string,
          gridId: ancestorAt(h.path, 'grid') as string,
          via: 'ack',
          by: member._id,
          at,
        })
        acks.push({ _id: ackId(n._id, member._id), noticeId: n._id, personId: member._id, readAt: at, ackedAt: at })
        const shard = shardOf(h._id)
        for (const { unitId, level } of countedUnits(h.path)) {
          const id = reachCounterId(n._id, unitId, shard)
          const held = shards.get(id)
          if (held) held.reached++
          else shards.set(id, { _id: id, noticeId: n._id, unitId, level, shard, reached: 1 })
        }
      })
  }
  return { receipts, acks, reachCounters: [...shards.values()] }
}
