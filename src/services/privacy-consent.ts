/**
 * Consent to the privacy guide (core/privacy/guide.ts) before the join page collects anything. weapp: WeChat's
 * own record (getPrivacySetting: does the 用户隐私保护指引 still need agreeing to?) and the version of our guide
 * this WeChat user agreed to, in the app's storage. h5: that version per demo persona in this browser, since
 * each persona stands for a different WeChat user.
 */
import Taro from '@tarojs/taro'
import { PRIVACY_GUIDE } from '../../core/privacy/guide'
import { currentPersona } from './session'

/** The id WeChat checks was tapped when the page answers onNeedPrivacyAuthorization with 'agree'. */
export const AGREE_BUTTON_ID = 'privacy-agree'

const storageKey = (): string =>
  process.env.TARO_ENV === 'h5' ? `wanggetong.privacy.${currentPersona()?.openid ?? ''}` : 'wanggetong.privacy'

/** Whether this person agreed to the guide as it reads now. */
export function agreedToGuide(): boolean {
  try {
    return Taro.getStorageSync(storageKey()) === PRIVACY_GUIDE.version
  } catch {
    return false
  }
}

export function rememberAgreement(): void {
  try {
    Taro.setStorageSync(storageKey(), PRIVACY_GUIDE.version)
  } catch {
    // storage full or unavailable: the guide is shown again next time, which errs on the safe side
  }
}

/** weapp on a base library with the privacy APIs (2.32.3+): agreeing goes through WeChat's own button. */
export const platformHasPrivacyApi = (): boolean =>
  process.env.TARO_ENV === 'weapp' && typeof Taro.getPrivacySetting === 'function'

/** weapp: whether WeChat still asks this user to agree; a failed check counts as yes. false elsewhere. */
export function platformAsksConsent(): Promise<boolean> {
  if (!platformHasPrivacyApi()) return Promise.resolve(false)
  return new Promise((resolve) => {
    Taro.getPrivacySetting({
      success: (r) => resolve(r.needAuthorization),
      fail: () => resolve(true),
    })
  })
}

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void

let asker: ((answer: Resolve) => void) | null = null
let listening = false

/**
 * weapp: when a privacy API or component (the getPhoneNumber button) finds the user has not agreed, WeChat
 * holds it and asks; `ask`, the guide on screen, shows itself and passes the answer back. WeChat keeps one
 * listener for the whole app and has no way to remove it, so it is registered once: with no guide on screen
 * (the join page was left) the held API is refused at once rather than left waiting. Returns the unsubscribe.
 */
export function onPlatformAsks(ask: (answer: Resolve) => void): () => void {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return () => {}
  asker = ask
  if (!listening) {
    listening = true
    Taro.onNeedPrivacyAuthorization((resolve) => {
      if (!asker) return resolve({ event: 'disagree' })
      resolve({ event: 'exposureAuthorization' })
      asker(resolve)
    })
  }
  return () => {
    if (asker === ask) asker = null
  }
}
