/**
 * A list the server pages: page 0 replaces it, 加载更多 appends the next page (rows already shown are skipped, so a
 * row that moved between pages is not shown twice), and only the latest request may write.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { useReachBottom } from '@tarojs/taro'
import { usePageReload } from '../hooks/use-page-reload'
import { toServiceError } from '../services/errors'

/** What a paged action answers: rows and either `more` or a `total`. */
export interface PageOf<T> {
  rows: T[]
  more?: boolean
  total?: number
}

export type PagesStatus = 'loading' | 'more' | 'ok' | 'error'

export function usePages<T, R extends PageOf<T>>(fetchPage: (page: number) => Promise<R>, keyOf: (row: T) => string) {
  const [rows, setRows] = useState<T[]>([])
  const [last, setLast] = useState<R | null>(null)
  const [page, setPage] = useState(0)
  const [more, setMore] = useState(false)
  const [status, setStatus] = useState<PagesStatus>('loading')
  const [error, setError] = useState('')
  const seq = useRef(0)
  const rowsRef = useRef<T[]>([])
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage

  const load = useCallback(
    async (p: number) => {
      const mine = ++seq.current
      setStatus(p === 0 ? 'loading' : 'more')
      try {
        const res = await fetchRef.current(p)
        if (mine !== seq.current) return
        const shown = new Set(p === 0 ? [] : rowsRef.current.map(keyOf))
        const next = p === 0 ? res.rows : [...rowsRef.current, ...res.rows.filter((r) => !shown.has(keyOf(r)))]
        rowsRef.current = next
        setRows(next)
        setMore(res.more ?? (res.total !== undefined && next.length < res.total))
        setLast(res)
        setPage(p)
        setStatus('ok')
      } catch (e) {
        if (mine !== seq.current) return
        setError(toServiceError(e).message)
        setStatus('error')
      }
    },
    [keyOf],
  )

  useEffect(() => {
    void load(0)
  }, [load])

  /** Puts an updated row in place of the one with its key (an organiser's mark or adjustment). */
  const replace = useCallback(
    (row: T) => {
      rowsRef.current = rowsRef.current.map((r) => (keyOf(r) === keyOf(row) ? row : r))
      setRows(rowsRef.current)
    },
    [keyOf],
  )

  return { rows, last, page, more, status, error, load, replace, reload: () => load(0) }
}

/**
 * A page that is one paged list (志愿活动, 积分兑换, 兑换券, 积分明细, 服务记录): usePages, reloaded on pull-down and,
 * with `onReturn`, when shown again (usePageReload), the next page read when the page reaches its bottom.
 */
export function useListPage<T, R extends PageOf<T>>(
  fetchPage: (page: number) => Promise<R>,
  keyOf: (row: T) => string,
  opts: { onReturn?: boolean } = {},
) {
  const list = usePages(fetchPage, keyOf)
  usePageReload(list.reload, opts)
  useReachBottom(() => {
    if (list.more && list.status === 'ok') void list.load(list.page + 1)
  })
  return list
}
