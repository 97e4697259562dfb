/** Loading / data / error state of one service call, reloadable (pull-down refresh, retry button). */
import { useCallback, useEffect, useRef, useState } from 'react'
import { toServiceError, type ServiceError } from '../services/errors'

export type Remote<T> = { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; error: ServiceError }

export function useRemote<T>(load: () => Promise<T>): { state: Remote<T>; reload: () => Promise<void> } {
  const [state, setState] = useState<Remote<T>>({ status: 'loading' })
  const loadRef = useRef(load)
  loadRef.current = load
  // Only the latest call may write: a slow first response must not overwrite a newer one.
  const seq = useRef(0)

  const reload = useCallback(async () => {
    const mine = ++seq.current
    setState((s) => (s.status === 'ok' ? s : { status: 'loading' }))
    try {
      const data = await loadRef.current()
      if (mine === seq.current) setState({ status: 'ok', data })
    } catch (e) {
      if (mine === seq.current) setState({ status: 'error', error: toServiceError(e) })
    }
  }, [])

  useEffect(() => {
    void reload()
  }, [reload])

  return { state, reload }
}
