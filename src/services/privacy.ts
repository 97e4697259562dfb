/** A person's own data: export it all (PIPL Art. 45) and ask to have it deleted (Art. 47). */
import type { MyData } from '../../core/contract'
import { sessionChanged } from './session'
import { call } from './transport'

export type { MyData } from '../../core/contract'

export const exportMyData = (): Promise<MyData> => call('privacy', 'exportMyData', {})

/** Irreversible: the caller must have confirmed it in the UI first. The session changes (services/session). */
export const requestDeletion = (): Promise<{ deleted: true }> =>
  call('privacy', 'requestDeletion', { confirm: true }).then((r) => (sessionChanged(), r))
