/**
 * h5 only: a page that needs an identity sends a visitor without a chosen persona to the 本地演示 picker.
 * In weapp the condition is false at build time, so this is a no-op there.
 */
import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { PERSONA_PAGE } from '../routes'
import { currentPersona } from '../services/session'

export function usePersonaReady(): boolean {
  const missing = process.env.TARO_ENV === 'h5' && !currentPersona()
  useEffect(() => {
    // Come back here after picking: an invite link (#/pages/join/index?token=…) must survive the detour.
    if (missing)
      void Taro.reLaunch({ url: `${PERSONA_PAGE}?next=${encodeURIComponent(window.location.hash.slice(1))}` })
  }, [missing])
  return !missing
}
