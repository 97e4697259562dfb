/**
 * 应急力量 (community and street staff): the reserve force registered in my unit, filtered by kind and skill, a page
 * at a time with the total; calling them up for an emergency in force (kinds, skills, what to do), and the call-ups
 * made, each with how many answered 到岗 / 不能到 and were assigned — a row opens who answered what.
 */
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Picker, Text, Textarea, View } from '@tarojs/components'
import { useRemote } from '../../../hooks/use-remote'
import { pageUrl } from '../../../routes'
import {
  callUpReserve,
  EMERGENCY_LIMITS,
  getCallUps,
  getCurrentEmergencies,
  getReserve,
  newEmergencyTap,
  RESERVE_KIND_LABELS,
  RESERVE_KINDS,
  RESERVE_SKILL_LABELS,
  RESERVE_SKILLS,
  type EmergencyView,
  type ReserveKind,
  type ReserveSkill,
} from '../../../services/emergency'
import type { MeResult, RoleView } from '../../../services/grid'
import { ChunkedList } from '../../../components/ChunkedList'
import { Button } from '../../../ui/nutui'
import { Chips, formatTime, Gate, PagedFoot, staffUnits, useAction, usePaged, useUnitPicker } from '../../common'

export default function ReserveManagePage() {
  return (
    <Gate className='app-page reserve-manage' what='应急力量' allow={(me) => staffUnits(me).length > 0}>
      {(me) => <Manage me={me} />}
    </Gate>
  )
}

function Manage({ me }: { me: MeResult }) {
  const { unit, picker } = useUnitPicker(staffUnits(me))
  return (
    <View>
      {picker}
      <CallUps key={`c-${unit.unitId}`} unit={unit} />
      <Reserve key={`r-${unit.unitId}`} unit={unit} />
    </View>
  )
}

function Reserve({ unit }: { unit: RoleView }) {
  const [kind, setKind] = useState<ReserveKind[]>([])
  const [skill, setSkill] = useState<ReserveSkill[]>([])
  return (
    <View className='card reserve-list'>
      <Text className='em-row__title'>{unit.unitName}的应急力量</Text>
      <Chips options={RESERVE_KINDS} labels={RESERVE_KIND_LABELS} value={kind} onChange={setKind} single />
      <Chips options={RESERVE_SKILLS} labels={RESERVE_SKILL_LABELS} value={skill} onChange={setSkill} single />
      {/* a new filter is a new list from its first page */}
      <ReserveRows key={`${kind[0] ?? ''}-${skill[0] ?? ''}`} unit={unit} kind={kind[0]} skill={skill[0]} />
    </View>
  )
}

function ReserveRows({ unit, kind, skill }: { unit: RoleView; kind?: ReserveKind; skill?: ReserveSkill }) {
  const [total, setTotal] = useState<number | null>(null)
  const list = usePaged(async (cursor) => {
    const page = await getReserve(unit.unitId, { kind, skill }, cursor)
    setTotal(page.total)
    return page
  })
  return (
    <View>
      {total === null ? null : <Text className='em-row__meta'>共 {total} 人</Text>}
      <ChunkedList rows={list.rows} keyOf={(m) => m.personId}>
        {(m) => (
          <View className='em-row'>
            <Text className='em-row__title'>
              {m.name} · {RESERVE_KIND_LABELS[m.kind]}
            </Text>
            <Text className='em-row__meta'>
              {[...m.skills.map((s) => RESERVE_SKILL_LABELS[s]), m.skillsNote].filter(Boolean).join('、') || '未填技能'}
            </Text>
            <Text className='em-row__meta'>
              {m.place.name} · {m.availability} · {m.phone}
            </Text>
          </View>
        )}
      </ChunkedList>
      <PagedFoot list={list} empty='没有符合条件的人员' />
    </View>
  )
}

