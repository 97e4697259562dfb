/**
 * `pointsSettings`: one document per community that changed its volunteering rules (_id = the community's id).
 * Read by id only (no index); written in the transaction of points.updateRules, beside its audit entry.
 */
import type { PointsSettingsDoc } from '../../core/model'
import type { Database } from '../cloud'
import { first } from './query'

export interface PointsSettings {
  /** The community's stored rules, or null when it lives by the defaults. */
  get(communityId: string): Promise<PointsSettingsDoc | null>
}

export function pointsSettings(db: Database): PointsSettings {
  const col = () => db.collection('pointsSettings')
  return {
    get: (communityId) => first<PointsSettingsDoc>(col().where({ _id: communityId })),
  }
}
