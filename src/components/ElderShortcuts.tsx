/**
 * 长辈模式's first card on 首页: the two things residents come for most, as big buttons before anything else —
 * read the notices, and call the grid chief (or, with no chief, the building head) in one tap (适老化).
 */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { pageUrl } from '../routes'
import type { HeadView } from '../services/grid'
import { Button } from '../ui/nutui'
import './ElderShortcuts.css'

const CALL_ORDER: HeadView['role'][] = ['gridChief', 'buildingHead', 'partyLeader']

export function ElderShortcuts({ heads }: { heads: HeadView[] }) {
  const head = CALL_ORDER.map((role) => heads.find((h) => h.role === role)).find(Boolean)
  return (
    <View className='card elder-shortcuts'>
      <Button
        className='elder-shortcuts__button'
        type='primary'
        block
        onClick={() => void Taro.switchTab({ url: pageUrl('notices') })}
      >
        看通知
      </Button>
      {head ? (
        <Button
          className='elder-shortcuts__button'
          block
          onClick={() => void Taro.makePhoneCall({ phoneNumber: head.phone }).catch(() => undefined)}
        >
          打电话给{head.name}
        </Button>
      ) : (
        <Text className='elder-shortcuts__none'>本网格暂未设三长</Text>
      )}
    </View>
  )
}
