/** 首页's emergency banner: each emergency in force over my place, its level and name, the pinned instructions (the
 * first lines), and a tap to its 应急须知 page; its notice (通知详情, where 收到 is pressed) with how many households of
 * the scope have received it. What grid.home answers; nothing is asked again. */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { EMERGENCY_LEVEL_LABELS, type EmergencyView } from '../../core/contract/emergency'
import { noticeUrl, pageUrl } from '../routes'
import './EmergencyBanner.css'

/** `emergencies` absent: a grid function deployed before emergency mode answered 首页 (the mini-program and the
 * functions are released apart), which has no emergency to show. */
export function EmergencyBanner({ emergencies }: { emergencies: EmergencyView[] | undefined }) {
  if (!emergencies?.length) return null
  return (
    <View className='emergency-banner'>
      {emergencies.map((e) => (
        <View
          key={e.id}
          className='emergency-banner__item'
          onClick={() => void Taro.navigateTo({ url: pageUrl('emergency', { id: e.id }) })}
        >
          <View className='emergency-banner__head'>
            <Text className='emergency-banner__level'>{EMERGENCY_LEVEL_LABELS[e.level]}</Text>
            <Text className='emergency-banner__name'>{e.name}</Text>
          </View>
          <Text className='emergency-banner__scope'>{e.scope.name}已进入应急状态</Text>
          <Text className='emergency-banner__instructions'>{e.instructions}</Text>
          {e.notice ? (
            <Text
              className='emergency-banner__notice'
              onClick={(ev) => {
                ev.stopPropagation()
                if (e.notice) void Taro.navigateTo({ url: noticeUrl(e.notice.id) })
              }}
            >
              {e.notice.reach ? `已收到通知 ${e.notice.reach.reached} / ${e.notice.reach.households} 户 · ` : ''}
              查看通知 ›
            </Text>
          ) : null}
          <Text className='emergency-banner__more'>查看应急须知 ›</Text>
        </View>
      ))}
    </View>
  )
}
