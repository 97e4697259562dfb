/**
 * For a WeChat user who has not joined yet: 我有邀请 opens 加入网格 (which reads the invite, or the group chat
 * the app was opened from), and 我的申请 appears once they have claimed a room, with the latest status.
 */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useRemote } from '../hooks/use-remote'
import { pageUrl } from '../routes'
import { getMyClaims } from '../services/join'
import { Button } from '../ui/nutui'
import { ClaimStatusTag } from './ClaimStatusTag'

export function JoinEntry() {
  const { state } = useRemote(getMyClaims)
  const latest = state.status === 'ok' ? state.data[0] : undefined
  return (
    <View className='page-state join-entry'>
      {latest ? (
        <View className='join-entry__latest'>
          <Text className='join-entry__door'>{latest.door}</Text>
          <ClaimStatusTag status={latest.status} />
        </View>
      ) : null}
      <View className='page-state__action'>
        <Button
          className='join-entry__invite'
          type='primary'
          onClick={() => void Taro.navigateTo({ url: pageUrl('join') })}
        >
          我有邀请
        </Button>
        {latest ? (
          <Button
            className='join-entry__claims'
            fill='outline'
            type='primary'
            onClick={() => void Taro.navigateTo({ url: pageUrl('claims') })}
          >
            我的申请
          </Button>
        ) : null}
      </View>
    </View>
  )
}
