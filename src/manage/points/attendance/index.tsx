/**
 * 签到管理 (?id=<activityId>, the activity's organisers): the check-in (or check-out) code of this minute as a QR
 * code to scan and 6 digits to type, renewed every minute; the attendance sheet with each volunteer's check-in,
 * check-out, hours and points by the rule; 签到 / 签退 for someone from the list; 调整 a row's hours with a reason;
 * and 确认出勤, after which every attendee earns their points once.
 */
import { useEffect, useState } from 'react'
import { ChunkedList } from '../../../components/ChunkedList'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { ServiceError, toServiceError } from '../../../services/errors'
import {
  ACTIVITY_LIMITS,
  adjustAttendance,
  confirmAttendance,
  dayTime,
  getAttendance,
  getCheckCode,
  hoursText,
  markAttendance,
  SIGNUP_STATUS_LABELS,
  timeRange,
  type AttendanceRow,
  type CheckCodeResult,
  type CheckKind,
} from '../../../services/points'
import { QrImage } from '../../../points/components/VoucherQr'
import { usePages } from '../../../points/use-pages'
import { MoreFooter } from '../../../points/components/MoreFooter'
import { messageOf } from '../../format'
import { Button, Input } from '../../ui'
import { LeaderGate } from '../../components/LeaderGate'
import { anyScope, communityStaffScope } from '../scopes'
import { pageUrl } from '../../../routes'
import '../../manage.css'
import '../points-manage.css'
import '../../../points/points.css'
import './index.css'

const keyOf = (r: AttendanceRow) => r.signupId
const MINUTE = 60_000

export default function AttendancePage() {
  const id = useRouter().params.id ?? ''
  return (
    <LeaderGate className='app-page manage points-attendance' what='签到管理' scopeOf={anyScope}>
      {(roles) => <Attendance activityId={id} staff={communityStaffScope(roles) !== null} />}
    </LeaderGate>
  )
}

/** Rows per page of the sheet: a row is ~1.8 KB of setData, so 50 (the function's default) sent 88 KB at once. */
const SHEET_PAGE = 20

