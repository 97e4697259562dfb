/**
 * 应急状态: community and street staff declare an emergency over their unit (name, level, the instructions pinned on
 * 首页, now or a later start) and read the history at and under a unit they lead, newest first, a page at a time;
 * other leaders read the history only. A row opens its 应急须知 page (where staff change or end it).
 */
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { usePageReload } from '../../../hooks/use-page-reload'
import { pageUrl } from '../../../routes'
import {
  declareEmergency,
  EMERGENCY_LEVEL_LABELS,
  EMERGENCY_LEVELS,
  EMERGENCY_LIMITS,
  getEmergencyHistory,
  newEmergencyTap,
  type EmergencyLevel,
} from '../../../services/emergency'
import type { MeResult, RoleView } from '../../../services/grid'
import { ChunkedList } from '../../../components/ChunkedList'
import { Button } from '../../../ui/nutui'
import { Chips, formatTime, Gate, PagedFoot, staffUnits, useAction, usePaged, useUnitPicker } from '../../common'

const LEADERS = ['buildingHead', 'partyLeader', 'gridChief', 'communityStaff', 'streetStaff']
const leaderUnits = (me: MeResult) => me.roles.filter((r) => LEADERS.includes(r.role))

export default function EmergencyManagePage() {
  return (
    <Gate className='app-page emergency-manage-page' what='应急状态' allow={(me) => leaderUnits(me).length > 0}>
      {(me) => <Manage me={me} />}
    </Gate>
  )
}

function Manage({ me }: { me: MeResult }) {
  const { unit, picker } = useUnitPicker(leaderUnits(me))
  const [declared, setDeclared] = useState(0)
  const staff = staffUnits(me).some((r) => r.unitId === unit.unitId)
  return (
    <View>
      {picker}
      {staff ? <Declare key={unit.unitId} unit={unit} onDeclared={() => setDeclared((n) => n + 1)} /> : null}
      <History key={`${unit.unitId}-${declared}`} unit={unit} />
    </View>
  )
}

function Declare({ unit, onDeclared }: { unit: RoleView; onDeclared: () => void }) {
  const [name, setName] = useState('')
  const [level, setLevel] = useState<EmergencyLevel[]>([])
  const [instructions, setInstructions] = useState('')
  const [tap, setTap] = useState(newEmergencyTap)
  const { busy, error, run } = useAction()
  const ready = name.trim() && level.length === 1 && instructions.trim()
  const submit = () =>
    run(async () => {
      const { id } = await declareEmergency({ unitId: unit.unitId, tapId: tap, name, level: level[0], instructions })
      setTap(newEmergencyTap())
      setName('')
      setInstructions('')
      setLevel([])
      onDeclared()
      void Taro.navigateTo({ url: pageUrl('emergency', { id }) })
    })
  return (
    <View className='card emergency-declare'>
      <Text className='em-row__title'>宣布应急状态 · {unit.unitName}</Text>
      <Text className='em-label'>名称</Text>
      <Input
        className='em-input'
        value={name}
        maxlength={EMERGENCY_LIMITS.name}
        placeholder='如：暴雨防汛'
        onInput={(e) => setName(e.detail.value)}
      />
      <Text className='em-label'>响应级别</Text>
      <Chips
        options={EMERGENCY_LEVELS.map(String) as ('1' | '2' | '3' | '4')[]}
        labels={{
          1: EMERGENCY_LEVEL_LABELS[1],
          2: EMERGENCY_LEVEL_LABELS[2],
          3: EMERGENCY_LEVEL_LABELS[3],
          4: EMERGENCY_LEVEL_LABELS[4],
        }}
        value={level.map(String) as ('1' | '2' | '3' | '4')[]}
        onChange={(v) => setLevel(v.map((x) => Number(x) as EmergencyLevel))}
        single
      />
      <Text className='em-label'>应急须知（置顶显示在首页）</Text>
      <Textarea
        className='em-textarea'
        value={instructions}
        maxlength={EMERGENCY_LIMITS.instructions}
        placeholder='居民需要知道和配合的事项'
        onInput={(e) => setInstructions(e.detail.value)}
      />
      {error ? <Text className='em-error'>{error}</Text> : null}
      <View className='em-actions'>
        <Button type='danger' loading={busy} disabled={!ready} onClick={() => void submit()}>
          宣布
        </Button>
      </View>
    </View>
  )
}

function History({ unit }: { unit: RoleView }) {
  const list = usePaged((cursor) => getEmergencyHistory(unit.unitId, cursor))
  usePageReload(list.reload)
  return (
    <View className='card emergency-history'>
      <Text className='em-row__title'>应急记录 · {unit.unitName}</Text>
      <ChunkedList rows={list.rows} keyOf={(e) => e.id}>
        {(e) => (
          <View className='em-row' onClick={() => void Taro.navigateTo({ url: pageUrl('emergency', { id: e.id }) })}>
            <Text className={e.endedAt ? 'em-level em-level--ended' : 'em-level'}>
              {e.endedAt ? '已结束' : EMERGENCY_LEVEL_LABELS[e.level]}
            </Text>
            <Text className='em-row__title'>{e.name}</Text>
            <Text className='em-row__meta'>
              {e.scope.name} · {formatTime(e.startAt)}
              {e.endedAt ? ` 至 ${formatTime(e.endedAt)}` : ' 起'}
            </Text>
          </View>
        )}
      </ChunkedList>
      <PagedFoot list={list} empty='还没有应急记录' />
    </View>
  )
}
