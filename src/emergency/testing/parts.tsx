/** What the 错时采样 pages share: the three figures of a unit (户数, 已约, 已采) and a row of chips to pick one. */
import { Text, View } from '@tarojs/components'
import { share } from '../../services/testing'

export function Figures({ households, booked, done }: { households: number; booked: number; done: number }) {
  const items = [
    { name: '户数', value: String(households) },
    { name: '已约', value: String(booked) },
    { name: '已采', value: String(done) },
    { name: '覆盖', value: share(done, households) },
  ]
  return (
    <View className='tt-figures'>
      {items.map((i) => (
        <View key={i.name} className='tt-figure'>
          <Text className='tt-figure__value'>{i.value}</Text>
          <Text className='tt-figure__name'>{i.name}</Text>
        </View>
      ))}
    </View>
  )
}

export function Chips<T>({
  items,
  value,
  label,
  keyOf,
  onChange,
}: {
  items: readonly T[]
  value: T | null
  label: (t: T) => string
  keyOf: (t: T) => string
  onChange: (t: T) => void
}) {
  return (
    <View className='tt-chips'>
      {items.map((t) => (
        <Text
          key={keyOf(t)}
          className={`tt-chip${value !== null && keyOf(value) === keyOf(t) ? ' tt-chip--active' : ''}`}
          onClick={() => onChange(t)}
        >
          {label(t)}
        </Text>
      ))}
    </View>
  )
}
