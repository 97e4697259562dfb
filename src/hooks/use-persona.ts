/**
 * h5 only: a page that needs an identity sends a visitor without a chosen persona to the 本地演示 picker.
 * In weapp the condition is false at build time, so this is a no-op there.
 */
import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { currentPersona, PERSONA_PAGE } from '../services/session'

export function usePersonaReady(): boolean {
  const missing = process.env.TARO_ENV === 'h5' && !currentPersona()
  useEffect(() => {
    if (missing) void Taro.reLaunch({ url: PERSONA_PAGE })
  }, [missing])
  return !missing
}
