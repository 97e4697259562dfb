/**
 * 诉求设置. Community staff: which categories residents may report, and each one's limits — to respond (contact the
 * resident or arrive) and to resolve, in hours, counted every hour (自然时) or only in working hours (工作时) — the
 * urgent limit, after how many days an unrated request closes itself, and when 回头看 falls due. Street staff: the
 * departments the street whistles for (吹哨) with their 报到 limits, and the holidays and 调休 workdays working hours
 * skip or add. Saved through requests.updateSettings; what is not changed keeps the defaults.
 */
import { useCallback, useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { useRemote } from '../../../hooks/use-remote'
import {
  getRequestSettings,
  LIMIT_BASIS_LABELS,
  REQUEST_LIMITS,
  updateRequestSettings,
  type CategoryView,
  type DepartmentView,
  type LimitBasis,
  type SettingsView,
} from '../../../services/requests'
import { messageOf } from '../../format'
import { Button, Input, Switch } from '../../ui'
import { LeaderGate } from '../../components/LeaderGate'
import { ScopeChips } from '../ScopeChips'
import { beijingToday, settingsScopes, type RequestScope } from '../scope'
import '../../manage.css'
import '../requests-manage.css'

export default function SettingsPage() {
  return (
    <LeaderGate className='app-page manage requests-settings' what='诉求设置' scopeOf={settingsScopes}>
      {(scopes) => <Settings scopes={scopes} />}
    </LeaderGate>
  )
}

function Settings({ scopes }: { scopes: RequestScope[] }) {
  const [scope, setScope] = useState(scopes[0])
  const fetch = useCallback(() => getRequestSettings(scope.unitId), [scope.unitId])
  const { state, reload } = useRemote(fetch)
  return (
    <View>
      <ScopeChips scopes={scopes} value={scope} onChange={setScope} />
      {state.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'error' ? <ErrorState error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' ? <Half scope={scope} settings={state.data} /> : null}
    </View>
  )
}

/**
 * The half the scope's role may save, as the server says (`editable`, the rule requests.updateSettings refuses
 * by): community staff their community's categories and limits, street staff their street's departments and
 * calendar; never the other's.
 */
function Half({ scope, settings }: { scope: RequestScope; settings: SettingsView }) {
  if (scope.role === 'communityStaff' && settings.editable.community) {
    return <CommunityForm key={scope.key} unitId={scope.unitId} name={scope.name} settings={settings} />
  }
  if (scope.role === 'streetStaff' && settings.editable.street) {
    return <StreetForm key={scope.key} unitId={scope.unitId} name={scope.name} settings={settings} />
  }
  return (
    <View className='card'>
      <Text className='manage-hint settings-readonly'>{scope.name}的诉求设置不由您修改。</Text>
    </View>
  )
}

/** A number typed into a field (hours may have a half), or NaN. */
const num = (s: string): number => (/^\d+(\.\d+)?$/.test(s.trim()) ? Number(s.trim()) : NaN)

/** Saving: busy, the message after it, the refusal. */
function useSave() {
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    setMessage(null)
    try {
      await work()
      setMessage({ text: '已保存', error: false })
    } catch (e) {
      setMessage({ text: messageOf(e), error: true })
    } finally {
      setBusy(false)
    }
  }
  return { busy, message, run, fail: (text: string) => setMessage({ text, error: true }) }
}

function SaveFoot({
  save,
  className,
  onSave,
}: {
  save: ReturnType<typeof useSave>
  className: string
  onSave: () => void
}) {
  return (
    <View className='rq-field'>
      {save.message ? (
        <Text className={save.message.error ? 'manage-error settings-error' : 'manage-message settings-message'}>
          {save.message.text}
        </Text>
      ) : null}
      <Button className={className} type='primary' block loading={save.busy} onClick={onSave}>
        保存
      </Button>
    </View>
  )
}

// ---- community: categories and limits ----

interface CategoryDraft {
  id: CategoryView['id']
  label: string
  enabled: boolean
  respond: string
  resolve: string
  basis: LimitBasis
}

const categoryDrafts = (s: SettingsView): CategoryDraft[] =>
  s.categories.map((c) => ({
    id: c.id,
    label: c.label,
    enabled: c.enabled,
    respond: String(c.limits.respondHours),
    resolve: String(c.limits.resolveHours),
    basis: c.limits.basis,
  }))

function CommunityForm({ unitId, name, settings }: { unitId: string; name: string; settings: SettingsView }) {
  const [cats, setCats] = useState(() => categoryDrafts(settings))
  const [urgent, setUrgent] = useState(String(settings.urgentHours))
  const [autoClose, setAutoClose] = useState(String(settings.autoCloseDays))
  const [reinspect, setReinspect] = useState(String(settings.reinspectWeeks))
  const [errand, setErrand] = useState(String(settings.errandPoints))
  const save = useSave()
  const set = (id: CategoryDraft['id'], patch: Partial<CategoryDraft>) =>
    setCats((cs) => cs.map((c) => (c.id === id ? { ...c, ...patch } : c)))

  const submit = () => {
    const limits: Record<string, { respondHours: number; resolveHours: number; basis: LimitBasis }> = {}
    for (const c of cats) {
      const [respondHours, resolveHours] = [num(c.respond), num(c.resolve)]
      if (!(respondHours >= 0.5 && respondHours <= REQUEST_LIMITS.hours))
        return save.fail(`「${c.label}」的响应时限应为 0.5 到 ${REQUEST_LIMITS.hours} 小时`)
      if (!(resolveHours >= 1 && resolveHours <= REQUEST_LIMITS.hours))
        return save.fail(`「${c.label}」的办结时限应为 1 到 ${REQUEST_LIMITS.hours} 小时`)
      if (resolveHours < respondHours) return save.fail(`「${c.label}」的办结时限不能短于响应时限`)
      limits[c.id] = { respondHours, resolveHours, basis: c.basis }
    }
    if (!cats.some((c) => c.enabled)) return save.fail('至少保留一个类别供居民反映')
    const [urgentHours, autoCloseDays, reinspectWeeks, errandPoints] = [
      num(urgent),
      num(autoClose),
      num(reinspect),
      num(errand),
    ]
    if (!(urgentHours >= 0.5 && urgentHours <= 72)) return save.fail('紧急诉求时限应为 0.5 到 72 小时')
    if (!(Number.isInteger(autoCloseDays) && autoCloseDays >= 1 && autoCloseDays <= REQUEST_LIMITS.autoCloseDays))
      return save.fail(`自动关闭天数应为 1 到 ${REQUEST_LIMITS.autoCloseDays} 的整数`)
    if (!(Number.isInteger(reinspectWeeks) && reinspectWeeks >= 1 && reinspectWeeks <= REQUEST_LIMITS.reinspectWeeks))
      return save.fail(`回头看周数应为 1 到 ${REQUEST_LIMITS.reinspectWeeks} 的整数`)
    if (!(Number.isInteger(errandPoints) && errandPoints >= 1 && errandPoints <= REQUEST_LIMITS.errandPoints))
      return save.fail(`跑腿代购积分应为 1 到 ${REQUEST_LIMITS.errandPoints} 的整数`)
    void save.run(async () => {
      const next = await updateRequestSettings({
        scope: 'community',
        unitId,
        disabled: cats.filter((c) => !c.enabled).map((c) => c.id),
        limits,
        urgentHours,
        autoCloseDays,
        reinspectWeeks,
        errandPoints,
      })
      setCats(categoryDrafts(next))
    })
  }

  return (
    <View>
      <View className='card settings-categories'>
        <View className='card__head'>
          <Text className='card__title'>诉求类别与时限</Text>
          <Text className='card__hint'>{name}</Text>
        </View>
        <Text className='manage-hint'>响应：联系到居民或到达现场；办结：问题处理完毕。时限以小时计。</Text>
        <Text className='manage-hint settings-other-half'>职能部门、节假日和调休上班日由街道设置。</Text>
        {cats.map((c) => (
          <View key={c.id} className={`setting-row category-row category-row--${c.id}`}>
            <View className='setting-row__head'>
              <Text className={c.enabled ? '' : 'setting-row__off'}>{c.label}</Text>
              <Switch
                className='category-row__enabled'
                checked={c.enabled}
                onChange={(v: boolean) => set(c.id, { enabled: v })}
              />
            </View>
            {c.enabled ? (
              <>
                <View className='setting-pair'>
                  <View>
                    <Text className='manage-form__label'>响应时限（小时）</Text>
                    <Input
                      className='rq-input category-row__respond'
                      type='digit'
                      value={c.respond}
                      onChange={(v: string) => set(c.id, { respond: v })}
                    />
                  </View>
                  <View>
                    <Text className='manage-form__label'>办结时限（小时）</Text>
                    <Input
                      className='rq-input category-row__resolve'
                      type='digit'
                      value={c.resolve}
                      onChange={(v: string) => set(c.id, { resolve: v })}
                    />
                  </View>
                </View>
                <View className='choice-row rq-field'>
                  {(['calendar', 'working'] as const).map((b) => (
                    <Text
                      key={b}
                      className={`choice choice--small category-row__basis category-row__basis--${b}${c.basis === b ? ' choice--active' : ''}`}
                      onClick={() => set(c.id, { basis: b })}
                    >
                      按{LIMIT_BASIS_LABELS[b]}计
                    </Text>
                  ))}
                </View>
              </>
            ) : null}
          </View>
        ))}
      </View>
      <View className='card'>
        <View className='setting-pair'>
          <View>
            <Text className='manage-form__label'>紧急诉求时限（小时）</Text>
            <Input
              className='rq-input settings-urgent'
              type='digit'
              value={urgent}
              onChange={(v: string) => setUrgent(v)}
            />
          </View>
          <View>
            <Text className='manage-form__label'>未评价自动关闭（天）</Text>
            <Input
              className='rq-input settings-auto-close'
              type='number'
              value={autoClose}
              onChange={(v: string) => setAutoClose(v)}
            />
          </View>
        </View>
        <View className='rq-field'>
          <Text className='manage-form__label'>办结后几周回头看</Text>
          <Input
            className='rq-input settings-reinspect'
            type='number'
            value={reinspect}
            onChange={(v: string) => setReinspect(v)}
          />
        </View>
        <View className='rq-field'>
          <Text className='manage-form__label'>跑腿代购每件得积分（居民确认办好后，给接单志愿者）</Text>
          <Input
            className='rq-input settings-errand-points'
            type='number'
            value={errand}
            onChange={(v: string) => setErrand(v)}
          />
        </View>
        <SaveFoot save={save} className='settings-save-community' onSave={submit} />
      </View>
    </View>
  )
}

// ---- street: departments, holidays, 调休 workdays ----

interface DepartmentDraft {
  id: string
  name: string
  hours: string
}

const departmentDrafts = (ds: DepartmentView[]): DepartmentDraft[] =>
  ds.map((d) => ({ id: d.id, name: d.name, hours: String(d.reportInHours) }))

/** An id for a department added here: lowercase letters and digits, as the contract wants. */
const newDepartmentId = (): string =>
  `d${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.slice(0, 20)

/** 2027-01-01 → 2027年1月1日 */
const dayLabel = (d: string): string => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`

function StreetForm({ unitId, name, settings }: { unitId: string; name: string; settings: SettingsView }) {
  const [departments, setDepartments] = useState(() => departmentDrafts(settings.departments))
  const [holidays, setHolidays] = useState(settings.holidays)
  const [workdays, setWorkdays] = useState(settings.workdays)
  const save = useSave()
  const set = (id: string, patch: Partial<DepartmentDraft>) =>
    setDepartments((ds) => ds.map((d) => (d.id === id ? { ...d, ...patch } : d)))

  const submit = () => {
    const list: DepartmentView[] = []
    for (const [i, d] of departments.entries()) {
      const hours = num(d.hours)
      if (!d.name.trim()) return save.fail(`请填写第 ${i + 1} 个部门的名称`)
      if (!(hours >= 1 && hours <= REQUEST_LIMITS.hours))
        return save.fail(`「${d.name.trim()}」的报到时限应为 1 到 ${REQUEST_LIMITS.hours} 小时`)
      list.push({ id: d.id, name: d.name.trim(), reportInHours: hours })
    }
    if (!list.length) return save.fail('至少保留一个职能部门')
    void save.run(async () => {
      const next = await updateRequestSettings({ scope: 'street', unitId, departments: list, holidays, workdays })
      setDepartments(departmentDrafts(next.departments))
      setHolidays(next.holidays)
      setWorkdays(next.workdays)
    })
  }

  return (
    <View>
      <View className='card settings-departments'>
        <View className='card__head'>
          <Text className='card__title'>职能部门</Text>
          <Text className='card__hint'>{name}</Text>
        </View>
        <Text className='manage-hint'>街道吹哨派单给这些部门；部门须在报到时限内报到。</Text>
        <Text className='manage-hint settings-other-half'>诉求类别和办理时限由各社区设置。</Text>
        {departments.map((d) => (
          <View key={d.id} className='setting-row department-row'>
            <View className='setting-pair'>
              <View>
                <Text className='manage-form__label'>部门名称</Text>
                <Input
                  className='rq-input department-row__name'
                  maxLength={REQUEST_LIMITS.departmentName}
                  value={d.name}
                  onChange={(v: string) => set(d.id, { name: v })}
                />
              </View>
              <View>
                <Text className='manage-form__label'>报到时限（小时）</Text>
                <Input
                  className='rq-input department-row__hours'
                  type='digit'
                  value={d.hours}
                  onChange={(v: string) => set(d.id, { hours: v })}
                />
              </View>
            </View>
            <Text
              className='finding__remove department-row__remove'
              onClick={() => setDepartments((ds) => ds.filter((x) => x.id !== d.id))}
            >
              删除
            </Text>
          </View>
        ))}
        {departments.length < REQUEST_LIMITS.departments ? (
          <Text
            className='day-add department-add'
            onClick={() => setDepartments((ds) => [...ds, { id: newDepartmentId(), name: '', hours: '24' }])}
          >
            + 添加部门
          </Text>
        ) : null}
      </View>
      <DaysCard title='节假日' hint='工作时不计这些日子' kind='holiday' days={holidays} onChange={setHolidays} />
      <DaysCard
        title='调休上班日'
        hint='周末里要上班的日子，工作时照常计'
        kind='workday'
        days={workdays}
        onChange={setWorkdays}
      />
      <View className='card'>
        <SaveFoot save={save} className='settings-save-street' onSave={submit} />
      </View>
    </View>
  )
}

function DaysCard(props: {
  title: string
  hint: string
  kind: string
  days: string[]
  onChange: (days: string[]) => void
}) {
  const { days, onChange } = props
  return (
    <View className={`card days-card days-card--${props.kind}`}>
      <View className='card__head'>
        <Text className='card__title'>{props.title}</Text>
        <Text className='card__hint'>{props.hint}</Text>
      </View>
      <View className='choice-row'>
        {days.length ? null : <Text className='manage-hint'>没有</Text>}
        {days.map((d) => (
          <View key={d} className='day-chip'>
            <Text>{dayLabel(d)}</Text>
            <Text className='day-chip__remove' onClick={() => onChange(days.filter((x) => x !== d))}>
              ×
            </Text>
          </View>
        ))}
      </View>
      {days.length < REQUEST_LIMITS.days ? (
        <Picker
          className={`day-picker day-picker--${props.kind}`}
          mode='date'
          value={beijingToday()}
          onChange={(e) => {
            const day = String(e.detail.value)
            if (!days.includes(day)) onChange([...days, day].sort())
          }}
        >
          <Text className={`day-add day-add--${props.kind}`}>+ 添加日期</Text>
        </Picker>
      ) : null}
    </View>
  )
}
