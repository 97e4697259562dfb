/** 住户: the households under a grid or building with the filter tabs, members' phones in full (the read is
 * audited) and a call button each. */
import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { CARE_FLAG_LABELS } from '../../../core/model'
import type { HouseholdFilter } from '../../../core/contract'
import { getHouseholds, type HouseholdRow, type MemberView, type UnitRef } from '../../services/grid'
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
      <PagedList list={list} empty='没有符合条件的住户' moreClass='households-more' countWord='户' keyOf={(h) => h.id}>
        {(h) => <Household key={h.id} row={h} />}
      </PagedList>
    </View>
  )
}

/**
 * One household in as few nodes as it needs (the list is long: WeChat's audit counts every node): plain texts
 * styled as tags instead of NutUI tags (2 nodes each), one text for the care flags, 拨打 a plain tappable view.
 */
function Household({ row }: { row: HouseholdRow }) {
  return (
    <View className='household-row'>
      <View className='household-row__head'>
        <Text className='household-row__door'>{row.door}</Text>
        <Text className='household-row__building'>{row.microgrid.name}</Text>
        {row.pendingClaims ? (
          <Text className='row-tag row-tag--pending household-row__pending'>{row.pendingClaims} 条待确认</Text>
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
        <Text className='member-row__name'>{member.name}</Text>
        {member.joined ? (
          <Text className='row-tag row-tag--joined member-row__joined'>已加入</Text>
        ) : (
          <Text className='row-tag member-row__not-joined'>未加入</Text>
        )}
        {member.careFlags.length ? (
          <Text className='row-tag row-tag--care member-row__care'>
            {member.careFlags.map((f) => CARE_FLAG_LABELS[f]).join('、')}
          </Text>
        ) : null}
        <Text className='member-row__phone'>{member.phone}</Text>
      </View>
      {member.phone ? (
        <View className='row-action member-row__call' hoverClass='row-action--pressed' onClick={call}>
          拨打
        </View>
      ) : null}
    </View>
  )
}
