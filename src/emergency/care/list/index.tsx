/**
 * 关爱对象 (grid chiefs, community and street staff): the care persons under my unit, a page at a time, all or those
 * nobody visited after yesterday's or today's 20:00 (未探访); staff find a resident by name to mark them.
 */
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { pageUrl } from '../../../routes'
import {
  CARE_CHECK_CUTOFF_HOUR,
  CARE_LIMITS,
  findCarePeople,
  listCarePersons,
  type CareListFilter,
  type CareRow,
  type FoundPerson,
} from '../../../services/care'
import type { MeResult } from '../../../services/grid'
import { Button } from '../../../ui/nutui'
import { Chips, Gate, PagedFoot, useAction, usePaged, useUnitPicker } from '../../common'
import { CareRowView } from '../care'

const FILTERS = ['all', 'missed'] as const
const FILTER_LABELS: Record<CareListFilter, string> = { all: '全部', missed: '未探访' }
const careUnits = (me: MeResult) =>
  me.roles.filter((r) => r.role === 'gridChief' || r.role === 'communityStaff' || r.role === 'streetStaff')

export default function CareListPage() {
  return (
    <Gate className='app-page manage care-list' what='关爱对象' allow={(me) => careUnits(me).length > 0}>
      {(me) => <Body me={me} />}
    </Gate>
  )
}

function Body({ me }: { me: MeResult }) {
  const { unit, picker } = useUnitPicker(careUnits(me))
  const [filter, setFilter] = useState<CareListFilter>('all')
  const staff = unit.role === 'communityStaff' || unit.role === 'streetStaff'
  return (
    <View>
      {picker}
      {staff ? <MarkSearch unitId={unit.unitId} /> : null}
      <View className='card'>
        <Chips
          options={FILTERS}
          labels={FILTER_LABELS}
          value={[filter]}
          onChange={(v) => setFilter(v[0] ?? 'all')}
          single
        />
        <Text className='em-row__meta'>每天 {CARE_CHECK_CUTOFF_HOUR}:00 后仍无人探访的，标为未探访</Text>
        <Rows key={`${unit.unitId}:${filter}`} unitId={unit.unitId} filter={filter} />
      </View>
    </View>
  )
}

function Rows({ unitId, filter }: { unitId: string; filter: CareListFilter }) {
  const list = usePaged<CareRow>((cursor) => listCarePersons(unitId, filter, cursor))
  return (
    <View>
      <View>
        {list.rows.map((r) => (
          <CareRowView key={r.personId} row={r} />
        ))}
      </View>
      <PagedFoot list={list as never} empty={filter === 'missed' ? '没有未探访的关爱对象' : '这里还没有关爱对象'} />
    </View>
  )
}

function MarkSearch({ unitId }: { unitId: string }) {
  const [name, setName] = useState('')
  const [found, setFound] = useState<FoundPerson[] | null>(null)
  const { busy, error, run } = useAction()
  const search = () => run(async () => setFound((await findCarePeople(unitId, name.trim())).rows))
  return (
    <View className='card care-mark-search'>
      <Text className='em-row__title'>标记关爱对象</Text>
      <Text className='em-row__meta'>按姓名找到居民，打开后标记并指定四包一包联人</Text>
      <Input
        className='em-input'
        value={name}
        maxlength={CARE_LIMITS.search}
        placeholder='居民姓名'
        onInput={(e) => setName(e.detail.value)}
      />
      {error ? <Text className='em-error'>{error}</Text> : null}
      <View className='em-actions'>
        <Button type='primary' size='small' loading={busy} disabled={!name.trim()} onClick={() => void search()}>
          查找
        </Button>
      </View>
      {found && !found.length ? <Text className='em-muted'>没有找到，请换个名字试试</Text> : null}
      {(found ?? []).map((p) => (
        <Text
          key={p.personId}
          className='care-pick'
          onClick={() => void Taro.navigateTo({ url: pageUrl('carePerson', { id: p.personId }) })}
        >
          {p.name} · {p.where}
          {p.joined ? '' : '（未加入小程序）'} ›
        </Text>
      ))}
    </View>
  )
}
