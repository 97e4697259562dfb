/** grid.home: 首页 in one call — who the caller is (grid.me), their unread notices, a leader's overview, and the
 * emergencies in force over their place (the banner: one query bounded by the caller's paths). */
import { leadingScope } from '../../../core/grid/leading-scope'
import { emergenciesReaching } from '../../../server/emergencies'
import type { Action } from '../../../server/router'
import { homeIds, unreadNotices } from '../../../server/unread-notices'
import { careLinksOf, emergencyLinksOf, whoAmI } from './me'
import { overview } from './overview'

export const home: Action<'grid', 'home'> = {
  async handle(ctx) {
    const { caller, data } = ctx
    const who = await whoAmI.handle(ctx)
    const scope = leadingScope(who.roles)
    // the scope is one of the caller's own grants in force, so grid.overview's permission holds by construction
    const unit = scope ? (caller.units.get(scope.unitId) ?? null) : null
    const now = new Date()
    const [unread, shown, emergencies, links, careLinks] = await Promise.all([
      unreadNotices(data, caller, homeIds(caller), now),
      scope && unit ? overview.handle({ ...ctx, payload: { unitId: unit._id }, target: unit }) : null,
      caller.person ? emergenciesReaching(data, caller, now, true) : [],
      emergencyLinksOf(data, caller, now),
      careLinksOf(data, caller, now),
    ])
    // 我的 reuses this answer: its emergency links are grid.me's, the emergency flag from the banner's own read
    const mine = links ? { emergencyLinks: { ...links, emergency: emergencies.some((e) => e.active) } } : {}
    return {
      ...who,
      ...mine,
      ...(careLinks ? { careLinks } : {}),
      unread,
      leading: scope && shown ? { scope, overview: shown } : null,
      emergencies,
    }
  },
}
