/** 我的 → 我包联的: shown only to someone on a care team (四包一), from what 我的 already loaded (careLinks). */
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { pageUrl } from '../routes'
import { Cell, CellGroup } from '../ui/nutui'

export function CareMineLink({ shown }: { shown: boolean }) {
  if (!shown) return null
  return (
    <View className='me-section'>
      <CellGroup title='关爱包联'>
        <Cell
          className='care-mine-link'
          title='我包联的关爱对象'
          description='每天探访打卡，看谁今天还没探访'
          extra='›'
          clickable
          onClick={() => void Taro.navigateTo({ url: pageUrl('careMine') })}
        />
      </CellGroup>
    </View>
  )
}
