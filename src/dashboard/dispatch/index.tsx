/**
 * 今日调度 (a grid's chief, community and street staff; issue 13 item 4): what the leader's unit needs today — requests
 * overdue and due today, households urgent notices have not reached, today's shifts short of people, care persons
 * nobody checked on, today's activities — each with its count and its first few, each opening its own page
 * (诉求详情, 通知触达, 值守班次, 关爱对象, 活动). One call (dashboard.dispatch); the page the morning message opens
 * (?unit=<unitId>), where a leader subscribes to it (接收每日调度提醒).
 */
import { useCallback, useState, type ReactNode } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, LoadingState } from '../../components/PageState'
import { SubscribeCard } from '../../components/SubscribeCard'
import { useRemote } from '../../hooks/use-remote'
import { beijingClock as hm, beijingDay, monthDay, weekdayOf, WEEKDAYS } from '../../../core/beijing-time'
import { DISPATCH_ROLES, DISPATCH_TITLES } from '../../../core/dashboard/dispatch'
import type { RoleView } from '../../services/grid'
import { DISPATCH_TEMPLATE, getDispatch, type DispatchList, type DispatchPart } from '../../services/dashboard'
import { pageUrl, reachUrl } from '../../routes'
import { LeaderGate } from '../../manage/components/LeaderGate'
import '../../manage/manage.css'
import { ledUnits, UnitChoice } from '../units'
import './dispatch.css'

const dispatchUnits = ledUnits(DISPATCH_ROLES)

export default function DispatchPage() {
  return (
    <LeaderGate className='app-page manage dispatch' what='今日调度' scopeOf={dispatchUnits}>
      {(units) => <Dispatch units={units} />}
    </LeaderGate>
  )
}

function Dispatch({ units }: { units: RoleView[] }) {
  const asked = useRouter().params.unit
  const [unitId, setUnitId] = useState(asked || units[0].unitId)
  return (
    <View>
      {asked ? null : <UnitChoice units={units} unitId={unitId} onChange={setUnitId} className='dispatch-units' />}
      <List key={unitId} unitId={unitId} />
    </View>
  )
}

function List({ unitId }: { unitId: string }) {
  const fetch = useCallback(() => getDispatch(unitId), [unitId])
  const { state, reload } = useRemote(fetch)
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  return <ListView view={state.data} />
}

/** 12月3日 星期四 */
const dayLabel = (day: string): string => `${monthDay(day)} 星期${WEEKDAYS[weekdayOf(day)]}`
/** 今天 18:00 / 12月5日 18:00 (Beijing) */
const when = (iso: string, today: string): string =>
  `${beijingDay(iso) === today ? '今天' : monthDay(beijingDay(iso))} ${hm(iso)}`
const open = (url: string) => void Taro.navigateTo({ url })

