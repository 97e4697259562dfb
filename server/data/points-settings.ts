/**
 * `pointsSettings`: one document per community that changed its volunteering rules (_id = the community's id).
 * Read by id; written in the transaction of points.updateRules, beside its audit entry, and by a deletion's renaming
 * of who last changed them (index updatedBy_1).
 */
import type { PointsSettingsDoc } from '../../core/model'
import type { Database } from '../cloud'
import { first } from './query'

export interface PointsSettings {
  /** The community's stored rules, or null when it lives by the defaults. */
  get(communityId: string): Promise<PointsSettingsDoc | null>
  /** A deleted person's name off the rules they last changed (privacy; one document per community at most, index
   * updatedBy_1). */
  renameStaff(personId: string, name: string): Promise<void>
}

export function pointsSettings(db: Database): PointsSettings {
  const col = () => db.collection('pointsSettings')
  return {
    get: (communityId) => first<PointsSettingsDoc>(col().where({ _id: communityId })),
    async renameStaff(personId, name) {
      await col()
        .where({ updatedBy: personId })
        .update({ data: { updatedByName: name } })
    },
  }
}
