/**
 * 积分规则 (community staff): the volunteering rules their community lives by — how late cancelling is free, how
 * many no-shows in how long bar signing up and for how many days, when check-in opens and closes, the night hours of
 * a night multiplier, star levels, how many teams one may join, when points expire, and how much each role may grant
 * or deduct a month. Changed rules are marked; 恢复默认 fills in the defaults (still to be saved). The form checks
 * itself with the cloud's own schema before sending; a change someone else saved meanwhile is refused and reloaded.
 */
import { useEffect, useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import { RULE_BOUNDS, RULE_LABELS, ruleValueText, volunteerRulesSchema } from '../../../../core/points/settings'
import { ADJUSTER_ROLES, type AdjusterRole } from '../../../../core/points/rules'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { RoleTag } from '../../../components/RoleTag'
import type { RoleView } from '../../../services/grid'
import { getRules, updateRules, type RulesView, type VolunteerRules } from '../../../services/points'
import { toServiceError, type ServiceError } from '../../../services/errors'
import { formatTime, messageOf } from '../../format'
import { Button } from '../../ui'
import { LeaderGate } from '../../components/LeaderGate'
import { Choices, Field, TextField, wholeNumber } from '../components/FormField'
import { communityStaffScope } from '../scopes'
import '../../manage.css'
import '../points-manage.css'

export default function RulesPage() {
  return (
    <LeaderGate className='app-page manage points-rules' what='积分规则' scopeOf={communityStaffScope}>
      {(scope) => <Rules scope={scope} />}
    </LeaderGate>
  )
}

/** The plain number rules, each typed as a whole number. */
const NUMBERS = [
  ['cancelBeforeHours', '小时'],
  ['noShowLimit', '次'],
  ['noShowWindowDays', '天'],
  ['barDays', '天'],
  ['checkOpensBeforeMinutes', '分钟'],
  ['checkClosesAfterMinutes', '分钟'],
  ['teamLimit', '个'],
] as const
type NumberRule = (typeof NUMBERS)[number][0]

const ROLE_WORDS: Record<AdjusterRole, string> = {
  partyLeader: '党小组长',
  gridChief: '网格长',
  communityStaff: '社区工作者',
  streetStaff: '街道工作者',
}

const HOURS = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`)
const EXPIRY_KINDS = ['env', 'thisYear', 'nextYear', 'twoYears', 'days'] as const
type ExpiryKind = (typeof EXPIRY_KINDS)[number]
const EXPIRY_WORDS: Record<ExpiryKind, string> = {
  env: '按本环境',
  thisYear: '当年年底',
  nextYear: '次年年底',
  twoYears: '两年后年底',
  days: '获得后若干天',
}

/** What the form holds: numbers as typed. */
interface Draft {
  numbers: Record<NumberRule, string>
  nightFromHour: number
  nightToHour: number
  stars: string[]
  expiry: ExpiryKind
  expiryDays: string
  limits: Record<AdjusterRole, { grant: string; deduct: string }>
}

function draftOf(r: VolunteerRules): Draft {
  const e = r.expiry
  return {
    numbers: Object.fromEntries(NUMBERS.map(([k]) => [k, String(r[k])])) as Record<NumberRule, string>,
    nightFromHour: r.nightFromHour,
    nightToHour: r.nightToHour,
    stars: Array.from({ length: RULE_BOUNDS.starHours.levels }, (_, i) =>
      r.starHours[i] ? String(r.starHours[i]) : '',
    ),
    expiry: !e
      ? 'env'
      : e.kind === 'days'
        ? 'days'
        : e.yearsAfter === 0
          ? 'thisYear'
          : e.yearsAfter === 1
            ? 'nextYear'
            : 'twoYears',
    expiryDays: e?.kind === 'days' ? String(e.days) : '365',
    limits: Object.fromEntries(
      ADJUSTER_ROLES.map((role) => [
        role,
        { grant: String(r.adjustLimits[role].grant), deduct: String(r.adjustLimits[role].deduct) },
      ]),
    ) as Draft['limits'],
  }
}

function rulesOf(d: Draft): unknown {
  const years = { thisYear: 0, nextYear: 1, twoYears: 2 } as const
  return {
    ...Object.fromEntries(NUMBERS.map(([k]) => [k, wholeNumber(d.numbers[k])])),
    nightFromHour: d.nightFromHour,
    nightToHour: d.nightToHour,
    starHours: d.stars.filter((s) => s.trim()).map(wholeNumber),
    expiry:
      d.expiry === 'env'
        ? null
        : d.expiry === 'days'
          ? { kind: 'days', days: wholeNumber(d.expiryDays) }
          : { kind: 'endOfYear', yearsAfter: years[d.expiry] },
    adjustLimits: Object.fromEntries(
      ADJUSTER_ROLES.map((role) => [
        role,
        { grant: wholeNumber(d.limits[role].grant), deduct: wholeNumber(d.limits[role].deduct) },
      ]),
    ),
  }
}

function Rules({ scope }: { scope: RoleView }) {
  const [view, setView] = useState<RulesView | null>(null)
  const [loadError, setLoadError] = useState<ServiceError | null>(null)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)

  const load = async () => {
    setLoadError(null)
    try {
      const v = await getRules(scope.unitId)
      setView(v)
      setDraft(draftOf(v.rules))
    } catch (e) {
      setLoadError(toServiceError(e))
    }
  }
  useEffect(() => {
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scope.unitId])

  if (loadError) return <ErrorState error={loadError} onRetry={() => void load()} />
  if (!view || !draft) return <LoadingState />

  const change = (patch: Partial<Draft>) => {
    setMessage(null)
    setDraft({ ...draft, ...patch })
  }
  const changed = new Set(view.changed)
  const mark = (k: keyof VolunteerRules) => (changed.has(k) ? `（已调整，默认${ruleValueText(k, view.defaults)}）` : '')

  const save = async () => {
    const parsed = volunteerRulesSchema.safeParse(rulesOf(draft))
    if (!parsed.success) return setMessage({ text: parsed.error.issues[0].message, error: true })
    setBusy(true)
    setMessage(null)
    try {
      const next = await updateRules({ communityId: view.community.id, version: view.version, rules: parsed.data })
      setView(next)
      setDraft(draftOf(next.rules))
      setMessage({ text: '已保存，新规则从现在起生效', error: false })
    } catch (e) {
      const stale = toServiceError(e).code === 'POINTS_RULES_STALE'
      setMessage({ text: stale ? `${messageOf(e)}（已刷新为最新规则）` : messageOf(e), error: true })
      if (stale) await load()
    } finally {
      setBusy(false)
    }
  }

  return (
    <View>
      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>{view.community.name}积分规则</Text>
          <RoleTag role={scope.role} />
        </View>
        <Text className='manage-hint rules-updated'>
          {view.updatedAt ? `${view.updatedBy ?? ''}于 ${formatTime(view.updatedAt)} 修改` : '目前使用默认规则'}
        </Text>
      </View>

      <View className='card'>
        <Text className='card__title'>报名与缺席</Text>
        {NUMBERS.map(([k, unit]) => (
          <TextField
            key={k}
            label={`${RULE_LABELS[k]}（${unit}）${mark(k)}`}
            inputClass={`rules-${k}`}
            type='number'
            value={draft.numbers[k]}
            onChange={(v) => change({ numbers: { ...draft.numbers, [k]: v } })}
          />
        ))}
      </View>

      <View className='card'>
        <Text className='card__title'>夜间时段与星级</Text>
        <View className='pm-pair'>
          {(['nightFromHour', 'nightToHour'] as const).map((k) => (
            <Field key={k} label={`${RULE_LABELS[k]}${mark(k)}`}>
              <Picker
                mode='selector'
                range={HOURS}
                value={draft[k]}
                onChange={(e) => change({ [k]: Number(e.detail.value) })}
              >
                <Text className={`dt-field__time rules-${k}`}>{HOURS[draft[k]]}</Text>
              </Picker>
            </Field>
          ))}
        </View>
        <Text className='manage-hint'>开始与结束相同则不计夜间。</Text>
        <Field label={`星级所需累计时长（小时，从一星到五星，可少设几级）${mark('starHours')}`}>
          <View className='pm-pair'>
            {draft.stars.map((s, i) => (
              <TextField
                key={i}
                label={`${i + 1}星`}
                inputClass={`rules-star rules-star--${i}`}
                type='number'
                value={s}
                onChange={(v) => change({ stars: draft.stars.map((x, j) => (j === i ? v : x)) })}
              />
            ))}
          </View>
        </Field>
      </View>

      <View className='card'>
        <Text className='card__title'>积分有效期{mark('expiry')}</Text>
        <Choices
          options={EXPIRY_KINDS}
          value={draft.expiry}
          onChange={(expiry) => change({ expiry })}
          label={(k) => EXPIRY_WORDS[k]}
          chipClass={(k) => `rules-expiry rules-expiry--${k}`}
        />
        {draft.expiry === 'days' ? (
          <TextField
            label='获得后多少天到期'
            inputClass='rules-expiry-days'
            type='number'
            value={draft.expiryDays}
            onChange={(expiryDays) => change({ expiryDays })}
          />
        ) : null}
        {draft.expiry === 'env' ? (
          <Text className='manage-hint'>
            本环境的设置：{ruleValueText('expiry', { ...view.rules, expiry: view.defaultExpiry })}
          </Text>
        ) : null}
      </View>

      <View className='card'>
        <Text className='card__title'>每月调整额度（分）{mark('adjustLimits')}</Text>
        {ADJUSTER_ROLES.map((role) => (
          <View key={role} className='pm-pair'>
            {(['grant', 'deduct'] as const).map((way) => (
              <TextField
                key={way}
                label={`${ROLE_WORDS[role]}${way === 'grant' ? '奖励' : '扣减'}`}
                inputClass={`rules-limit rules-limit--${role}-${way}`}
                type='number'
                value={draft.limits[role][way]}
                onChange={(v) => change({ limits: { ...draft.limits, [role]: { ...draft.limits[role], [way]: v } } })}
              />
            ))}
          </View>
        ))}
      </View>

      {message ? (
        <Text className={message.error ? 'manage-error pa-error rules-error' : 'manage-message pa-error rules-done'}>
          {message.text}
        </Text>
      ) : null}
      <View className='pm-submit'>
        <Button
          className='rules-save'
          type='primary'
          block
          loading={busy}
          disabled={!view.canEdit}
          onClick={() => void save()}
        >
          保存规则
        </Button>
      </View>
      <View className='pm-submit'>
        <Button
          className='rules-defaults'
          fill='outline'
          type='primary'
          block
          disabled={busy}
          onClick={() => change(draftOf(view.defaults))}
        >
          恢复默认（保存后生效）
        </Button>
      </View>
    </View>
  )
}
