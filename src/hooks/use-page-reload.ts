/**
 * When a page asks its data again, in one place for the pages that do (the 积分 tab, 志愿活动, 积分兑换, 兑换券, …):
 * on pull-down refresh, and — for pages whose figures change elsewhere — each time it is shown again (back from
 * 兑换, 报名 or another tab). The first show is the mount's own load, not asked twice.
 */
import { useRef } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useRemote } from './use-remote'

/** Reloads on pull-down (pages whose config enables it) and, with `onReturn`, when shown again. */
export function usePageReload(reload: () => Promise<unknown>, opts: { onReturn?: boolean } = {}): void {
  const latest = useRef(reload)
  latest.current = reload
  const shown = useRef(false)
  useDidShow(() => {
    if (opts.onReturn && shown.current) void latest.current()
    shown.current = true
  })
  usePullDownRefresh(() => void latest.current().finally(() => Taro.stopPullDownRefresh()))
}

/** One call's data (useRemote), asked again as usePageReload says. */
export function useRemotePage<T>(load: () => Promise<T>, opts: { onReturn?: boolean } = {}) {
  const remote = useRemote(load)
  usePageReload(remote.reload, opts)
  return remote
}
