/**
 * 发布志愿活动 (party group leaders, grid chiefs, community staff): title, place, what to do, the day and times, the
 * posts (岗位) with their quotas and points rule (per hour, night multiplier, cap per sign-up), and how late one may
 * cancel for free. It is open to the poster's grid (or community). A text the content check refuses says why and
 * the form stays as typed. A posted activity opens its page, to share into the grid's group.
 */
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { RoleTag } from '../../../components/RoleTag'
import { pageUrl } from '../../../routes'
import type { RoleView } from '../../../services/grid'
import { ACTIVITY_LIMITS, postActivity } from '../../../services/points'
import { messageOf } from '../../format'
import { Button, Input } from '../../ui'
import { LeaderGate } from '../../components/LeaderGate'
import { organiserScope } from '../scopes'
import '../../manage.css'
import '../points-manage.css'

export default function PostActivityPage() {
  return (
    <LeaderGate className='app-page manage points-post' what='发布志愿活动' scopeOf={organiserScope}>
      {(scope) => <PostForm scope={scope} />}
    </LeaderGate>
  )
}

interface RoleDraft {
  name: string
  quota: string
  pointsPerHour: string
  cap: string
  night: number
}

const NIGHT = [1, 1.5, 2] as const
/** 0: free to cancel until the start. */
const CANCEL_HOURS = [0, 1, 3, 6, 12, 24] as const
const DAYS = 7
const DAY_MS = 24 * 60 * 60 * 1000
const TIME = /^([01]?\d|2[0-3])[:：]([0-5]\d)$/

const blankRole = (name = ''): RoleDraft => ({ name, quota: '2', pointsPerHour: '10', cap: '40', night: 1 })

/** Today and the next six days, as 今天 / 明天 / 12月5日. */
function dayChoices(now: Date): { label: string; date: Date }[] {
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate())
  return Array.from({ length: DAYS }, (_, i) => {
    const date = new Date(midnight.getTime() + i * DAY_MS)
    const label = i === 0 ? '今天' : i === 1 ? '明天' : `${date.getMonth() + 1}月${date.getDate()}日`
    return { label, date }
  })
}

/** The day at HH:MM (device time), or null when the text is not a time. */
function at(day: Date, text: string): Date | null {
  const m = TIME.exec(text.trim())
  if (!m) return null
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), Number(m[1]), Number(m[2]))
}

const int = (s: string): number => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN)