function CallUps({ unit }: { unit: RoleView }) {
  const current = useRemote(getCurrentEmergencies)
  const live = current.state.status === 'ok' ? current.state.data.rows.filter((e) => e.active) : []
  const [at, setAt] = useState(0)
  const emergency = live[Math.min(at, live.length - 1)] as EmergencyView | undefined
  const [made, setMade] = useState(0)
  if (current.state.status !== 'ok') return null
  if (!emergency)
    return (
      <View className='card'>
        <Text className='em-row__title'>召集应急力量</Text>
        <Text className='em-muted'>现在没有进行中的应急状态，宣布后才能召集</Text>
      </View>
    )
  return (
    <View>
      <View className='card reserve-callup-form'>
        <Text className='em-row__title'>召集应急力量</Text>
        {live.length > 1 ? (
          <Picker
            mode='selector'
            range={live.map((e) => e.name)}
            value={at}
            onChange={(e) => setAt(Number(e.detail.value))}
          >
            <View className='em-picker'>{emergency.name} ›</View>
          </Picker>
        ) : (
          <Text className='em-row__meta'>{emergency.name}</Text>
        )}
        <CallUpForm
          key={`${emergency.id}-${made}`}
          emergency={emergency}
          unit={unit}
          onMade={() => setMade((n) => n + 1)}
        />
      </View>
      <CallUpList key={`${emergency.id}-${made}`} emergency={emergency} unit={unit} />
    </View>
  )
}

function CallUpForm({ emergency, unit, onMade }: { emergency: EmergencyView; unit: RoleView; onMade: () => void }) {
  const [kinds, setKinds] = useState<ReserveKind[]>([])
  const [skills, setSkills] = useState<ReserveSkill[]>([])
  const [message, setMessage] = useState('')
  const [tap] = useState(newEmergencyTap)
  const { busy, error, run } = useAction()
  const send = () =>
    run(async () => {
      const input = { emergencyId: emergency.id, unitId: unit.unitId, tapId: tap, kinds, skills, message }
      const { reached } = await callUpReserve(input)
      void Taro.showToast({ title: `已召集 ${reached} 人`, icon: 'none' })
      onMade()
    })
  return (
    <View>
      <Text className='em-label'>召集哪些人员</Text>
      <Chips options={RESERVE_KINDS} labels={RESERVE_KIND_LABELS} value={kinds} onChange={setKinds} />
      <Text className='em-label'>需要的技能（不选则不限）</Text>
      <Chips options={RESERVE_SKILLS} labels={RESERVE_SKILL_LABELS} value={skills} onChange={setSkills} />
      <Text className='em-label'>召集说明</Text>
      <Textarea
        className='em-textarea'
        value={message}
        maxlength={EMERGENCY_LIMITS.message}
        placeholder='集合时间、地点和要做的事'
        onInput={(e) => setMessage(e.detail.value)}
      />
      {error ? <Text className='em-error'>{error}</Text> : null}
      <View className='em-actions'>
        <Button type='danger' loading={busy} disabled={!kinds.length || !message.trim()} onClick={() => void send()}>
          发出召集
        </Button>
      </View>
    </View>
  )
}

function CallUpList({ emergency, unit }: { emergency: EmergencyView; unit: RoleView }) {
  const list = usePaged((cursor) => getCallUps(emergency.id, unit.unitId, cursor))
  return (
    <View className='card reserve-callup-list'>
      <Text className='em-row__title'>已发出的召集</Text>
      <ChunkedList rows={list.rows} keyOf={(c) => c.id}>
        {(c) => (
          <View className='em-row' onClick={() => void Taro.navigateTo({ url: pageUrl('callUpDetail', { id: c.id }) })}>
            <Text className='em-row__title'>{c.message}</Text>
            <Text className='em-row__meta'>
              {c.unit.name} · {c.kinds.map((k) => RESERVE_KIND_LABELS[k]).join('、')} · {formatTime(c.createdAt)}
            </Text>
            <View className='em-counts'>
              <Text>到岗 {c.coming}</Text>
              <Text>不能到 {c.cannot}</Text>
              <Text>已安排 {c.assigned}</Text>
            </View>
          </View>
        )}
      </ChunkedList>
      <PagedFoot list={list} empty='还没有发出召集' />
    </View>
  )
}