/** `staff`: community staff, who may take the confirmed sheet to Excel (导出志愿时长). */
function Attendance({ activityId, staff }: { activityId: string; staff: boolean }) {
  const sheet = usePages((page: number) => getAttendance(activityId, page, SHEET_PAGE), keyOf)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const [busy, setBusy] = useState(false)
  usePullDownRefresh(() => void sheet.reload().finally(() => Taro.stopPullDownRefresh()))

  if (sheet.status === 'loading' && !sheet.last) return <LoadingState />
  if (!sheet.last)
    return <ErrorState error={new ServiceError('INTERNAL', sheet.error)} onRetry={() => void sheet.reload()} />
  const { activity, total, checkedIn, confirmedAt } = sheet.last

  const act = async (work: () => Promise<string>) => {
    if (busy) return
    setBusy(true)
    setMessage(null)
    try {
      setMessage({ text: await work(), error: false })
    } catch (e) {
      setMessage({ text: messageOf(e), error: true })
    } finally {
      setBusy(false)
    }
  }

  const confirm = async () => {
    const { confirm: yes } = await Taro.showModal({
      title: '确认出勤',
      content: '确认后按各岗位规则给出勤的志愿者发放积分，没有服务时长的记为缺席，不能再调整。确定吗？',
      confirmText: '确认',
    })
    if (!yes) return
    await act(async () => {
      const res = await confirmAttendance(activityId)
      await sheet.reload()
      return `已确认出勤：${res.earned} 人获得积分，共 ${res.points} 分${res.noShows ? `；缺席 ${res.noShows} 人` : ''}`
    })
  }

  return (
    <View>
      <View className='card'>
        <Text className='points-title attendance-title'>{activity.title}</Text>
        <Text className='points-meta'>
          {timeRange(activity.startAt, activity.endAt)} · {activity.place}
        </Text>
        <Text className='points-meta attendance-summary'>
          已签到 {checkedIn} / {total} 人
        </Text>
      </View>

      {confirmedAt ? null : <CodeCard activityId={activityId} />}

      {message ? (
        <Text className={message.error ? 'manage-error attendance-message' : 'manage-message attendance-message'}>
          {message.text}
        </Text>
      ) : null}

      <View className='card attendance-sheet'>
        <View className='card__head'>
          <Text className='card__title'>出勤表</Text>
          <Text className='card__hint'>{confirmedAt ? `${dayTime(confirmedAt)} 已确认` : '确认前可调整'}</Text>
        </View>
        {sheet.rows.length ? null : <Text className='manage-hint'>还没有人报名</Text>}
        <ChunkedList rows={sheet.rows} keyOf={keyOf}>
          {(row) => (
            <SheetRow
              row={row}
              locked={!!confirmedAt}
              busy={busy}
              onMark={(kind) =>
                void act(async () => {
                  sheet.replace(await markAttendance(row.signupId, kind))
                  return `已为${row.name}${kind === 'in' ? '签到' : '签退'}`
                })
              }
              onAdjust={(minutes, reason) =>
                act(async () => {
                  sheet.replace(await adjustAttendance(row.signupId, minutes, reason))
                  return `已调整${row.name}的服务时长为 ${hoursText(minutes)}`
                })
              }
            />
          )}
        </ChunkedList>
        <MoreFooter
          status={sheet.status}
          more={sheet.more}
          error={sheet.error}
          onMore={() => void sheet.load(sheet.page + 1)}
        />
      </View>

      {confirmedAt && staff ? (
        <View className='pm-submit'>
          <Button
            className='attendance-export'
            fill='outline'
            type='primary'
            block
            onClick={() => void Taro.navigateTo({ url: pageUrl('exportHours', { activity: activityId }) })}
          >
            导出本活动志愿时长
          </Button>
        </View>
      ) : null}
      {confirmedAt ? null : (
        <View className='pm-submit'>
          <Button className='attendance-confirm' type='primary' block disabled={busy} onClick={() => void confirm()}>
            确认出勤并发放积分
          </Button>
        </View>
      )}
    </View>
  )
}

/** The code of this minute, renewed when the minute turns (the one before stays valid a minute more). */
function CodeCard({ activityId }: { activityId: string }) {
  const [kind, setKind] = useState<CheckKind>('in')
  const [code, setCode] = useState<CheckCodeResult | null>(null)
  const [error, setError] = useState('')
  useEffect(() => {
    let live = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const load = async () => {
      try {
        const res = await getCheckCode(activityId, kind)
        if (!live) return
        setCode(res)
        setError('')
      } catch (e) {
        if (live) setError(toServiceError(e).message)
      }
      // the next code as the minute turns
      if (live) timer = setTimeout(() => void load(), MINUTE - (Date.now() % MINUTE) + 200)
    }
    setCode(null)
    void load()
    return () => {
      live = false
      if (timer) clearTimeout(timer)
    }
  }, [activityId, kind])

  return (
    <View className='card code-card'>
      <View className='choice-row'>
        {(['in', 'out'] as const).map((k) => (
          <Text
            key={k}
            className={`choice code-kind code-kind--${k}${kind === k ? ' choice--active' : ''}`}
            onClick={() => setKind(k)}
          >
            {k === 'in' ? '签到码' : '签退码'}
          </Text>
        ))}
      </View>
      {error ? <Text className='manage-error'>{error}</Text> : null}
      {code ? (
        <View className='points-qr code-card__qr'>
          {code.open ? (
            <>
              <QrImage text={code.qr} className='points-qr__image code-qr' />
              <Text className='points-qr__code code-digits'>{code.code}</Text>
              <Text className='manage-hint'>请志愿者用微信扫码，或在活动页输入 6 位数字 · 每分钟自动更新</Text>
            </>
          ) : (
            <Text className='manage-hint code-closed'>
              {kind === 'in' ? '签到' : '签退'}时间：{dayTime(code.opensAt)} 至 {dayTime(code.closesAt)}，到时这里出示码
            </Text>
          )}
        </View>
      ) : error ? null : (
        <Text className='manage-hint'>正在生成…</Text>
      )}
    </View>
  )
}