function PostForm({ scope }: { scope: RoleView }) {
  const [title, setTitle] = useState('')
  const [place, setPlace] = useState('')
  const [description, setDescription] = useState('')
  const [days] = useState(() => dayChoices(new Date()))
  const [day, setDay] = useState(1)
  const [start, setStart] = useState('09:00')
  const [end, setEnd] = useState('11:00')
  const [roles, setRoles] = useState<RoleDraft[]>([blankRole('信息录入'), blankRole('秩序维护')])
  const [cancelHours, setCancelHours] = useState(3)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const setRole = (i: number, patch: Partial<RoleDraft>) => {
    setError('')
    setRoles((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  }

  /** The payload, or the first thing to fix (in plain words). */
  function draft(): Parameters<typeof postActivity>[0] | string {
    if (!title.trim()) return '请填写活动名称'
    if (!place.trim()) return '请填写活动地点'
    const startAt = at(days[day].date, start)
    const endAt = at(days[day].date, end)
    if (!startAt || !endAt) return '请按“09:00”的格式填写开始和结束时间'
    if (endAt <= startAt) return '结束时间要晚于开始时间'
    const posts = []
    for (const [i, r] of roles.entries()) {
      const [quota, pointsPerHour, cap] = [int(r.quota), int(r.pointsPerHour), int(r.cap)]
      if (!r.name.trim()) return `请填写第 ${i + 1} 个岗位的名称`
      if (!(quota >= 1 && quota <= ACTIVITY_LIMITS.quota))
        return `「${r.name}」的人数应为 1 到 ${ACTIVITY_LIMITS.quota}`
      if (!(pointsPerHour >= 0 && pointsPerHour <= ACTIVITY_LIMITS.pointsPerHour))
        return `「${r.name}」每小时积分应为 0 到 ${ACTIVITY_LIMITS.pointsPerHour}`
      if (!(cap >= 1 && cap <= ACTIVITY_LIMITS.cap)) return `「${r.name}」单次上限应为 1 到 ${ACTIVITY_LIMITS.cap}`
      posts.push({ name: r.name.trim(), quota, rule: { pointsPerHour, cap, nightMultiplier: r.night } })
    }
    return {
      title: title.trim(),
      place: place.trim(),
      description: description.trim(),
      startAt: startAt.toISOString(),
      endAt: endAt.toISOString(),
      audience: { kind: scope.role === 'communityStaff' ? 'community' : 'grid', id: scope.unitId },
      roles: posts,
      cancelBeforeHours: cancelHours,
    }
  }

  const submit = async () => {
    const input = draft()
    if (typeof input === 'string') {
      setError(input)
      return
    }
    setBusy(true)
    setError('')
    try {
      const activity = await postActivity(input)
      void Taro.showToast({ title: '已发布', icon: 'success' }).catch(() => undefined)
      await Taro.redirectTo({ url: pageUrl('activity', { id: activity.id }) })
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  const edit = (set: (v: string) => void) => (v: string) => {
    set(v)
    setError('')
  }

  return (
    <View>
      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>发布志愿活动</Text>
          <RoleTag role={scope.role} />
        </View>
        <Text className='manage-form__label'>面向：{scope.unitName}的居民</Text>
        <View className='pm-field'>
          <Text className='manage-form__label'>活动名称</Text>
          <Input
            className='pm-input pa-title'
            placeholder='如：周六核酸检测点志愿服务'
            maxLength={ACTIVITY_LIMITS.title}
            value={title}
            onChange={edit(setTitle)}
          />
        </View>
        <View className='pm-field'>
          <Text className='manage-form__label'>地点</Text>
          <Input
            className='pm-input pa-place'
            placeholder='如：小区东门广场'
            maxLength={ACTIVITY_LIMITS.place}
            value={place}
            onChange={edit(setPlace)}
          />
        </View>
        <View className='pm-field'>
          <Text className='manage-form__label'>活动说明（选填）</Text>
          <Textarea
            className='pm-textarea pa-description'
            placeholder='做什么、带什么、集合时间'
            maxlength={ACTIVITY_LIMITS.description}
            value={description}
            onInput={(e) => edit(setDescription)(e.detail.value)}
          />
        </View>
      </View>

      <View className='card'>
        <Text className='manage-form__label'>日期</Text>
        <View className='choice-row'>
          {days.map((d, i) => (
            <Text
              key={d.label}
              className={`choice pa-day pa-day--${i}${day === i ? ' choice--active' : ''}`}
              onClick={() => setDay(i)}
            >
              {d.label}
            </Text>
          ))}
        </View>
        <View className='pm-pair pm-field'>
          <View>
            <Text className='manage-form__label'>开始时间</Text>
            <Input
              className='pm-input pa-start'
              placeholder='09:00'
              maxLength={5}
              value={start}
              onChange={edit(setStart)}
            />
          </View>
          <View>
            <Text className='manage-form__label'>结束时间</Text>
            <Input className='pm-input pa-end' placeholder='11:00' maxLength={5} value={end} onChange={edit(setEnd)} />
          </View>
        </View>
        <Text className='manage-form__label pm-field'>开始前多久内取消记为缺席</Text>
        <View className='choice-row'>
          {CANCEL_HOURS.map((h) => (
            <Text
              key={h}
              className={`choice pa-cancel pa-cancel--${h}${cancelHours === h ? ' choice--active' : ''}`}
              onClick={() => setCancelHours(h)}
            >
              {h ? `${h} 小时` : '不记缺席'}
            </Text>
          ))}
        </View>
      </View>

      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>岗位与积分</Text>
          <Text className='card__hint'>按实际服务时长计分</Text>
        </View>
        {roles.map((r, i) => (
          <View key={i} className={`pm-role pa-role pa-role--${i}`}>
            <View className='pm-role__head'>
              <Text className='pm-role__title'>岗位 {i + 1}</Text>
              {roles.length > 1 ? (
                <Text className='pm-role__remove' onClick={() => setRoles((rs) => rs.filter((_, j) => j !== i))}>
                  删除
                </Text>
              ) : null}
            </View>
            <View className='pm-pair pm-field'>
              <View>
                <Text className='manage-form__label'>名称</Text>
                <Input
                  className='pm-input pa-role-name'
                  placeholder='如：信息录入'
                  maxLength={ACTIVITY_LIMITS.roleName}
                  value={r.name}
                  onChange={(v: string) => setRole(i, { name: v })}
                />
              </View>
              <View>
                <Text className='manage-form__label'>人数</Text>
                <Input
                  className='pm-input pa-role-quota'
                  type='number'
                  value={r.quota}
                  onChange={(v: string) => setRole(i, { quota: v })}
                />
              </View>
            </View>
            <View className='pm-pair pm-field'>
              <View>
                <Text className='manage-form__label'>每小时积分</Text>
                <Input
                  className='pm-input pa-role-rate'
                  type='number'
                  value={r.pointsPerHour}
                  onChange={(v: string) => setRole(i, { pointsPerHour: v })}
                />
              </View>
              <View>
                <Text className='manage-form__label'>单次最多</Text>
                <Input
                  className='pm-input pa-role-cap'
                  type='number'
                  value={r.cap}
                  onChange={(v: string) => setRole(i, { cap: v })}
                />
              </View>
            </View>
            <Text className='manage-form__label pm-field'>夜间（22点至次日6点）</Text>
            <View className='choice-row'>
              {NIGHT.map((m) => (
                <Text
                  key={m}
                  className={`choice pa-night${r.night === m ? ' choice--active' : ''}`}
                  onClick={() => setRole(i, { night: m })}
                >
                  {m === 1 ? '不加倍' : `×${m}`}
                </Text>
              ))}
            </View>
          </View>
        ))}
        {roles.length < ACTIVITY_LIMITS.roles ? (
          <Button
            className='pa-add-role'
            fill='outline'
            type='primary'
            block
            onClick={() => setRoles((rs) => [...rs, blankRole()])}
          >
            + 添加岗位
          </Button>
        ) : null}
      </View>

      {error ? <Text className='manage-error pa-error'>{error}</Text> : null}
      <View className='pm-submit'>
        <Button className='pa-submit' type='primary' block loading={busy} onClick={() => void submit()}>
          发布活动
        </Button>
      </View>
    </View>
  )
}
