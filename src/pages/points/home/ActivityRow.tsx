/** One activity in a list (the 积分 tab, 志愿活动): title, time, place, who may join, and filled / quota per post. */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { pageUrl } from '../../../routes'
import { timeRange, type ActivityCard } from '../../../services/points'
import './ActivityRow.css'

export function ActivityRow({ activity }: { activity: ActivityCard }) {
  return (
    <View
      className='card activity-row'
      onClick={() => void Taro.navigateTo({ url: pageUrl('activity', { id: activity.id }) })}
    >
      <Text className='activity-row__title'>{activity.title}</Text>
      <Text className='activity-row__when'>
        {timeRange(activity.startAt, activity.endAt)} · {activity.place}
      </Text>
      <View className='activity-row__roles'>
        {activity.roles.map((r) => (
          <Text
            key={r.index}
            className={r.filled >= r.quota ? 'activity-row__role activity-row__role--full' : 'activity-row__role'}
          >
            {r.name} {r.filled}/{r.quota}
          </Text>
        ))}
      </View>
      <Text className='activity-row__origin'>
        {activity.origin.startsWith(activity.audience.name)
          ? activity.origin
          : `${activity.audience.name} · ${activity.origin}`}
      </Text>
    </View>
  )
}