function SheetRow(props: {
  row: AttendanceRow
  locked: boolean
  busy: boolean
  onMark: (kind: CheckKind) => void
  onAdjust: (minutes: number, reason: string) => Promise<void>
}) {
  const { row } = props
  const [editing, setEditing] = useState(false)
  const [minutes, setMinutes] = useState(String(row.minutes))
  const [reason, setReason] = useState('')
  const [error, setError] = useState('')
  const save = async () => {
    const m = /^\d+$/.test(minutes.trim()) ? Number(minutes.trim()) : NaN
    if (!(m >= 0 && m <= 24 * 60)) return setError('请填写 0 到 1440 之间的分钟数')
    if (reason.trim().length < 2) return setError('请写明调整原因')
    setError('')
    await props.onAdjust(m, reason)
    setEditing(false)
    setReason('')
  }
  return (
    <View className='sheet-row'>
      <View className='points-row'>
        <View className='points-row__main'>
          <Text className='points-row__title sheet-row__name'>
            {row.name} · {row.roleName}
          </Text>
          <Text className='points-row__sub sheet-row__times'>
            签到 {row.checkInAt ? dayTime(row.checkInAt) : '—'} · 签退 {row.checkOutAt ? dayTime(row.checkOutAt) : '—'}
          </Text>
          {row.adjusted ? (
            <Text className='points-row__sub sheet-row__adjusted'>
              已调整：{row.adjusted.reason}（{row.adjusted.by}）
            </Text>
          ) : null}
        </View>
        <View className='points-row__side'>
          <Text className='points-status sheet-row__hours'>{hoursText(row.minutes)}</Text>
          <Text className='points-row__sub sheet-row__points'>
            {row.earned ? `已得 ${row.points} 分` : `${row.points} 分`}
          </Text>
          {row.status !== 'confirmed' ? (
            <Text className='points-row__sub'>{SIGNUP_STATUS_LABELS[row.status]}</Text>
          ) : null}
        </View>
      </View>
      {props.locked || row.status !== 'confirmed' ? null : (
        <View className='manage-row-actions sheet-row__actions'>
          {!row.checkInAt ? (
            <Button
              className='sheet-row__in'
              size='small'
              fill='outline'
              disabled={props.busy}
              onClick={() => props.onMark('in')}
            >
              代签到
            </Button>
          ) : !row.checkOutAt ? (
            <Button
              className='sheet-row__out'
              size='small'
              fill='outline'
              disabled={props.busy}
              onClick={() => props.onMark('out')}
            >
              代签退
            </Button>
          ) : null}
          <Button
            className='sheet-row__adjust'
            size='small'
            fill='outline'
            type='primary'
            onClick={() => setEditing(!editing)}
          >
            调整时长
          </Button>
        </View>
      )}
      {editing ? (
        <View className='manage-form sheet-adjust'>
          <Text className='manage-form__label'>服务时长（分钟）</Text>
          <Input
            className='pm-input sheet-adjust__minutes'
            type='number'
            value={minutes}
            onChange={(v: string) => setMinutes(v)}
          />
          <Text className='manage-form__label pm-field'>调整原因（必填）</Text>
          <Input
            className='pm-input sheet-adjust__reason'
            placeholder='如：提前到岗协助布置，补录签到'
            maxLength={ACTIVITY_LIMITS.reason}
            value={reason}
            onChange={(v: string) => setReason(v)}
          />
          {error ? <Text className='manage-error'>{error}</Text> : null}
          <View className='manage-row-actions pm-field'>
            <Button
              className='sheet-adjust__save'
              size='small'
              type='primary'
              disabled={props.busy}
              onClick={() => void save()}
            >
              保存
            </Button>
            <Button size='small' fill='outline' onClick={() => setEditing(false)}>
              取消
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  )
}
