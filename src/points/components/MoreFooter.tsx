/** The foot of a paged list: 加载更多 while pages are left, the failure with 重试, or that this is all. */
import { Text, View } from '@tarojs/components'
import { Button } from '../../ui/nutui'
import type { PagesStatus } from '../use-pages'

export interface MoreFooterProps {
  status: PagesStatus
  more: boolean
  error: string
  /** Loads the next page (or retries the failed one). */
  onMore: () => void
  /** Said at the end of a non-empty list. */
  end?: string
  className?: string
}

export function MoreFooter({ status, more, error, onMore, end, className }: MoreFooterProps) {
  if (status === 'error')
    return (
      <View className='points-more' onClick={onMore}>
        <Text className='points-error'>{error}，点此重试</Text>
      </View>
    )
  if (more || status === 'more')
    return (
      <View className='points-more'>
        <Button
          className={className ?? 'points-more__button'}
          fill='outline'
          type='primary'
          block
          disabled={status === 'more'}
          onClick={onMore}
        >
          {status === 'more' ? '加载中…' : '加载更多'}
        </Button>
      </View>
    )
  return end ? <Text className='points-hint points-end'>{end}</Text> : null
}
