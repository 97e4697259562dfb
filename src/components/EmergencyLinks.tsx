/**
 * 我的's emergency-mode entries: 我的值守, 我的采样时段 and 我的应急力量, each when the person has something there, or all
 * three while an emergency is in force over their place — from what 我的 already loaded (grid.me / grid.home's
 * emergencyLinks), never a call of its own. Nothing at all when none applies (or the function predates the flags).
 */
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { EmergencyLinks as Links } from '../../core/contract'
import { pageUrl, type RouteName } from '../routes'
import { Cell, CellGroup } from '../ui/nutui'

const ENTRIES: { key: keyof Omit<Links, 'emergency'>; page: RouteName; title: string; description: string }[] = [
  { key: 'duty', page: 'dutyMine', title: '我的值守', description: '我报名的卡口班次、签到签退' },
  { key: 'testing', page: 'testingSlot', title: '我的采样时段', description: '我家的采样时间和核验码' },
  { key: 'reserve', page: 'reserveMine', title: '我的应急力量', description: '我的登记和收到的召集' },
]

export function EmergencyLinks({ links }: { links: Links | undefined }) {
  if (!links) return null
  const shown = ENTRIES.filter((e) => links.emergency || links[e.key])
  if (!shown.length) return null
  return (
    <View className='me-section emergency-links'>
      <CellGroup title={links.emergency ? '应急期间' : '应急与值守'}>
        {shown.map((e) => (
          <Cell
            key={e.key}
            className={`emergency-link emergency-link--${e.key}`}
            title={e.title}
            description={e.description}
            extra='›'
            clickable
            onClick={() => void Taro.navigateTo({ url: pageUrl(e.page) })}
          />
        ))}
      </CellGroup>
    </View>
  )
}
