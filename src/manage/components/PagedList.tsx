/**
 * The body of a list read with usePaged: loading, an error with 重试 (the page that failed), an empty message,
 * the rows, and 加载更多 while rows are left (by `total`, or for a list read by cursor, whose total is not known,
 * while `more` says so).
 */
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { ChunkedList } from '../../components/ChunkedList'
import { Button } from '../ui'
import type { PagedStatus } from '../use-paged'
import { InlineError } from './InlineError'

export interface PagedListProps<T> {
  list: {
    rows: T[]
    total: number
    page: number
    status: PagedStatus
    error: string
    load: (page: number) => Promise<void>
    /** A list read by cursor: whether rows follow (then `total` is not used). */
    more?: boolean
  }
  /** Shown when the list is empty. */
  empty: string
  /** Class of the 加载更多 button (the pages' tests and journeys find it by this). */
  moreClass: string
  /** With a counting word (户), 加载更多 says how many are left. */
  countWord?: string
  /** A row's stable key (the chunks key their rows by it; without one, by place). */
  keyOf?: (row: T) => string
  children: (row: T) => ReactNode
}

export function PagedList<T>({ list, empty, moreClass, countWord, keyOf, children }: PagedListProps<T>) {
  const { rows, total, page, status, error, load } = list
  const left = list.more === undefined ? total - rows.length : list.more ? 1 : 0
  const counted = list.more === undefined && countWord
  // What changes beside the rows (the hints, the button) sits in a block of its own: Taro sends a parent's whole
  // child list again when one child goes, and the rows must never be part of that.
  return (
    <>
      <View className='paged-list__state'>
        {status === 'loading' ? <Text className='manage-hint'>加载中…</Text> : null}
        {status === 'error' ? (
          <InlineError message={error} onRetry={() => void load(rows.length ? page + 1 : 0)} />
        ) : null}
        {status === 'ok' && rows.length === 0 ? <Text className='manage-hint'>{empty}</Text> : null}
      </View>
      {status === 'loading' ? null : (
        <ChunkedList rows={rows} keyOf={keyOf}>
          {children}
        </ChunkedList>
      )}
      <View className='paged-list__more'>
        {status !== 'loading' && left > 0 ? (
          <Button
            className={moreClass}
            fill='outline'
            block
            disabled={status === 'more'}
            onClick={() => void load(page + 1)}
          >
            {status === 'more' ? '加载中…' : counted ? `加载更多（还有 ${left} ${countWord}）` : '加载更多'}
          </Button>
        ) : null}
      </View>
    </>
  )
}
