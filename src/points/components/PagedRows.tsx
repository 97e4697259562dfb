/**
 * The two halves of a paged list page (useListPage): `listState` — what stands in for the list before it can be
 * shown (加载中, the failure with 重试, the page's empty state) — and `PagedRows`, the rows with their foot
 * (加载更多, the failure of a later page, or the end).
 */
import type { ReactNode } from 'react'
import { ChunkedList } from '../../components/ChunkedList'
import { ErrorState, LoadingState } from '../../components/PageState'
import { ServiceError } from '../../services/errors'
import type { PagesStatus } from '../use-pages'
import { MoreFooter } from './MoreFooter'

interface ListView<T> {
  rows: T[]
  page: number
  more: boolean
  status: PagesStatus
  error: string
  load: (page: number) => Promise<void>
  reload: () => Promise<void>
}

/**
 * The state shown instead of the list, or null when the list is to be shown. `shown`: something read with the
 * list is on the page already (a wallet's balance, a record's totals), which a reload or a failure leaves in place;
 * `empty`: what an empty list shows instead (without it, the page says so among its rows).
 */
export function listState<T>(list: ListView<T>, opts: { shown?: boolean; empty?: ReactNode } = {}): ReactNode | null {
  if (list.status === 'loading' && !opts.shown) return <LoadingState />
  if (list.status === 'error' && !opts.shown && !list.rows.length)
    return <ErrorState error={new ServiceError('INTERNAL', list.error)} onRetry={() => void list.reload()} />
  if (opts.empty && !list.rows.length) return opts.empty
  return null
}

export interface PagedRowsProps<T> {
  list: ListView<T>
  keyOf: (row: T) => string
  children: (row: T) => ReactNode
  /** Said at the end of a non-empty list. */
  end?: string
  /** Class of the 加载更多 button. */
  moreClass?: string
}

export function PagedRows<T>({ list, keyOf, children, end, moreClass }: PagedRowsProps<T>) {
  return (
    <>
      <ChunkedList rows={list.rows} keyOf={keyOf}>
        {children}
      </ChunkedList>
      <MoreFooter
        status={list.status}
        more={list.more}
        error={list.error}
        onMore={() => void list.load(list.rows.length ? list.page + 1 : 0)}
        end={end}
        className={moreClass}
      />
    </>
  )
}
