/**
 * Counting the 收到 a batched notice kept (core/notices/counting.ts): the `countAcks` timer of the notices function.
 *
 * A 收到 of a community's or street's notice is the person's ack with `uncounted` and their household on it (one
 * write in the flash crowd, server/data/acks.ts markAcked); so is the first reading of one that asks for no 收到
 * (reading reaches the household: markRead). Here, a page at a time: the page's households by notice (a household
 * answered by three members is counted once, for the first of them on the page, at that 收到's time), their
 * receipts read in one query (most of a crowd are later members of a household already reached), their units in
 * one (the fresh path: a household moved since its 收到 counts where it is now), the notices in one; then THE
 * LEDGER RULE (server/reach-ledger.ts recordReach) for every household not yet reached, one lane per reach shard at
 * once (lanes never share a document); then the page's marks go.
 *
 * Crash-safe without a cursor: a firing killed before the marks went counts the same page again, and the ledger's
 * create-only receipt makes that count nothing twice. A household or notice that no longer exists (deleted,
 * anonymised), is retired, or is no longer in the notice's audience has nothing to count: its marks go. Any other
 * failure ends the firing with the page's marks in place, for the next firing to try again.
 */
import { COUNT_BUDGET_MS, COUNT_PAGE } from '../core/notices/counting'
import { receiptId } from '../core/ids'
import { addressedTo } from '../core/notices/audience'
import { shardOf } from '../core/notices/reach'
import type { AckDoc } from '../core/model'
import type { Data } from './data'
import { recordReach } from './reach-ledger'
import { byId } from './views'

export interface CountRun {
  /** 收到 whose marks went this run */
  acks: number
  /** households this run reached (receipts written) */
  households: number
  /** true when 收到 are left for the next firing (the budget ran out, or a page failed) */
  left: boolean
}

interface Group {
  noticeId: string
  householdId: string
  /** the household's earliest 收到 of the page: its receipt names this person and time */
  first: AckDoc
}

const answeredAt = (a: AckDoc): Date => new Date(a.ackedAt ?? a.readAt)

function groupsOf(page: readonly AckDoc[]): Group[] {
  const out = new Map<string, Group>()
  for (const ack of page) {
    if (!ack.householdId) continue
    const key = receiptId(ack.noticeId, ack.householdId)
    const had = out.get(key)
    if (!had || answeredAt(ack) < answeredAt(had.first))
      out.set(key, { noticeId: ack.noticeId, householdId: ack.householdId, first: ack })
  }
  return [...out.values()]
}

/**
 * Runs `work` over the groups in one lane per reach shard (core/notices/reach.ts shardOf), the lanes at once: a
 * household moves only its own shard of every counter above it, so two lanes never meet on a document and run
 * without conflicts; within a lane, one household after another.
 */
async function byShard(groups: readonly Group[], work: (g: Group) => Promise<void>): Promise<void> {
  const lanes = new Map<number, Group[]>()
  for (const g of groups) {
    const shard = shardOf(g.householdId)
    lanes.set(shard, [...(lanes.get(shard) ?? []), g])
  }
  await Promise.all(
    [...lanes.values()].map(async (lane) => {
      for (const g of lane) await work(g)
    }),
  )
}

/** Counts one page; the number of households it reached. */
async function countPage(data: Data, page: readonly AckDoc[]): Promise<number> {
  const groups = groupsOf(page)
  const [receipts, homes, notices] = await Promise.all([
    data.receipts.byIds(groups.map((g) => receiptId(g.noticeId, g.householdId))),
    data.units.byIds([...new Set(groups.map((g) => g.householdId))]),
    data.notices.byIds([...new Set(groups.map((g) => g.noticeId))]),
  ])
  const reached = new Set(receipts.map((r) => r._id))
  const home = byId(homes)
  const notice = byId(notices)
  let households = 0
  await byShard(groups, async (g) => {
    const household = home.get(g.householdId)
    const n = notice.get(g.noticeId)
    // counted where the household is now, if it is still in the notice's audience (a move since its 收到 may have
    // taken it out)
    if (
      reached.has(receiptId(g.noticeId, g.householdId)) ||
      !n ||
      !household ||
      household.level !== 'household' ||
      household.retired ||
      !addressedTo(n, household.path)
    )
      return
    const outcome = await recordReach(
      data,
      {
        noticeId: g.noticeId,
        household,
        // a 收到, or the reading of a notice without 回执 (its read mark carries the household)
        via: g.first.ackedAt ? 'ack' : 'read',
        by: g.first.personId,
        at: answeredAt(g.first),
        urgent: n.urgency === 'urgent',
      },
      null,
    )
    if (outcome.counted) households++
  })
  return households
}

/**
 * Counts the 收到 waiting, page after page, until none is left or `budgetMs` is spent (a firing has 60 s).
 * `log` hears a page that failed (its marks stay for the next firing).
 */
export async function countAcks(
  data: Data,
  opts: { budgetMs?: number; page?: number; log?: (message: string, error: unknown) => void } = {},
): Promise<CountRun> {
  const started = Date.now()
  const budget = opts.budgetMs ?? COUNT_BUDGET_MS
  const run: CountRun = { acks: 0, households: 0, left: false }
  for (;;) {
    const page = await data.acks.uncounted(opts.page ?? COUNT_PAGE)
    if (page.length === 0) return run
    try {
      run.households += await countPage(data, page)
    } catch (error) {
      opts.log?.('[countAcks] a page failed; its acks stay marked for the next firing', error)
      return { ...run, left: true }
    }
    await data.acks.markCounted(page.map((a) => a._id))
    run.acks += page.length
    if (Date.now() - started > budget) return { ...run, left: true }
  }
}
