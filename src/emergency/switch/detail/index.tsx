/**
 * 应急须知 (?id=<emergencyId>, what 首页's banner opens): the emergency's level, name, scope and start, and its pinned
 * instructions; ended ones stay readable for the record. Staff over its scope change the instructions or end it here.
 * Members find the way to 我的应急力量 (register, call-ups) from it, and everyone to the notice the instructions went
 * out with and how many households received it (staff: on to 通知触达, the households not yet reached).
 */
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { useRemotePage } from '../../../hooks/use-page-reload'
import { noticeUrl, pageUrl, reachUrl } from '../../../routes'
import {
  EMERGENCY_LEVEL_LABELS,
  EMERGENCY_LIMITS,
  endEmergency,
  getEmergency,
  updateInstructions,
  type EmergencyDetail,
} from '../../../services/emergency'
import { Button } from '../../../ui/nutui'
import { formatTime, Gate, useAction } from '../../common'

export default function EmergencyPage() {
  return <Gate className='app-page emergency-detail'>{() => <Detail />}</Gate>
}

function Detail() {
  const id = useRouter().params.id ?? ''
  const { state, reload } = useRemotePage(() => getEmergency(id))
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  return <Shown e={state.data} onChanged={() => void reload()} />
}

function Shown({ e, onChanged }: { e: EmergencyDetail; onChanged: () => void }) {
  const ended = e.endedAt !== null
  return (
    <View>
      <View className='card'>
        <Text className={ended ? 'em-level em-level--ended' : 'em-level'}>
          {ended ? '已结束' : EMERGENCY_LEVEL_LABELS[e.level]}
        </Text>
        <Text className='em-row__title'>{e.name}</Text>
        <Text className='em-row__meta'>
          {e.scope.name} · {e.active || ended ? '开始于' : '将于'} {formatTime(e.startAt)}
          {e.active || ended ? '' : ' 开始'}
        </Text>
        {ended && e.endedAt ? (
          <Text className='em-row__meta'>
            {formatTime(e.endedAt)} 由{e.endedByName}结束
          </Text>
        ) : null}
        <Text className='em-instructions'>{e.instructions}</Text>
        <Text className='em-row__meta'>
          {e.declaredByName}宣布 · 更新于 {formatTime(e.updatedAt)}
        </Text>
      </View>
      {e.notice ? (
        <View className='card emergency-notice'>
          <Text className='em-row__title'>应急通知</Text>
          <Text className='em-row__meta'>
            {e.notice.reach
              ? `须知已作为紧急通知发给${e.scope.name}各户：已收到 ${e.notice.reach.reached} / ${e.notice.reach.households} 户`
              : `须知已作为紧急通知发给${e.scope.name}各户`}
          </Text>
          <View className='em-actions'>
            <Button
              className='emergency-notice__open'
              type='primary'
              fill='outline'
              onClick={() => e.notice && void Taro.navigateTo({ url: noticeUrl(e.notice.id) })}
            >
              查看通知
            </Button>
            {e.mayManage ? (
              <Button
                className='emergency-notice__reach'
                fill='outline'
                onClick={() => e.notice && void Taro.navigateTo({ url: reachUrl(e.notice.id, e.scope.id) })}
              >
                哪些户还没收到
              </Button>
            ) : null}
          </View>
        </View>
      ) : null}
      {e.mayManage ? <Manage e={e} onChanged={onChanged} /> : null}
      {!ended ? (
        <View className='card'>
          <Text className='em-row__title'>应急力量</Text>
          <Text className='em-row__meta'>登记你的技能和可参与时间，社区召集时在这里答复</Text>
          <View className='em-actions'>
            <Button
              className='reserve-mine-link'
              type='primary'
              fill='outline'
              onClick={() => void Taro.navigateTo({ url: pageUrl('reserveMine') })}
            >
              我的应急力量
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  )
}

function Manage({ e, onChanged }: { e: EmergencyDetail; onChanged: () => void }) {
  const [text, setText] = useState(e.instructions)
  const { busy, error, run: call } = useAction()
  const run = (work: () => Promise<unknown>, done: string) =>
    call(work, () => {
      void Taro.showToast({ title: done, icon: 'success' })
      onChanged()
    })
  const end = async () => {
    const { confirm } = await Taro.showModal({
      title: '结束应急状态',
      content: `结束后首页不再显示“${e.name}”，记录仍可查看。`,
      confirmText: '结束',
      confirmColor: '#c8161d',
      cancelText: '取消',
    })
    if (confirm) await run(() => endEmergency(e.id), '已结束')
  }
  return (
    <View className='card emergency-manage'>
      <Text className='em-row__title'>修改应急须知</Text>
      <Textarea
        className='em-textarea'
        value={text}
        maxlength={EMERGENCY_LIMITS.instructions}
        onInput={(ev) => setText(ev.detail.value)}
      />
      {error ? <Text className='em-error'>{error}</Text> : null}
      <View className='em-actions'>
        <Button
          type='primary'
          loading={busy}
          disabled={!text.trim() || text === e.instructions}
          onClick={() => void run(() => updateInstructions(e.id, text), '已更新')}
        >
          保存须知
        </Button>
        <Button className='emergency-end' type='danger' fill='outline' disabled={busy} onClick={() => void end()}>
          结束应急状态
        </Button>
      </View>
    </View>
  )
}
