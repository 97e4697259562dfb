/**
 * Who I am (grid.me) for 我的: what 首页 loaded when it is fresh (services/grid recentMe: no call then), asked
 * afresh on pull-down or 重试, and again whenever the session changes (the person left their household, deleted
 * themselves, or another persona was picked in h5), so a tab page that stays mounted never shows the person as
 * they were.
 */
import { useCallback, useEffect } from 'react'
import { getMe, recentMe, type MeResult } from '../services/grid'
import { onSessionChange } from '../services/session'
import { useRemote, type Remote } from './use-remote'

export function useMe(): { state: Remote<MeResult>; reload: () => Promise<void> } {
  const { state, reload } = useRemote(recentMe)
  useEffect(() => onSessionChange(() => void reload()), [reload])
  // asked afresh first, so that recentMe shares that newest call
  const refresh = useCallback(() => {
    void getMe()
    return reload()
  }, [reload])
  return { state, reload: refresh }
}
