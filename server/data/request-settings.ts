/**
 * `requestSettings`: a community's (categories, limits) and a street's (departments, holidays, 调休) settings, one
 * document per unit (core/ids.ts requestSettingsId); a unit without one takes the defaults of
 * core/requests/settings.ts. Written by requests.updateSettings inside its transaction (tx.requestSettings); read here.
 */
import type { RequestSettingsDoc } from '../../core/model'
import type { Database } from '../cloud'
import { allIn, first } from './query'

export interface RequestSettings {
  get(id: string): Promise<RequestSettingsDoc | null>
  /** The settings of these units (those with none are missing). */
  byIds(ids: readonly string[]): Promise<RequestSettingsDoc[]>
}

export function requestSettings(db: Database): RequestSettings {
  const _ = db.command
  const col = () => db.collection('requestSettings')
  return {
    get: (id) => first<RequestSettingsDoc>(col().where({ _id: id })),
    byIds: (ids) => allIn<RequestSettingsDoc>(ids, (slice) => col().where({ _id: _.in(slice) })),
  }
}
