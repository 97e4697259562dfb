/**
 * 首页 in one call (grid.home): loaded on mount, on pull-down or 重试, and whenever the session changes (left the
 * household, deleted, another persona), so the tab page never shows the person as they were. Each answer also
 * carries the 通知 badge's count (services/notices takes it from there, without a call of its own).
 */
import { useEffect } from 'react'
import { getHome, type HomeResult } from '../services/grid'
import { takeHomeBadge } from '../services/notices'
import { onSessionChange } from '../services/session'
import { useRemote, type Remote } from './use-remote'

export function useHome(): { state: Remote<HomeResult>; reload: () => Promise<void> } {
  const remote = useRemote(getHome)
  const { state, reload } = remote
  useEffect(() => onSessionChange(() => void reload()), [reload])
  useEffect(() => {
    if (state.status === 'ok') takeHomeBadge()
  }, [state])
  return remote
}
