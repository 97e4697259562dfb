/**
 * A list the server pages by cursor ({ rows, nextCursor }), in the shape PagedList draws: load(0) replaces it,
 * load(n > 0) appends the page after the last one read (rows already shown are skipped), and only the latest
 * request may write, so a filter switched while a page loads never mixes two lists.
 */
import { useCallback, useRef, useState } from 'react'
import { messageOf } from '../format'
import type { PagedStatus } from '../use-paged'

export function useCursorList<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ rows: T[]; nextCursor: string | null }>,
  keyOf: (row: T) => string,
) {
  const [rows, setRows] = useState<T[]>([])
  const [page, setPage] = useState(0)
  const [more, setMore] = useState(false)
  const [status, setStatus] = useState<PagedStatus>('loading')
  const [error, setError] = useState('')
  const seq = useRef(0)
  const next = useRef<string | null>(null)
  const shown = useRef<T[]>([])

  const load = useCallback(
    async (p: number) => {
      const mine = ++seq.current
      setStatus(p === 0 ? 'loading' : 'more')
      try {
        const res = await fetchPage(p === 0 ? undefined : (next.current ?? undefined))
        if (mine !== seq.current) return
        const keys = new Set(p === 0 ? [] : shown.current.map(keyOf))
        shown.current = p === 0 ? res.rows : [...shown.current, ...res.rows.filter((r) => !keys.has(keyOf(r)))]
        next.current = res.nextCursor
        setRows(shown.current)
        setMore(!!res.nextCursor)
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
  return { rows, total: rows.length, page, more, status, error, load }
}
