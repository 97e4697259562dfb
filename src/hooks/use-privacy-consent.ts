/**
 * The join page's consent: 'checking' while WeChat is asked, 'asking' (show the guide), 'declined', or
 * 'agreed' (the form may collect). Agreeing answers a privacy API WeChat is holding, if any.
 */
import { useEffect, useRef, useState } from 'react'
import {
  AGREE_BUTTON_ID,
  agreedToGuide,
  onPlatformAsks,
  platformAsksConsent,
  rememberAgreement,
} from '../services/privacy-consent'

export type ConsentState = 'checking' | 'asking' | 'declined' | 'agreed'

type Answer = Parameters<Parameters<typeof onPlatformAsks>[0]>[0]

export function usePrivacyConsent() {
  const [state, setState] = useState<ConsentState>('checking')
  const held = useRef<Answer | null>(null)

  useEffect(() => {
    let live = true
    void platformAsksConsent().then((asks) => {
      if (live) setState((s) => (s !== 'checking' ? s : !asks && agreedToGuide() ? 'agreed' : 'asking'))
    })
    const stop = onPlatformAsks((answer) => {
      held.current = answer
      setState('asking')
    })
    return () => {
      live = false
      stop()
      // leaving with WeChat still waiting: it must not wait for ever
      held.current?.({ event: 'disagree' })
      held.current = null
    }
  }, [])

  const agree = () => {
    rememberAgreement()
    held.current?.({ event: 'agree', buttonId: AGREE_BUTTON_ID })
    held.current = null
    setState('agreed')
  }
  const decline = () => {
    held.current?.({ event: 'disagree' })
    held.current = null
    setState('declined')
  }
  return { state, agree, decline, reread: () => setState('asking') }
}
