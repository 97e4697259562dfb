/** A failed load inside a card: the Chinese message and 重试, leaving the rest of the page in place. */
import { Text, View } from '@tarojs/components'
import { Button } from '../ui'

export function InlineError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <View className='manage-inline-error'>
      <Text className='manage-error'>{message}</Text>
      <Button size='small' fill='outline' type='primary' onClick={onRetry}>
        重试
      </Button>
    </View>
  )
}
