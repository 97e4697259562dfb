/**
 * 长辈模式 (适老化: larger type, bigger tap targets, darker text): a setting of this phone, not of the person,
 * kept in the app's storage so it holds across restarts. Every mounted page follows a change at once (the tab
 * pages stay mounted while 我的 is on top).
 */
import Taro from '@tarojs/taro'

const KEY = 'wanggetong.elderMode'
const ON = '1'

let cached: boolean | null = null
const listeners = new Set<() => void>()

export function elderModeOn(): boolean {
  if (cached === null) {
    try {
      cached = Taro.getStorageSync(KEY) === ON
    } catch {
      cached = false
    }
  }
  return cached
}

export function setElderMode(on: boolean): void {
  cached = on
  try {
    if (on) Taro.setStorageSync(KEY, ON)
    else Taro.removeStorageSync(KEY)
  } catch {
    // storage unavailable: the mode holds until the app closes, and the switch shows it as it is
  }
  listeners.forEach((l) => l())
}

export function watchElderMode(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}