function ListView({ view }: { view: DispatchList }) {
  const clear =
    !view.requests.count && !view.notices.count && !view.shifts.count && !view.care.count && !view.activities.count
  return (
    <View>
      <View className='card dispatch-head'>
        <Text className='card__title dispatch-head__name'>{view.unit.name}</Text>
        <Text className='card__hint'>{dayLabel(view.day)}</Text>
      </View>

      {clear ? (
        <View className='card dispatch-clear'>
          <Text className='dispatch-clear__title'>今天一切正常</Text>
          <Text className='dispatch-clear__hint'>没有超时的诉求、缺人的班次和未探访的关爱对象，通知都已送达。</Text>
        </View>
      ) : null}

      <Section
        name='requests'
        part={view.requests}
        unit='件'
        summary={`超时 ${view.requests.overdue} 件 · 今天到期 ${view.requests.dueToday} 件`}
      >
        {view.requests.items.map((r) => (
          <Item
            key={r.id}
            className='dispatch-request'
            title={r.title}
            lines={[r.place]}
            tag={r.overdue ? '已超时' : r.dueAt ? `${when(r.dueAt, view.day)} 到期` : ''}
            warn={r.overdue}
            onTap={() => open(pageUrl('requestDetail', { id: r.id }))}
          />
        ))}
      </Section>

      <Section name='notices' part={view.notices} unit='户次' summary='紧急通知还没送到的住户，可上门或电话提醒'>
        {view.notices.items.map((n) => (
          <Item
            key={n.id}
            className='dispatch-notice'
            title={n.title}
            lines={[`${n.households} 户中 ${n.unreached} 户未触达`]}
            tag={`${when(n.expiresAt, view.day)} 截止`}
            warn
            onTap={() => open(reachUrl(n.id, view.unit.id))}
          />
        ))}
      </Section>

      <Section name='shifts' part={view.shifts} unit='个' summary='今天还有空位的值守班次'>
        {view.shifts.items.map((s) => (
          <Item
            key={s.id}
            className='dispatch-shift'
            title={`${s.checkpoint} ${hm(s.startAt)}–${hm(s.endAt)}`}
            lines={[s.place]}
            tag={`缺 ${s.free} 人（共 ${s.capacity} 人）`}
            warn
            onTap={() => open(pageUrl('dutyShift', { id: s.id }))}
          />
        ))}
      </Section>

      <Section name='care' part={view.care} unit='人' summary='昨天和今天无人探访的关爱对象'>
        {view.care.items.map((c) => (
          <Item
            key={`${c.personId}-${c.day}`}
            className='dispatch-care'
            title={c.name}
            lines={[]}
            tag={c.day === view.day ? '今天未探访' : '昨天未探访'}
            warn
            onTap={() => open(pageUrl('carePerson', { id: c.personId }))}
          />
        ))}
      </Section>

      <Section name='activities' part={view.activities} unit='场' summary='今天开始的志愿活动'>
        {view.activities.items.map((a) => (
          <Item
            key={a.id}
            className='dispatch-activity'
            title={a.title}
            lines={[a.place]}
            tag={`${hm(a.startAt)}–${hm(a.endAt)}`}
            onTap={() => open(pageUrl('activity', { id: a.id }))}
          />
        ))}
      </Section>

      <SubscribeCard
        name='dispatch-subscribe'
        templateId={DISPATCH_TEMPLATE.id}
        title='接收每日调度提醒'
        hint='每天早上七点半，把今天要办的事发到微信'
        accepted={(n) => `已订阅，还能收到 ${n} 次提醒`}
        declined='没有订阅，需要时再点订阅'
      />
    </View>
  )
}

function Section<T>({
  name,
  part,
  unit,
  summary,
  children,
}: {
  name: keyof typeof DISPATCH_TITLES
  part: DispatchPart<T>
  unit: string
  summary: string
  children: ReactNode
}) {
  const shown = part.items.length
  return (
    <View className={`card dispatch-section dispatch-section--${name}${part.count ? ' dispatch-section--due' : ''}`}>
      <View className='card__head'>
        <Text className='card__title'>{DISPATCH_TITLES[name]}</Text>
        <Text className={`dispatch-count${part.count ? ' dispatch-count--due' : ''}`}>
          {part.count}
          {part.more ? '+' : ''} {unit}
        </Text>
      </View>
      {part.count ? <Text className='dispatch-summary'>{summary}</Text> : <Text className='dispatch-none'>没有</Text>}
      {children}
      {name !== 'notices' && part.count > shown && shown > 0 ? (
        <Text className='dispatch-rest'>还有 {part.count - shown} 项，先处理以上几项</Text>
      ) : null}
    </View>
  )
}

function Item({
  className,
  title,
  lines,
  tag,
  warn,
  onTap,
}: {
  className: string
  title: string
  lines: string[]
  tag: string
  warn?: boolean
  onTap: () => void
}) {
  return (
    <View className={`dispatch-item ${className}`} onClick={onTap}>
      <View className='dispatch-item__main'>
        <Text className='dispatch-item__title'>{title}</Text>
        {lines.filter(Boolean).map((l) => (
          <Text key={l} className='dispatch-item__line'>
            {l}
          </Text>
        ))}
      </View>
      <View className='dispatch-item__side'>
        {tag ? <Text className={`dispatch-item__tag${warn ? ' dispatch-item__tag--warn' : ''}`}>{tag}</Text> : null}
        <Text className='dispatch-item__go'>›</Text>
      </View>
    </View>
  )
}
