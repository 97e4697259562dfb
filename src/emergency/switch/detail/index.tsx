/**
 * 应急须知 (?id=<emergencyId>, what 首页's banner opens): the emergency's level, name, scope and start, and its pinned
 * instructions; ended ones stay readable for the record. Staff over its scope change the instructions or end it here;
 * leaders find the emergency's records (战时网格, 卡口值守, 错时采样, 关爱对象) from it, ended or not.
 * Members find the way to 我的应急力量 (register, call-ups) from it, and everyone to the notice the instructions went
 * out with and how many households received it (staff: on to 通知触达, the households not yet reached).
 */
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { useRemotePage } from '../../../hooks/use-page-reload'
import { noticeUrl, pageUrl, reachUrl, type RouteName } from '../../../routes'
import {
  EMERGENCY_LEVEL_LABELS,
  EMERGENCY_LIMITS,
  endEmergency,
  getEmergency,
  updateInstructions,
  type EmergencyDetail,
} from '../../../services/emergency'
import type { MeResult } from '../../../services/grid'
import { Button } from '../../../ui/nutui'
import { formatTime, Gate, useAction } from '../../common'

export default function EmergencyPage() {
  return <Gate className='app-page emergency-detail'>{(me) => <Detail leader={leads(me)} />}</Gate>
}

/** Leaders (the three heads, grid chiefs, staff) find the emergency's records from here, ended or not. */
const RECORD_ROLES = ['partyLeader', 'gridChief', 'communityStaff', 'streetStaff']
const leads = (me: MeResult): boolean => me.roles.some((r) => RECORD_ROLES.includes(r.role))

function Detail({ leader }: { leader: boolean }) {
  const id = useRouter().params.id ?? ''
  const { state, reload } = useRemotePage(() => getEmergency(id))
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  return <Shown e={state.data} leader={leader} onChanged={() => void reload()} />
}

function Shown({ e, leader, onChanged }: { e: EmergencyDetail; leader: boolean; onChanged: () => void }) {
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
      {leader ? <Records ended={ended} /> : null}
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

const RECORDS: { route: RouteName; label: string; className: string }[] = [
  { route: 'microGrids', label: '战时网格', className: 'emergency-record__microgrids' },
  { route: 'dutyCheckpoints', label: '卡口值守', className: 'emergency-record__duty' },
  { route: 'testingRounds', label: '错时采样', className: 'emergency-record__testing' },
  { route: 'careList', label: '关爱对象', className: 'emergency-record__care' },
]

/** Where the work of the emergency is kept: each page shows its records, the retired and ended ones too. */
function Records({ ended }: { ended: boolean }) {
  return (
    <View className='card emergency-records'>
      <Text className='em-row__title'>{ended ? '应急期间的记录' : '应急工作'}</Text>
      <Text className='em-row__meta'>
        战时网格、卡口排班、采样轮次和关爱探访{ended ? '都留有记录，可随时查看' : ''}
      </Text>
      <View className='em-actions'>
        {RECORDS.map((r) => (
          <Button
            key={r.route}
            className={`emergency-record ${r.className}`}
            fill='outline'
            onClick={() => void Taro.navigateTo({ url: pageUrl(r.route) })}
          >
            {r.label}
          </Button>
        ))}
      </View>
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
