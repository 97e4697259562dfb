/**
 * Who I am (grid.me) for a page that shows it: loaded on mount, and again whenever the session changes (the
 * person left their household, deleted themselves, or another persona was picked in h5), so a tab page that
 * stays mounted never shows the person as they were.
 */
import { useEffect } from 'react'
import { getMe, type MeResult } from '../services/grid'
import { onSessionChange } from '../services/session'
import { useRemote, type Remote } from './use-remote'

export function useMe(): { state: Remote<MeResult>; reload: () => Promise<void> } {
  const remote = useRemote(getMe)
  const { reload } = remote
  useEffect(() => onSessionChange(() => void reload()), [reload])
  return remote
}
