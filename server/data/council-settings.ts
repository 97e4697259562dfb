/**
 * `councilSettings`: a grid's council settings (_id = gridId, core/ids.ts councilSettingsId). Read by id; written in
 * a transaction (tx.councilSettings) by council.updateSettings.
 */
import type { CouncilSettingsDoc } from '../../core/model'
import type { Database } from '../cloud'
import { first } from './query'

export interface CouncilSettings {
  get(gridId: string): Promise<CouncilSettingsDoc | null>
}

export function councilSettings(db: Database): CouncilSettings {
  const col = () => db.collection('councilSettings')
  return {
    get: (gridId) => first<CouncilSettingsDoc>(col().where({ _id: gridId })),
  }
}
