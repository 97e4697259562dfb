/** Whether 长辈模式 is on, re-rendering when it is switched (src/ui/elder-mode.ts). */
import { useSyncExternalStore } from 'react'
import { elderModeOn, watchElderMode } from '../ui/elder-mode'

export function useElderMode(): boolean {
  return useSyncExternalStore(watchElderMode, elderModeOn, elderModeOn)
}

/** The class a page root carries in 长辈模式 (src/app.css `.elder`, config/postcss-elder.js). */
export const ELDER_CLASS = 'elder'

/** A page root's class names, with the 长辈模式 class when it is on. */
export function useElderClass(className: string): string {
  return useElderMode() ? `${className} ${ELDER_CLASS}` : className
}
