/**
 * A list the server pages by cursor (requests.mine, requests.inbox): the first page replaces it, 加载更多 appends the
 * next (rows already shown are skipped, so a request that changed between pages is not shown twice), and only the
 * latest request may write, so a reload while a page loads never mixes two lists.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { toServiceError, type ServiceError } from '../services/errors'

export type CursorListStatus = 'loading' | 'more' | 'ok' | 'error'

export function useCursorList<T>(
  fetchPage: (cursor?: string) => Promise<{ rows: T[]; nextCursor: string | null }>,
  keyOf: (row: T) => string,
) {
  const [rows, setRows] = useState<T[]>([])
  const [status, setStatus] = useState<CursorListStatus>('loading')
  const [error, setError] = useState<ServiceError | null>(null)
  const [next, setNext] = useState<string | null>(null)
  const seq = useRef(0)
  const rowsRef = useRef<T[]>([])
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage

  const load = useCallback(
    async (cursor?: string) => {
      const mine = ++seq.current
      setStatus(cursor ? 'more' : 'loading')
      try {
        const res = await fetchRef.current(cursor)
        if (mine !== seq.current) return
        const shown = new Set(cursor ? rowsRef.current.map(keyOf) : [])
        rowsRef.current = cursor ? [...rowsRef.current, ...res.rows.filter((r) => !shown.has(keyOf(r)))] : res.rows
        setRows(rowsRef.current)
        setNext(res.nextCursor)
        setStatus('ok')
      } catch (e) {
        if (mine !== seq.current) return
        setError(toServiceError(e))
        setStatus('error')
      }
    },
    [keyOf],
  )

  useEffect(() => {
    void load()
  }, [load])

  return {
    rows,
    status,
    error,
    more: next !== null,
    /** the next page; after a failed one, that page again */
    loadMore: () => load(next ?? undefined),
    reload: () => load(),
  }
}
