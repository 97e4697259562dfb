/**
 * 活动详情 (?id=<activityId>): what, when, where, who may join; each post (岗位) with filled / quota and its points
 * rule; 接龙 per post (a full post puts me on its waiting list, with my place), 取消 (free until the deadline, a
 * no-show after it — the page says which before asking); check-in and check-out with the organiser's code, by
 * scanning its QR code (weapp) or typing its 6 digits; the organiser's way to 签到管理. Shared into the grid's group
 * as a card (onShareAppMessage) that opens this page.
 */
import { useRef, useState } from 'react'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { AppPage } from '../../components/AppPage'
import { SubscribeCard } from '../../components/SubscribeCard'
import { EmptyMark, ErrorState, LoadingState, NotJoinedState } from '../../components/PageState'
import { usePersonaReady } from '../../hooks/use-persona'
import { useRemotePage } from '../../hooks/use-page-reload'
import { pageUrl } from '../../routes'
import { toServiceError, type ServiceError } from '../../services/errors'
import {
  cancelSignUp,
  checkIn,
  checkOut,
  dayTime,
  getActivity,
  hoursText,
  scanCode,
  SIGNUP_STATUS_LABELS,
  signUp,
  timeRange,
  type ActivityDetail,
  type ActivityRoleView,
  type MySignup,
} from '../../services/points'
import { Button, Empty } from '../../ui/nutui'
import { Input } from '../../ui/nutui-form'
import { PROMOTED_TEMPLATE } from '../../../core/points/messages'
import { ruleText } from '../rules'
import '../points.css'
import './index.css'

export default function ActivityPage() {
  return usePersonaReady() ? <Activity /> : null
}

function Activity() {
  const id = useRouter().params.id ?? ''
  const { state, reload } = useRemotePage(() => getActivity(id))
  useShareAppMessage(() =>
    state.status === 'ok'
      ? { title: state.data.share.title, path: state.data.share.path }
      : { title: '志愿活动', path: pageUrl('activity', { id }) },
  )

  let body
  if (!id) body = <Missing />
  else if (state.status === 'loading') body = <LoadingState />
  else if (state.status === 'error') body = <DetailError error={state.error} onRetry={() => void reload()} />
  else body = <ActivityView activity={state.data} reload={reload} />
  return <AppPage className='points-page activity'>{body}</AppPage>
}

/** What stands open to me: a sign-up that counts (confirmed or waiting) per post. */
const liveSignup = (a: ActivityDetail, role: number): MySignup | undefined =>
  a.mine.find((s) => s.roleIndex === role && (s.status === 'confirmed' || s.status === 'waiting'))

