/** What the care pages share: a care person's row (flags, team, today's state, 未探访) and the day as people say it. */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { pageUrl } from '../../routes'
import { CARE_FLAG_LABELS, CARE_SLOT_LABELS, type CareRow, type CareSlot } from '../../services/care'
import './care.css'

/** 12月3日 */
export const dayLabel = (day: string): string => {
  const [, m, d] = day.split('-')
  return `${Number(m)}月${Number(d)}日`
}

export function CareRowView({ row, mySlot, mineToday }: { row: CareRow; mySlot?: CareSlot; mineToday?: boolean }) {
  const open = () => void Taro.navigateTo({ url: pageUrl('carePerson', { id: row.personId }) })
  return (
    <View className='em-row care-row' onClick={open}>
      <View className='care-row__head'>
        <Text className='em-row__title'>{row.name}</Text>
        {row.missedDay ? <Text className='care-badge care-badge--missed'>未探访 {dayLabel(row.missedDay)}</Text> : null}
        <Text className={row.checkedToday ? 'care-badge care-badge--done' : 'care-badge'}>
          {row.checkedToday ? '今日已探访' : '今日未探访'}
        </Text>
      </View>
      <Text className='em-row__meta'>
        {row.door}
        {row.flags.length ? ` · ${row.flags.map((f) => CARE_FLAG_LABELS[f]).join('、')}` : ''}
      </Text>
      <Text className='em-row__meta'>
        {mySlot
          ? `我是${CARE_SLOT_LABELS[mySlot]}${mineToday ? '，今天已打卡' : '，今天还没打卡'}`
          : row.team.length
            ? `包联人：${row.team.map((t) => `${CARE_SLOT_LABELS[t.slot]} ${t.name}`).join('、')}`
            : '还没有指定包联人'}
      </Text>
    </View>
  )
}
