/** requests.settings: the categories (with labels and limits), departments and calendar in force for a unit. */
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { settingsView } from '../settings-view'

export const settings: Action<'requests', 'settings'> = {
  async handle({ payload, caller, data }) {
    const unit = await data.units.get(payload.unitId)
    if (!unit || unit.retired) throw new AppError('NOT_FOUND')
    return settingsView(data, caller, unit)
  },
}
