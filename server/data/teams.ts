/** `teams`: volunteer teams (志愿服务队). Index: communityId_1_minutes_-1 (a community's teams, most hours first). */
import type { TeamDoc } from '../../core/model'
import type { Database } from '../cloud'
import { allIn, first, rows } from './query'

export interface Teams {
  get(id: string): Promise<TeamDoc | null>
  byIds(ids: readonly string[]): Promise<TeamDoc[]>
  add(doc: TeamDoc): Promise<void>
  ofCommunity(communityId: string, skip: number, limit: number): Promise<TeamDoc[]>
}

export function teams(db: Database): Teams {
  const _ = db.command
  const col = () => db.collection('teams')
  return {
    get: (id) => first<TeamDoc>(col().where({ _id: id })),
    byIds: (ids) => allIn<TeamDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
    async add({ _id, ...data }) {
      await col().doc(_id).set({ data })
    },
    ofCommunity: (communityId, skip, limit) =>
      rows<TeamDoc>(
        col().where({ communityId }).orderBy('minutes', 'desc').orderBy('_id', 'asc').skip(skip).limit(limit),
      ),
  }
}
