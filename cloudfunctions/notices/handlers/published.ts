/** notices.published (我发布的): the caller's notices, newest first, with households reached so far. */
import type { Action } from '../../../server/router'
import { cardsFor, targetsOf } from '../cards'

export const published: Action<'notices', 'published'> = {
  async handle({ payload, caller, data }) {
    const personId = caller.person?._id
    if (!personId) return { rows: [] }
    const notices = await data.notices.publishedBy(personId, payload.page * payload.pageSize, payload.pageSize)
    const paths = [...new Set(notices.flatMap((n) => n.unitPaths))]
    // households: one count per distinct target; reached: the counters of the published units (never the receipts)
    const [cards, targets, reached, counts] = await Promise.all([
      cardsFor(notices, caller, data),
      targetsOf(notices, data),
      data.reachCounters.totals(new Map(notices.map((n) => [n._id, n.unitIds]))),
      Promise.all(paths.map(async (p) => [p, await data.units.countHouseholdsUnder(p)] as const)),
    ])
    const households = new Map(counts)
    return {
      rows: notices.map((n, i) => ({
        ...cards[i],
        households: n.unitPaths.reduce((sum, p) => sum + (households.get(p) ?? 0), 0),
        reached: reached.get(n._id) ?? 0,
        targets: targets.get(n._id) ?? [],
      })),
    }
  },
}
