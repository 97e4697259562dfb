/** 我的 → 我包联的: shown only to someone on a care team (四包一), with how many still need today's visit. */
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useRemote } from '../hooks/use-remote'
import { pageUrl } from '../routes'
import { getMyCarePersons } from '../services/care'
import { Cell, CellGroup } from '../ui/nutui'

export function CareMineLink() {
  const { state } = useRemote(getMyCarePersons)
  if (state.status !== 'ok' || !state.data.rows.length) return null
  const rows = state.data.rows
  const todo = rows.filter((r) => !r.mineToday).length
  const missed = rows.filter((r) => r.missedDay).length
  return (
    <View className='me-section'>
      <CellGroup title='关爱包联'>
        <Cell
          className='care-mine-link'
          title='我包联的关爱对象'
          description={`${rows.length} 人${todo ? `，今天还有 ${todo} 人没打卡` : '，今天都已打卡'}${missed ? `，${missed} 人未探访` : ''}`}
          extra='›'
          clickable
          onClick={() => void Taro.navigateTo({ url: pageUrl('careMine') })}
        />
      </CellGroup>
    </View>
  )
}