function ActivityView({ activity, reload }: { activity: ActivityDetail; reload: () => Promise<void> }) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const [busy, setBusy] = useState(false)
  // one action at a time: a second tap while the first is in flight sends nothing
  const inFlight = useRef(false)

  const run = async (action: () => Promise<string>) => {
    if (inFlight.current) return
    inFlight.current = true
    setBusy(true)
    setMessage(null)
    try {
      const text = await action()
      await reload()
      setMessage({ text, error: false })
    } catch (e) {
      setMessage({ text: toServiceError(e).message, error: true })
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }

  const join = (role: ActivityRoleView) =>
    run(async () => {
      const { signup } = await signUp(activity.id, role.index)
      return signup.status === 'waiting'
        ? `${role.name}已满，你在候补第 ${signup.waitingPlace ?? 1} 位；有人取消时会自动转为报名成功`
        : `已报名：${role.name}`
    })

  const cancel = async (s: MySignup) => {
    const late = Date.now() > new Date(s.freeCancelUntil).getTime() && s.status === 'confirmed'
    const { confirm } = await Taro.showModal({
      title: '取消报名',
      content: late
        ? `已过免费取消时间（${dayTime(s.freeCancelUntil)}），现在取消将记为一次缺席。确定取消吗？`
        : `确定取消「${s.roleName}」的报名吗？`,
      confirmText: '取消报名',
      cancelText: '再想想',
    })
    if (!confirm) return
    await run(async () => {
      const res = await cancelSignUp(s.id)
      return res.noShow ? '已取消，本次记为缺席' : '已取消报名'
    })
  }

  const confirmed = activity.mine.find((s) => s.status === 'confirmed')
  const promoted = activity.mine.find((s) => s.status === 'confirmed' && s.promotedAt)
  return (
    <View>
      <View className='card activity-card'>
        <Text className='points-title activity-title'>{activity.title}</Text>
        <Text className='points-meta activity-when'>{timeRange(activity.startAt, activity.endAt)}</Text>
        <Text className='points-meta activity-place'>地点：{activity.place}</Text>
        <Text className='points-meta'>
          面向：{activity.audience.name} · 发布：{activity.origin}
        </Text>
        <Text className='points-meta'>
          报名截止 {dayTime(activity.signUpClosesAt)} ·{' '}
          {activity.cancelBeforeHours
            ? `开始前 ${activity.cancelBeforeHours} 小时内取消记为缺席`
            : '开始前均可免费取消'}
        </Text>
        {activity.description ? <Text className='points-body'>{activity.description}</Text> : null}
        {activity.confirmedAt ? (
          <Text className='points-message activity-confirmed'>
            组织者已于 {dayTime(activity.confirmedAt)} 确认出勤，积分已发放
          </Text>
        ) : null}
      </View>

      {promoted ? (
        <Text className='points-message activity-promoted'>你已从候补转为报名成功：{promoted.roleName}</Text>
      ) : null}
      {activity.barred ? (
        <Text className='points-error activity-barred'>
          {activity.barred.reason}（{dayTime(activity.barred.until)} 后可再报名）
        </Text>
      ) : null}
      {message ? (
        <Text className={message.error ? 'points-error activity-message' : 'points-message activity-message'}>
          {message.text}
        </Text>
      ) : null}

      <View className='card activity-roles'>
        <View className='card__head'>
          <Text className='card__title'>岗位接龙</Text>
          <Text className='card__hint'>满员后报名进入候补</Text>
        </View>
        {activity.roles.map((role) => (
          <RoleRow
            key={role.index}
            role={role}
            mine={liveSignup(activity, role.index)}
            open={activity.status === 'open' && !activity.barred}
            busy={busy}
            onJoin={() => void join(role)}
            onCancel={(s) => void cancel(s)}
          />
        ))}
      </View>

      {activity.mine.some((s) => s.status === 'waiting') ? (
        <SubscribeCard
          name='points-subscribe'
          templateId={PROMOTED_TEMPLATE.id}
          title='候补转正提醒'
          hint='有人取消、你从候补转为报名成功时，微信提醒你一次。'
          accepted={() => '已订阅：转为报名成功时会提醒你'}
          declined='你没有允许接收提醒，可以稍后再订阅'
        />
      ) : null}
      {confirmed && !activity.confirmedAt ? (
        <CheckCard activityId={activity.id} signup={confirmed} busy={busy} run={run} />
      ) : null}
      {activity.mine.some((s) => s.points !== null) ? <EarnedCard mine={activity.mine} /> : null}

      {activity.organiser ? (
        <View className='card'>
          <Button
            className='activity-manage'
            type='primary'
            block
            onClick={() => void Taro.navigateTo({ url: pageUrl('attendance', { id: activity.id }) })}
          >
            签到管理（出示签到码、确认出勤）
          </Button>
        </View>
      ) : null}
      {process.env.TARO_ENV === 'weapp' ? (
        <View className='card'>
          <Button className='activity-share' fill='outline' type='primary' block openType='share'>
            分享到网格群
          </Button>
        </View>
      ) : null}
    </View>
  )
}

function RoleRow(props: {
  role: ActivityRoleView
  mine: MySignup | undefined
  open: boolean
  busy: boolean
  onJoin: () => void
  onCancel: (s: MySignup) => void
}) {
  const { role, mine } = props
  const full = role.filled >= role.quota
  return (
    <View className='points-row role-row'>
      <View className='points-row__main'>
        <Text className='points-row__title role-row__name'>{role.name}</Text>
        <Text className='points-row__sub role-row__count'>
          已报 {role.filled}/{role.quota}
          {role.waiting ? ` · 候补 ${role.waiting} 人` : ''}
        </Text>
        <Text className='points-row__sub'>{ruleText(role.rule)}</Text>
      </View>
      <View className='points-row__side'>
        {mine ? (
          <>
            <Text
              className={`points-status role-row__mine${mine.status === 'waiting' ? ' points-status--waiting' : ''}`}
            >
              {mine.status === 'waiting' ? `候补第 ${mine.waitingPlace ?? '-'} 位` : SIGNUP_STATUS_LABELS[mine.status]}
            </Text>
            {!mine.checkInAt ? (
              <Button
                className='role-row__cancel'
                size='small'
                fill='outline'
                disabled={props.busy}
                onClick={() => props.onCancel(mine)}
              >
                取消
              </Button>
            ) : null}
          </>
        ) : props.open ? (
          <Button
            className='role-row__signup'
            size='small'
            type='primary'
            fill={full ? 'outline' : 'solid'}
            disabled={props.busy}
            onClick={props.onJoin}
          >
            {full ? '候补报名' : '报名'}
          </Button>
        ) : null}
      </View>
    </View>
  )
}

