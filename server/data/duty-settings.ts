/**
 * `dutySettings`: one document per community that set its points per hour of duty (_id = the community's id,
 * core/ids.ts dutySettingsId). Read by id; written by duty.updateSettings.
 */
import type { DutySettingsDoc } from '../../core/model'
import type { Database } from '../cloud'
import { first } from './query'

export interface DutySettings {
  get(communityId: string): Promise<DutySettingsDoc | null>
  put(doc: DutySettingsDoc): Promise<void>
}

export function dutySettings(db: Database): DutySettings {
  const col = () => db.collection('dutySettings')
  return {
    get: (id) => first<DutySettingsDoc>(col().where({ _id: id })),
    async put({ _id, ...rest }) {
      await col().doc(_id).set({ data: rest })
    },
  }
}
