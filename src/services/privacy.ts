/** A person's own data: export it all (PIPL Art. 45) and ask to have it deleted (Art. 47). */
import type { MyData } from '../../core/contract'
import { call } from './transport'

export type { MyData } from '../../core/contract'

export const exportMyData = (): Promise<MyData> => call('privacy', 'exportMyData', {})

/** Irreversible: the caller must have confirmed it in the UI first. */
export const requestDeletion = (): Promise<{ deleted: true }> => call('privacy', 'requestDeletion', { confirm: true })