/** 签到 / 签退: the organiser's code, scanned (weapp) or typed. */
function CheckCard(props: {
  activityId: string
  signup: MySignup
  busy: boolean
  run: (action: () => Promise<string>) => Promise<void>
}) {
  const { signup } = props
  const [code, setCode] = useState('')
  const kind = signup.checkInAt ? 'out' : 'in'
  if (signup.checkOutAt)
    return (
      <View className='card check-card'>
        <Text className='points-status check-done'>
          已签到 {dayTime(signup.checkInAt ?? signup.checkOutAt)} · 已签退 {dayTime(signup.checkOutAt)}
        </Text>
        <Text className='points-hint'>组织者确认出勤后，积分按岗位规则发放。</Text>
      </View>
    )
  const send = (text: string) =>
    props.run(async () => {
      const res = kind === 'in' ? await checkIn(props.activityId, text) : await checkOut(props.activityId, text)
      setCode('')
      return `${kind === 'in' ? '签到' : '签退'}成功（${dayTime(res.at)}）`
    })
  const scan = async () => {
    try {
      const text = await scanCode()
      if (text) await send(text)
    } catch (e) {
      void Taro.showToast({ title: toServiceError(e).message, icon: 'none' }).catch(() => undefined)
    }
  }
  return (
    <View className='card check-card'>
      <View className='card__head'>
        <Text className='card__title'>{kind === 'in' ? '签到' : '签退'}</Text>
        {signup.checkInAt ? <Text className='card__hint'>已签到 {dayTime(signup.checkInAt)}</Text> : null}
      </View>
      <Text className='points-hint'>
        {kind === 'in'
          ? '到达现场后，扫组织者出示的签到码，或输入码下方的 6 位数字。'
          : '服务结束时，扫组织者出示的签退码，或输入 6 位数字。'}
      </Text>
      {process.env.TARO_ENV === 'weapp' ? (
        <Button className='check-scan' type='primary' block disabled={props.busy} onClick={() => void scan()}>
          扫码{kind === 'in' ? '签到' : '签退'}
        </Button>
      ) : null}
      <Input
        className='points-code-input check-code'
        type='digit'
        maxLength={6}
        placeholder='输入 6 位数字'
        value={code}
        onChange={(v: string) => setCode(v.replace(/\D/g, ''))}
      />
      <Button
        className={kind === 'in' ? 'check-submit check-in' : 'check-submit check-out'}
        type='primary'
        fill='outline'
        block
        disabled={props.busy || code.length !== 6}
        onClick={() => void send(code)}
      >
        {kind === 'in' ? '签到' : '签退'}
      </Button>
    </View>
  )
}

function EarnedCard({ mine }: { mine: MySignup[] }) {
  return (
    <View className='card earned-card'>
      <View className='card__head'>
        <Text className='card__title'>我的服务</Text>
      </View>
      {mine
        .filter((s) => s.points !== null)
        .map((s) => (
          <View key={s.id} className='points-row'>
            <View className='points-row__main'>
              <Text className='points-row__title'>{s.roleName}</Text>
              <Text className='points-row__sub'>{hoursText(s.minutes ?? 0)}</Text>
            </View>
            <Text className='points-amount earned-points'>+{s.points}</Text>
          </View>
        ))}
    </View>
  )
}

function Missing() {
  return (
    <View className='page-state'>
      <Empty
        image={<EmptyMark glyph='志' />}
        title='没有找到这个活动'
        description='请从活动列表或群里的活动卡片打开。'
      />
    </View>
  )
}

function DetailError({ error, onRetry }: { error: ServiceError; onRetry: () => void }) {
  if (error.code === 'NOT_REGISTERED') return <NotJoinedState />
  if (error.code === 'NOT_FOUND') return <Missing />
  return <ErrorState error={error} onRetry={onRetry} />
}
