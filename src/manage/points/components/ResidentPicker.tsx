/**
 * Picking a resident under the leader's unit, household by household (grid.households, paged): 调整积分 picks whom
 * to grant or deduct, 新建服务队 whom to make its leader.
 */
import { useCallback, useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import { getHouseholds, type HouseholdRow, type MemberView } from '../../../services/grid'
import { PagedList } from '../../components/PagedList'
import { usePaged } from '../../use-paged'

const householdKey = (h: HouseholdRow) => h.id

export function ResidentPicker({
  unitId,
  unitName,
  title,
  chosen,
  onPick,
}: {
  unitId: string
  unitName: string
  title: string
  chosen: string | null
  onPick: (person: MemberView) => void
}) {
  const fetchPage = useCallback((page: number) => getHouseholds(unitId, 'all', page), [unitId])
  const list = usePaged(fetchPage, householdKey)
  const { load } = list
  useEffect(() => {
    void load(0)
  }, [load])
  return (
    <View className='card'>
      <View className='card__head'>
        <Text className='card__title'>{title}</Text>
        <Text className='card__hint'>{unitName}</Text>
      </View>
      <PagedList list={list} empty='没有住户' moreClass='adjust-more' countWord='户'>
        {(h) => (
          <View key={h.id} className='adjust-household'>
            <Text className='manage-form__label'>{h.door}</Text>
            <View className='choice-row'>
              {h.members.map((m) => (
                <Text
                  key={m.id}
                  className={`choice adjust-person${chosen === m.id ? ' choice--active' : ''}`}
                  onClick={() => onPick(m)}
                >
                  {m.name}
                </Text>
              ))}
            </View>
          </View>
        )}
      </PagedList>
    </View>
  )
}
