/**
 * 召集详情 (?id=<callUpId>, community and street staff): what the call-up asked, how many answered 到岗 / 不能到 and
 * were assigned, and who answered what, a page at a time (all, or one answer); a 到岗 answerer is assigned a place or
 * task here (again: moved).
 */
import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import {
  assignAnswerer,
  CALLUP_ANSWER_LABELS,
  EMERGENCY_LIMITS,
  getCallUp,
  RESERVE_KIND_LABELS,
  type AnswerView,
  type CallUpAnswer,
  type CallUpView,
} from '../../../services/emergency'
import { ChunkedList } from '../../../components/ChunkedList'
import { Button } from '../../../ui/nutui'
import { Chips, formatTime, Gate, PagedFoot, staffUnits, useAction, usePaged } from '../../common'

export default function CallUpPage() {
  return (
    <Gate className='app-page callup-detail' what='召集详情' allow={(me) => staffUnits(me).length > 0}>
      {() => <Detail />}
    </Gate>
  )
}

const ANSWERS: readonly CallUpAnswer[] = ['coming', 'cannot']

function Detail() {
  const id = useRouter().params.id ?? ''
  const [answer, setAnswer] = useState<CallUpAnswer[]>([])
  const [callUp, setCallUp] = useState<CallUpView | null>(null)
  return (
    <View>
      {callUp ? (
        <View className='card'>
          <Text className='em-row__title'>{callUp.emergencyName}</Text>
          <Text className='em-instructions'>{callUp.message}</Text>
          <Text className='em-row__meta'>
            {callUp.unit.name} · {callUp.kinds.map((k) => RESERVE_KIND_LABELS[k]).join('、')} ·{' '}
            {formatTime(callUp.createdAt)}
          </Text>
          <View className='em-counts'>
            <Text>到岗 {callUp.coming}</Text>
            <Text>不能到 {callUp.cannot}</Text>
            <Text>已安排 {callUp.assigned}</Text>
          </View>
        </View>
      ) : null}
      <View className='card'>
        <Chips options={ANSWERS} labels={CALLUP_ANSWER_LABELS} value={answer} onChange={setAnswer} single />
        <Answers key={answer[0] ?? 'all'} id={id} answer={answer[0]} onCallUp={setCallUp} />
      </View>
    </View>
  )
}

function Answers({ id, answer, onCallUp }: { id: string; answer?: CallUpAnswer; onCallUp: (c: CallUpView) => void }) {
  const list = usePaged(async (cursor) => {
    const res = await getCallUp(id, answer, cursor)
    onCallUp(res.callUp)
    return res.answers
  })
  return (
    <View>
      <ChunkedList rows={list.rows} keyOf={(a) => a.personId}>
        {(a) => <AnswerRow callUpId={id} a={a} onAssigned={() => void list.reload()} />}
      </ChunkedList>
      <PagedFoot list={list} empty='还没有人答复' />
    </View>
  )
}

function AnswerRow({ callUpId, a, onAssigned }: { callUpId: string; a: AnswerView; onAssigned: () => void }) {
  const [place, setPlace] = useState(a.assignment?.place ?? '')
  const { busy, error, run } = useAction()
  const assign = () => run(() => assignAnswerer({ callUpId, personId: a.personId, place }), onAssigned)
  return (
    <View className='em-row callup-answer'>
      <Text className='em-row__title'>
        {a.name} · {CALLUP_ANSWER_LABELS[a.answer]}
      </Text>
      <Text className='em-row__meta'>
        {RESERVE_KIND_LABELS[a.kind]} · {a.phone} · {formatTime(a.answeredAt)}
        {a.note ? ` · ${a.note}` : ''}
      </Text>
      {a.assignment ? <Text className='em-row__meta'>已安排：{a.assignment.place}</Text> : null}
      {a.answer === 'coming' ? (
        <View className='em-actions'>
          <Input
            className='em-input'
            value={place}
            maxlength={EMERGENCY_LIMITS.place}
            placeholder='岗位或地点，如：东门卡口'
            onInput={(e) => setPlace(e.detail.value)}
          />
          <Button
            className='callup-assign'
            size='small'
            type='primary'
            loading={busy}
            disabled={!place.trim()}
            onClick={() => void assign()}
          >
            {a.assignment ? '改派' : '安排'}
          </Button>
        </View>
      ) : null}
      {error ? <Text className='em-error'>{error}</Text> : null}
    </View>
  )
}
