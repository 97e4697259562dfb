/** Shown when the signed-in person holds no role this leader page is for. */
import { View } from '@tarojs/components'
import { EmptyMark } from '../../components/PageState'
import { Empty } from '../ui'

export function NoAccess({ what }: { what: string }) {
  return (
    <View className='page-state manage-no-access'>
      <Empty
        image={<EmptyMark glyph='管' />}
        title={`没有${what}权限`}
        description={`${what}只对相应的网格干部开放。`}
      />
    </View>
  )
}
