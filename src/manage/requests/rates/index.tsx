/**
 * 诉求统计 (a grid's chief and party leader, community and street staff, a street's departments; not a 楼栋长):
 * for the leader's unit (or the department) and a month (the requests reported that month, Beijing time), the
 * three rates the street is judged by — 响应率, 解决率, 满意率 — and 按时办结率, 重办率, each as a plain bar with the
 * counts behind it (38/40). One read of the counters (requests.rates), never a scan; the formulas are in
 * docs/api.md.
 */
import { useCallback, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { useRemote } from '../../../hooks/use-remote'
import { getRequestRates, type RatesView, type RequestFigures, type RequestRates } from '../../../services/requests'
import { LeaderGate } from '../../components/LeaderGate'
import { ScopeChips } from '../ScopeChips'
import { monthLabel, rateScopes, recentMonths, type RequestScope } from '../scope'
import '../../manage.css'
import '../requests-manage.css'

export default function RatesPage() {
  return (
    <LeaderGate className='app-page manage requests-rates' what='诉求统计' scopeOf={rateScopes}>
      {(scopes) => <Rates scopes={scopes} />}
    </LeaderGate>
  )
}

function Rates({ scopes }: { scopes: RequestScope[] }) {
  const [scope, setScope] = useState(scopes[0])
  const [months] = useState(() => recentMonths())
  const [month, setMonth] = useState(months[0])
  return (
    <View>
      <View className='card'>
        <View className='card__head'>
          <Text className='card__title rates-title'>{scope.name}</Text>
        </View>
        <ScopeChips scopes={scopes} value={scope} onChange={setScope} />
        <Text className='manage-form__label rq-field'>按反映月份统计</Text>
        <View className='choice-row'>
          {months.map((m) => (
            <Text
              key={m}
              className={`choice choice--small rates-month${m === month ? ' choice--active' : ''}`}
              onClick={() => setMonth(m)}
            >
              {monthLabel(m)}
            </Text>
          ))}
        </View>
      </View>
      <MonthRates key={`${scope.key}/${month}`} scope={scope} month={month} />
    </View>
  )
}

interface RateLine {
  key: keyof RequestRates
  name: string
  /** what the count under the bar says: the numerator and the divisor, in words */
  of: (f: RequestFigures) => { top: number; bottom: number; words: string }
}

/** The five rates, with the counts behind each as core/requests/rates.ts computes them. */
const LINES: RateLine[] = [
  {
    key: 'response',
    name: '响应率',
    of: (f) => ({ top: f.respondedOnTime, bottom: f.responseDue, words: '按时响应 / 应响应' }),
  },
  {
    key: 'resolution',
    name: '解决率',
    of: (f) => ({ top: f.resolved, bottom: f.ended + f.openOverdue, words: '已解决 / 已结束与超时未办' }),
  },
  {
    key: 'satisfaction',
    name: '满意率',
    of: (f) => ({ top: f.satisfied + f.basic, bottom: f.rated, words: '满意与基本满意 / 已评价' }),
  },
  {
    key: 'onTime',
    name: '按时办结率',
    of: (f) => ({ top: f.resolvedOnTime, bottom: f.ended + f.openOverdue, words: '按时办结 / 已结束与超时未办' }),
  },
  {
    key: 'reopen',
    name: '重办率',
    of: (f) => ({ top: f.reopened, bottom: f.resolved, words: '重新办理 / 已解决' }),
  },
]

const percentText = (rate: number): string => `${Math.round(rate * 1000) / 10}%`

function MonthRates({ scope, month }: { scope: RequestScope; month: string }) {
  const fetch = useCallback(
    () => getRequestRates(scope.unitId, month, scope.departmentId),
    [scope.unitId, scope.departmentId, month],
  )
  const { state, reload } = useRemote(fetch)
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  return <RatesCard view={state.data} />
}

function RatesCard({ view }: { view: RatesView }) {
  const f = view.figures
  return (
    <View>
      <View className='card rates-card'>
        <View className='card__head'>
          <Text className='card__title'>{monthLabel(view.month)}</Text>
          <Text className='card__hint rates-reported'>共反映 {f.reported} 件</Text>
        </View>
        {LINES.map((line) => {
          const rate = view.rates[line.key]
          const { top, bottom, words } = line.of(f)
          return (
            <View key={line.key} className={`rate rate--${line.key}`}>
              <View className='rate__head'>
                <Text className='rate__name'>{line.name}</Text>
                {rate === null ? (
                  <Text className='rate__value rate__value--none'>暂无</Text>
                ) : (
                  <Text className='rate__value'>{percentText(rate)}</Text>
                )}
              </View>
              <View className='rate__bar'>
                <View className='rate__fill' style={{ width: `${rate === null ? 0 : Math.min(100, rate * 100)}%` }} />
              </View>
              <Text className='rate__count'>
                {words}：{top}/{bottom}
                {rate === null ? '，还没有可计算的诉求' : ''}
              </Text>
            </View>
          )
        })}
      </View>
      <View className='card'>
        <View className='rates-summary'>
          <Text>未按时处理 {f.openOverdue} 件</Text>
          <Text>上报上级 {f.escalated} 件</Text>
          <Text>不满意 {f.unsatisfied} 件</Text>
          <Text>回头看销项 {f.struckOff} 件</Text>
        </View>
      </View>
    </View>
  )
}
