/** The states every data page shares: loading, an error with its Chinese message, and not yet joined. */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Empty, Loading } from '../ui/nutui'
import type { ServiceError } from '../services/errors'
import { PERSONA_PAGE } from '../routes'
import './PageState.css'

/** A local picture for Empty: NutUI's default images live on a remote host the app must not depend on. */
export function EmptyMark({ glyph }: { glyph: string }) {
  return (
    <View className='empty-mark'>
      <Text className='empty-mark__glyph'>{glyph}</Text>
    </View>
  )
}

export function LoadingState() {
  return (
    <View className='page-state page-state--loading'>
      <Loading type='circular'>加载中…</Loading>
    </View>
  )
}

export function ErrorState({ error, onRetry }: { error: ServiceError; onRetry: () => void }) {
  return (
    <View className='page-state page-state--error'>
      <Empty image={<EmptyMark glyph='!' />} title='没能加载' description={error.message} />
      <View className='page-state__action'>
        <Button type='primary' onClick={onRetry}>
          重试
        </Button>
      </View>
    </View>
  )
}

export function NotJoinedState() {
  return (
    <View className='page-state page-state--not-joined'>
      <Empty
        image={<EmptyMark glyph='户' />}
        title='你还没有加入网格'
        description='请在你所在网格的微信群里，打开网格长或楼栋长分享的“加入网格”邀请卡片，确认住址后即可加入。加入后这里会显示你的家庭、网格和三长。'
      />
      {process.env.TARO_ENV === 'h5' ? <SwitchPersonaButton /> : null}
    </View>
  )
}

/** h5 only: back to the 本地演示 persona picker. */
export function SwitchPersonaButton() {
  return (
    <View className='page-state__action'>
      <Button fill='outline' type='primary' onClick={() => void Taro.navigateTo({ url: PERSONA_PAGE })}>
        切换演示身份
      </Button>
    </View>
  )
}
