/**
 * 关爱对象 (grid chiefs, community and street staff): the care persons under my unit, a page at a time, all or those
 * nobody visited after yesterday's or today's 20:00 (未探访); staff find a resident by name to mark them; a grid chief
 * may subscribe to the missed-check message (wgt-care-missed).
 */
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { CARE_MISSED_TEMPLATE } from '../../../../core/care/missed-message'
import { ChunkedList } from '../../../components/ChunkedList'
import { SubscribeCard } from '../../../components/SubscribeCard'
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
      {unit.role === 'gridChief' ? (
        <SubscribeCard
          name='care-missed-subscribe'
          templateId={CARE_MISSED_TEMPLATE.id}
          title='接收未探访提醒'
          hint='网格里的关爱对象当天无人探访时，微信会提醒你一次；每订阅一次，提醒一次。'
          accepted={(n) => `已订阅：有人未被探访时会提醒你（还可提醒 ${n} 次）`}
          declined='你没有允许接收未探访提醒，可以稍后再订阅'
        />
      ) : null}
    </View>
  )
}

function Rows({ unitId, filter }: { unitId: string; filter: CareListFilter }) {
  const list = usePaged<CareRow>((cursor) => listCarePersons(unitId, filter, cursor))
  return (
    <View>
      <ChunkedList rows={list.rows} keyOf={(r: CareRow) => r.personId}>
        {(r: CareRow) => <CareRowView row={r} />}
      </ChunkedList>
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
