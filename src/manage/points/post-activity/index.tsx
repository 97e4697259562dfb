/**
 * 发布志愿活动 (party group leaders, grid chiefs, community staff): title, place, what to do, the start and end and the
 * sign-up window (picked on the date and time wheels), the posts (岗位) with their quotas and points rule (per hour,
 * night multiplier, cap per sign-up), and how late one may cancel for free (by default the community's rule). It is
 * open to the poster's grid (or community). A text the content check refuses says why and the form stays as typed.
 * A posted activity opens its page, to share into the grid's group.
 */
import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { addDays, beijingAt, beijingToday } from '../../../../core/beijing-time'
import { RoleTag } from '../../../components/RoleTag'
import { pageUrl } from '../../../routes'
import type { RoleView } from '../../../services/grid'
import { ACTIVITY_LIMITS, getRules, postActivity, type VolunteerRules } from '../../../services/points'
import { messageOf } from '../../format'
import { Button } from '../../ui'
import { DateTimeField } from '../../components/DateTimeField'
import { LeaderGate } from '../../components/LeaderGate'
import { Choices, Field, TextField, wholeNumber } from '../components/FormField'
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
/** 'community': the community's rule (points.rules); 0: free to cancel until the start. */
const CANCEL_HOURS = ['community', 0, 1, 3, 6, 12, 24] as const
type CancelChoice = (typeof CANCEL_HOURS)[number]
const HOUR_MS = 60 * 60 * 1000
const DAY_MS = 24 * HOUR_MS
/** Posting reaches half a year ahead (core/points/activity.ts). */
const AHEAD_DAYS = 180

/** A post's typed fields, two to a row. */
const ROLE_FIELDS: { key: 'name' | 'quota' | 'pointsPerHour' | 'cap'; label: string; inputClass: string }[][] = [
  [
    { key: 'name', label: '名称', inputClass: 'pa-role-name' },
    { key: 'quota', label: '人数', inputClass: 'pa-role-quota' },
  ],
  [
    { key: 'pointsPerHour', label: '每小时积分', inputClass: 'pa-role-rate' },
    { key: 'cap', label: '单次最多', inputClass: 'pa-role-cap' },
  ],
]

const blankRole = (name = ''): RoleDraft => ({ name, quota: '2', pointsPerHour: '10', cap: '40', night: 1 })

/** Tomorrow at `hour`:00, Beijing time. */
const tomorrowAt = (hour: number): Date => beijingAt(addDays(beijingToday(), 1), `${hour}:00`)

const hourText = (h: number): string => `${h}点`

