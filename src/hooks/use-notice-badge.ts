/**
 * Tab pages other than 通知 keep the 通知 tab's unread badge right when they show: a count fetched while a
 * non-tab page was on top (the tab bar refuses it then) is put up now. The count itself is fetched when the app
 * shows (app.ts), when 通知 loads its feed, after a notice is opened or acknowledged, and when the session
 * changes (left the household, deleted, another persona): the old person's count must not stay up.
 */
import { useEffect } from 'react'
import { useDidShow } from '@tarojs/taro'
import { reapplyNoticeBadge } from '../services/notices'
import { onSessionChange } from '../services/session'

export function useNoticeBadge(): void {
  useDidShow(() => reapplyNoticeBadge())
  useEffect(() => onSessionChange(() => reapplyNoticeBadge()), [])
}
