/**
 * Tab pages other than 通知 keep the 通知 tab's unread badge right when they show: a count fetched while a
 * non-tab page was on top (the tab bar refuses it then) is put up now. The count itself is fetched when the app
 * shows (app.ts), when 通知 loads its feed, and after a notice is opened or acknowledged.
 */
import { useDidShow } from '@tarojs/taro'
import { reapplyNoticeBadge } from '../services/notices'

export function useNoticeBadge(): void {
  useDidShow(() => reapplyNoticeBadge())
}
