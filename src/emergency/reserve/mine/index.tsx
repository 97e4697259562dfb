/**
 * 我的应急力量: register myself in the reserve force (who I am: 下沉干部, 双报到党员, 志愿者 or 商户员工; my skills and
 * when I can help) or change my entry, and answer the call-ups that reach me — 到岗 or 不能到, changeable until the
 * community assigns me, then where I am assigned. A temporary leader finds their 战时网格 here too.
 */
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { SubscribeCard } from '../../../components/SubscribeCard'
import { CALLUP_TEMPLATE } from '../../../../core/emergency/announce'
import { useRemotePage } from '../../../hooks/use-page-reload'
import { pageUrl } from '../../../routes'
import {
  answerCallUp,
  CALLUP_ANSWER_LABELS,
  EMERGENCY_LIMITS,
  getMyMicroGrids,
  getMyReserve,
  registerReserve,
  RESERVE_KIND_LABELS,
  RESERVE_KINDS,
  RESERVE_SKILL_LABELS,
  RESERVE_SKILLS,
  type CallUpAnswer,
  type MyCallUp,
  type ReserveKind,
  type ReserveSkill,
  type ReserveView,
} from '../../../services/emergency'
import { Button } from '../../../ui/nutui'
import { Chips, formatTime, Gate, useAction } from '../../common'

export default function ReserveMinePage() {
  return <Gate className='app-page reserve-mine'>{() => <Mine />}</Gate>
}

function Mine() {
  const { state, reload } = useRemotePage(getMyReserve, { onReturn: true })
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  const { member, callUps } = state.data
  return (
    <View>
      {member ? <MyMicroGrids /> : null}
      <Register key={member?.updatedAt ?? 'new'} member={member} onSaved={() => void reload()} />
      {member ? (
        <View className='card reserve-callups'>
          <Text className='em-row__title'>我收到的召集</Text>
          {callUps.length ? null : <Text className='em-muted'>暂时没有召集</Text>}
          {callUps.map((c) => (
            <CallUpRow key={c.id} c={c} onAnswered={() => void reload()} />
          ))}
        </View>
      ) : null}
      {member ? (
        <SubscribeCard
          name='callup-subscribe'
          templateId={CALLUP_TEMPLATE.id}
          title='接收召集提醒'
          hint='社区召集时，微信会提醒你一次；每订阅一次，提醒一次。'
          accepted={(n) => `已订阅：下次召集时会提醒你（还可提醒 ${n} 次）`}
          declined='你没有允许接收召集提醒，可以稍后再订阅'
        />
      ) : null}
    </View>
  )
}

/** 我负责的战时网格: the ones I lead now, each opening its page (nothing shown when I lead none). */
function MyMicroGrids() {
  const { state } = useRemotePage(getMyMicroGrids, { onReturn: true })
  if (state.status !== 'ok' || !state.data.rows.length) return null
  return (
    <View className='card reserve-microgrids'>
      <Text className='em-row__title'>我负责的战时网格</Text>
      {state.data.rows.map((w) => (
        <View
          key={w.id}
          className='em-row my-microgrid'
          onClick={() => void Taro.navigateTo({ url: pageUrl('microGrid', { id: w.id }) })}
        >
          <Text className='em-row__title'>
            {w.name} · {w.grid.name}
          </Text>
          <Text className='em-row__meta'>
            {w.buildings.map((b) => b.name).join('、')} · {w.households} 户 · {w.emergencyName} ›
          </Text>
        </View>
      ))}
    </View>
  )
}

function Register({ member, onSaved }: { member: ReserveView | null; onSaved: () => void }) {
  const [kind, setKind] = useState<ReserveKind[]>(member ? [member.kind] : [])
  const [skills, setSkills] = useState<ReserveSkill[]>(member?.skills ?? [])
  const [note, setNote] = useState(member?.skillsNote ?? '')
  const [availability, setAvailability] = useState(member?.availability ?? '')
  const { busy, error, run } = useAction()
  const save = () =>
    run(
      () => registerReserve({ kind: kind[0], skills, skillsNote: note, availability }),
      () => {
        void Taro.showToast({ title: member ? '已更新' : '已登记', icon: 'success' })
        onSaved()
      },
    )
  return (
    <View className='card reserve-register'>
      <Text className='em-row__title'>{member ? '我的登记' : '登记为应急力量'}</Text>
      <Text className='em-row__meta'>应急时社区会按身份和技能召集，你可以答复到岗或不能到</Text>
      <Text className='em-label'>身份</Text>
      <Chips options={RESERVE_KINDS} labels={RESERVE_KIND_LABELS} value={kind} onChange={setKind} single />
      <Text className='em-label'>技能（可多选）</Text>
      <Chips options={RESERVE_SKILLS} labels={RESERVE_SKILL_LABELS} value={skills} onChange={setSkills} />
      <Input
        className='em-input'
        value={note}
        maxlength={EMERGENCY_LIMITS.skillsNote}
        placeholder='其他技能或说明（选填）'
        onInput={(e) => setNote(e.detail.value)}
      />
      <Text className='em-label'>可参与的时间</Text>
      <Input
        className='em-input'
        value={availability}
        maxlength={EMERGENCY_LIMITS.availability}
        placeholder='如：工作日晚上、周末全天'
        onInput={(e) => setAvailability(e.detail.value)}
      />
      {error ? <Text className='em-error'>{error}</Text> : null}
      <View className='em-actions'>
        <Button
          type='primary'
          loading={busy}
          disabled={kind.length !== 1 || !availability.trim()}
          onClick={() => void save()}
        >
          {member ? '保存' : '登记'}
        </Button>
      </View>
    </View>
  )
}

function CallUpRow({ c, onAnswered }: { c: MyCallUp; onAnswered: () => void }) {
  const { busy, error, run } = useAction()
  const answer = (a: CallUpAnswer) => run(() => answerCallUp(c.id, a), onAnswered)
  const open = !c.ended && !c.assignment
  return (
    <View className='em-row reserve-callup'>
      <Text className='em-row__title'>{c.emergencyName}</Text>
      <Text className='em-instructions'>{c.message}</Text>
      <Text className='em-row__meta'>
        {c.unit.name} · {c.createdByName} · {formatTime(c.createdAt)}
      </Text>
      {c.assignment ? (
        <Text className='em-row__title'>
          已安排：{c.assignment.place}
          {c.assignment.unit ? `（${c.assignment.unit.name}）` : ''}
        </Text>
      ) : null}
      {c.myAnswer ? <Text className='em-row__meta'>我的答复：{CALLUP_ANSWER_LABELS[c.myAnswer]}</Text> : null}
      {c.ended ? <Text className='em-row__meta'>应急状态已结束</Text> : null}
      {error ? <Text className='em-error'>{error}</Text> : null}
      {open ? (
        <View className='em-actions'>
          <Button
            className='callup-coming'
            type='primary'
            size='small'
            disabled={busy || c.myAnswer === 'coming'}
            onClick={() => void answer('coming')}
          >
            到岗
          </Button>
          <Button
            className='callup-cannot'
            size='small'
            fill='outline'
            disabled={busy || c.myAnswer === 'cannot'}
            onClick={() => void answer('cannot')}
          >
            不能到
          </Button>
        </View>
      ) : null}
    </View>
  )
}
