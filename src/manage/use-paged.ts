/**
 * A list read page by page from a `{ rows, total }` action: page 0 replaces the list, later pages append (rows
 * already shown are skipped when `keyOf` is given), and only the latest request may write, so switching a
 * filter while a page loads never mixes two lists.
 */
import { useCallback, useRef, useState } from 'react'
import { messageOf } from './format'

export type PagedStatus = 'loading' | 'more' | 'ok' | 'error'

export function usePaged<T>(
  fetchPage: (page: number) => Promise<{ rows: T[]; total: number }>,
  keyOf?: (row: T) => string,
) {
  const [rows, setRows] = useState<T[]>([])
  const [total, setTotal] = useState(0)
  const [page, setPage] = useState(0)
  const [status, setStatus] = useState<PagedStatus>('loading')
  const [error, setError] = useState('')
  const seq = useRef(0)

  const load = useCallback(
    async (p: number) => {
      const mine = ++seq.current
      setStatus(p === 0 ? 'loading' : 'more')
      try {
        const res = await fetchPage(p)
        if (mine !== seq.current) return
        setRows((prev) => {
          if (p === 0) return res.rows
          const shown = keyOf ? new Set(prev.map(keyOf)) : null
          return [...prev, ...(shown ? res.rows.filter((r) => !shown.has(keyOf!(r))) : res.rows)]
        })
        setTotal(res.total)
        setPage(p)
        setStatus('ok')
      } catch (e) {
        if (mine !== seq.current) return
        setError(messageOf(e))
        setStatus('error')
      }
    },
    [fetchPage, keyOf],
  )
  return { rows, setRows, total, setTotal, page, status, error, load }
}
