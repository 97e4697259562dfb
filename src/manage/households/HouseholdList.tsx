/** 住户: the households under a grid or building with the filter tabs, members' phones in full (the read is
 * audited) and a call button each. */
import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { CARE_FLAG_LABELS } from '../../../core/model'
import type { HouseholdFilter } from '../../../core/contract'
import { getHouseholds, type HouseholdRow, type MemberView, type UnitRef } from '../../services/grid'
import { Button, Tag } from '../ui'
import { usePaged } from '../use-paged'
import { PagedList } from '../components/PagedList'

const FILTERS: { value: HouseholdFilter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'unconfirmed', label: '未确认' },
  { value: 'unreachable', label: '未触达' },
  { value: 'care', label: '关爱对象' },
]
const PAGE_SIZE = 20

export function HouseholdList({ unit, refresh }: { unit: UnitRef; refresh: number }) {
  const [filter, setFilter] = useState<HouseholdFilter>('all')
  const fetchPage = useCallback((p: number) => getHouseholds(unit.id, filter, p, PAGE_SIZE), [unit.id, filter])
  const list = usePaged<HouseholdRow>(fetchPage)
  const { total, status, load } = list

  useEffect(() => {
    void load(0)
  }, [load, refresh])

  return (
    <View className='card households'>
      <View className='card__head'>
        <Text className='card__title'>住户</Text>
        <Text className='card__hint households__total'>{status === 'loading' ? '' : `共 ${total} 户`}</Text>
      </View>
      <View className='filter-tabs'>
        {FILTERS.map((f) => (
          <View
            key={f.value}
            className={`filter-tab filter-tab--${f.value}${filter === f.value ? ' filter-tab--active' : ''}`}
            onClick={() => setFilter(f.value)}
          >
            <Text>{f.label}</Text>
          </View>
        ))}
      </View>
      <PagedList list={list} empty='没有符合条件的住户' moreClass='households-more' countWord='户'>
        {(h) => <Household key={h.id} row={h} />}
      </PagedList>
    </View>
  )
}

function Household({ row }: { row: HouseholdRow }) {
  return (
    <View className='household-row'>
      <View className='household-row__head'>
        <Text className='household-row__door'>{row.door}</Text>
        <Text className='household-row__building'>{row.microgrid.name}</Text>
        {row.pendingClaims ? (
          <Tag className='household-row__pending' background='#fff4e5' color='#b45309'>
            {row.pendingClaims} 条待确认
          </Tag>
        ) : null}
      </View>
      {row.members.length === 0 ? <Text className='manage-hint'>暂无登记的居民</Text> : null}
      {row.members.map((m) => (
        <Member key={m.id} member={m} />
      ))}
    </View>
  )
}

function Member({ member }: { member: MemberView }) {
  const call = () => void Taro.makePhoneCall({ phoneNumber: member.phone }).catch(() => undefined)
  return (
    <View className='member-row'>
      <View className='member-row__body'>
        <View className='member-row__title'>
          <Text className='member-row__name'>{member.name}</Text>
          {member.joined ? (
            <Tag className='member-row__joined' background='#e8f5ee' color='#15803d'>
              已加入
            </Tag>
          ) : (
            <Tag className='member-row__not-joined' background='#f2f3f5' color='#6b7280'>
              未加入
            </Tag>
          )}
          {member.careFlags.map((f) => (
            <Tag key={f} className='member-row__care' background='#fdecec' color='#c8161d'>
              {CARE_FLAG_LABELS[f]}
            </Tag>
          ))}
        </View>
        <Text className='member-row__phone'>{member.phone}</Text>
      </View>
      {member.phone ? (
        <Button className='member-row__call' type='primary' size='small' onClick={call}>
          拨打
        </Button>
      ) : null}
    </View>
  )
}
