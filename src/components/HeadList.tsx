/** The three heads of a grid (网格长, 党小组长, 楼栋长), each with a one-tap call. */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ROLE_LABELS } from '../../core/roles'
import type { HeadView } from '../services/grid'
import { Avatar, Button } from '../ui/nutui'
import { RoleTag } from './RoleTag'
import './HeadList.css'

const HEAD_ORDER: HeadView['role'][] = ['gridChief', 'partyLeader', 'buildingHead']

export function HeadList({ heads }: { heads: HeadView[] }) {
  return (
    <View className='head-list'>
      {HEAD_ORDER.map((role) => {
        const holders = heads.filter((h) => h.role === role)
        if (holders.length === 0) return <VacantHead key={role} role={role} />
        return holders.map((h) => <HeadRow key={`${role}-${h.personId}`} head={h} />)
      })}
    </View>
  )
}

function HeadRow({ head }: { head: HeadView }) {
  const call = () => void Taro.makePhoneCall({ phoneNumber: head.phone }).catch(() => undefined)
  return (
    <View className='head-row'>
      <Avatar className='head-row__avatar' background='#fdecec' color='#c8161d'>
        {head.name.slice(0, 1)}
      </Avatar>
      <View className='head-row__body'>
        <View className='head-row__title'>
          <Text className='head-row__name'>{head.name}</Text>
          <RoleTag role={head.role} />
        </View>
        <Text className='head-row__sub'>
          {head.unitName ? `${head.unitName} · ` : ''}
          {head.wartime ? '战时网格长 · ' : ''}
          {head.phone}
        </Text>
      </View>
      <Button className='head-row__call' type='primary' size='small' onClick={call}>
        拨打
      </Button>
    </View>
  )
}

function VacantHead({ role }: { role: HeadView['role'] }) {
  return (
    <View className='head-row head-row--vacant'>
      <Avatar className='head-row__avatar' background='#f2f3f5' color='#9ca3af'>
        空
      </Avatar>
      <View className='head-row__body'>
        <View className='head-row__title'>
          <Text className='head-row__name'>{ROLE_LABELS[role]}</Text>
        </View>
        <Text className='head-row__sub'>暂未设置</Text>
      </View>
    </View>
  )
}