function PostForm({ scope }: { scope: RoleView }) {
  const [title, setTitle] = useState('')
  const [place, setPlace] = useState('')
  const [description, setDescription] = useState('')
  const [startAt, setStartAt] = useState(() => tomorrowAt(9))
  const [endAt, setEndAt] = useState(() => tomorrowAt(11))
  const [opensAt, setOpensAt] = useState(() => new Date())
  /** null: sign-up closes at the start (and follows it when the start moves). */
  const [closesAt, setClosesAt] = useState<Date | null>(null)
  const [roles, setRoles] = useState<RoleDraft[]>([blankRole('信息录入'), blankRole('秩序维护')])
  const [cancelHours, setCancelHours] = useState<CancelChoice>('community')
  const [rules, setRules] = useState<VolunteerRules | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  // the community's rules name the default cancel hours and the night hours; the form works without them
  useEffect(() => {
    let live = true
    getRules(scope.unitId).then(
      (view) => live && setRules(view.rules),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [scope.unitId])

  const setRole = (i: number, patch: Partial<RoleDraft>) => {
    setError('')
    setRoles((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  }

  /** A new start moves the end with it (the length stays). */
  const moveStart = (next: Date) => {
    setError('')
    setEndAt((end) => new Date(next.getTime() + Math.max(HOUR_MS, end.getTime() - startAt.getTime())))
    setStartAt(next)
  }

  /** The payload, or the first thing to fix (in plain words). */
  function draft(): Parameters<typeof postActivity>[0] | string {
    if (!title.trim()) return '请填写活动名称'
    if (!place.trim()) return '请填写活动地点'
    const now = new Date()
    if (startAt <= now) return '开始时间应在现在之后'
    if (endAt <= startAt) return '结束时间要晚于开始时间'
    const closes = closesAt ?? startAt
    if (closes > startAt) return '报名应在活动开始前截止'
    if (closes <= opensAt) return '报名截止时间应晚于报名开始时间'
    const posts = []
    for (const [i, r] of roles.entries()) {
      const [quota, pointsPerHour, cap] = [wholeNumber(r.quota), wholeNumber(r.pointsPerHour), wholeNumber(r.cap)]
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
      // a window opening now (or already) is the default: sign-up opens as it is posted
      ...(opensAt > now ? { signUpOpensAt: opensAt.toISOString() } : {}),
      ...(closesAt ? { signUpClosesAt: closesAt.toISOString() } : {}),
      audience: { kind: scope.role === 'communityStaff' ? 'community' : 'grid', id: scope.unitId },
      roles: posts,
      ...(cancelHours === 'community' ? {} : { cancelBeforeHours: cancelHours }),
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

  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v)
      setError('')
    }
  const today = new Date()
  const lastDay = new Date(today.getTime() + AHEAD_DAYS * DAY_MS)
  const night = rules ? `${hourText(rules.nightFromHour)}至次日${hourText(rules.nightToHour)}` : '按社区规定的夜间时段'
  const cancelLabel = (h: CancelChoice) =>
    h === 'community' ? `按社区规定${rules ? `（${rules.cancelBeforeHours} 小时）` : ''}` : h ? `${h} 小时` : '不记缺席'

  return (
    <View>
      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>发布志愿活动</Text>
          <RoleTag role={scope.role} />
        </View>
        <Text className='manage-form__label'>面向：{scope.unitName}的居民</Text>
        <TextField
          label='活动名称'
          inputClass='pa-title'
          placeholder='如：周六核酸检测点志愿服务'
          maxLength={ACTIVITY_LIMITS.title}
          value={title}
          onChange={edit(setTitle)}
        />
        <TextField
          label='地点'
          inputClass='pa-place'
          placeholder='如：小区东门广场'
          maxLength={ACTIVITY_LIMITS.place}
          value={place}
          onChange={edit(setPlace)}
        />
        <Field label='活动说明（选填）'>
          <Textarea
            className='pm-textarea pa-description'
            placeholder='做什么、带什么、集合时间'
            maxlength={ACTIVITY_LIMITS.description}
            value={description}
            onInput={(e) => edit(setDescription)(e.detail.value)}
          />
        </Field>
      </View>

      <View className='card'>
        <DateTimeField
          className='pa-start'
          label='开始'
          value={startAt}
          onChange={moveStart}
          start={today}
          end={lastDay}
        />
        <DateTimeField
          className='pa-end'
          label='结束'
          value={endAt}
          onChange={edit(setEndAt)}
          start={today}
          end={lastDay}
        />
        <DateTimeField
          className='pa-opens'
          label='报名开始（默认发布即开始）'
          value={opensAt}
          onChange={edit(setOpensAt)}
          start={today}
          end={lastDay}
        />
        <DateTimeField
          className='pa-closes'
          label='报名截止（默认活动开始时）'
          value={closesAt ?? startAt}
          onChange={edit(setClosesAt)}
          start={today}
          end={lastDay}
        />
        <Field label='开始前多久内取消记为缺席'>
          <Choices
            options={CANCEL_HOURS}
            value={cancelHours}
            onChange={setCancelHours}
            label={cancelLabel}
            chipClass={(h) => `pa-cancel pa-cancel--${h}`}
          />
        </Field>
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
            {ROLE_FIELDS.map((pair) => (
              <View key={pair[0].key} className='pm-pair'>
                {pair.map((f) => (
                  <TextField
                    key={f.key}
                    label={f.label}
                    inputClass={f.inputClass}
                    type={f.key === 'name' ? 'text' : 'number'}
                    placeholder={f.key === 'name' ? '如：信息录入' : undefined}
                    maxLength={f.key === 'name' ? ACTIVITY_LIMITS.roleName : undefined}
                    value={r[f.key]}
                    onChange={(v) => setRole(i, { [f.key]: v })}
                  />
                ))}
              </View>
            ))}
            <Field label={`夜间（${night}）`}>
              <Choices
                options={NIGHT}
                value={r.night as (typeof NIGHT)[number]}
                onChange={(m) => setRole(i, { night: m })}
                label={(m) => (m === 1 ? '不加倍' : `×${m}`)}
                chipClass={() => 'pa-night'}
              />
            </Field>
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
