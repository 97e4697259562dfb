/** grid.home: 首页 in one call — who the caller is (grid.me), their unread notices, and a leader's overview. */
import { leadingScope } from '../../../core/grid/leading-scope'
import type { Action } from '../../../server/router'
import { homeIds, unreadNotices } from '../../../server/unread-notices'
import { me } from './me'
import { overview } from './overview'

export const home: Action<'grid', 'home'> = {
  async handle(ctx) {
    const { caller, data } = ctx
    const who = await me.handle(ctx)
    const scope = leadingScope(who.roles)
    // the scope is one of the caller's own grants in force, so grid.overview's permission holds by construction
    const unit = scope ? (caller.units.get(scope.unitId) ?? null) : null
    const [unread, shown] = await Promise.all([
      unreadNotices(data, caller, homeIds(caller), new Date()),
      scope && unit ? overview.handle({ ...ctx, payload: { unitId: unit._id }, target: unit }) : null,
    ])
    return { ...who, unread, leading: scope && shown ? { scope, overview: shown } : null }
  },
}
