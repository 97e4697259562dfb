/**
 * The h5 twin's navigation bar. Taro's router draws it when the window's navigationStyle is 'default': the
 * page's own navigationBarTitleText; no button on tab pages; 返回 on a sub-page opened from another; 首页 on a
 * sub-page opened directly by link (no history to go back to). Here it gets its size and names for its buttons.
 */
import './H5NavBar.css'

const LABELS: [selector: string, label: string][] = [
  ['.taro-navigation-bar-back', '返回'],
  ['.taro-navigation-bar-home', '回首页'],
]

/** Names the bar's icon buttons (for screen readers and tests); the router creates the bar before the app. */
export function labelH5NavBar(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return
  const bar = document.getElementById('taro-navigation-bar')
  if (!bar) return
  for (const [selector, label] of LABELS) {
    const button = bar.querySelector(selector)
    if (!button) continue
    button.setAttribute('role', 'button')
    button.setAttribute('aria-label', label)
    button.setAttribute('title', label)
  }
}
