/** 核销对账 (merchants, community staff): a month's verified vouchers — totals, per service, and each one. */
import { useState } from 'react'
import { ChunkedList } from '../../../components/ChunkedList'
import { Text, View } from '@tarojs/components'
import { recentMonths } from '../../../../core/beijing-time'
import type { RoleView } from '../../../services/grid'
import { dayTime, getStatement, type StatementRow } from '../../../services/points'
import { usePages } from '../../../points/use-pages'
import { MoreFooter } from '../../../points/components/MoreFooter'
import { LoadingState } from '../../../components/PageState'
import { LeaderGate } from '../../components/LeaderGate'
import { providerScope } from '../scopes'
import '../../manage.css'
import '../points-manage.css'
import '../../../points/points.css'

const keyOf = (r: StatementRow) => `${r.code}-${r.usedAt}`

export default function StatementPage() {
  return (
    <LeaderGate className='app-page manage points-statement' what='核销对账' scopeOf={providerScope}>
      {(scope) => <StatementView scope={scope} />}
    </LeaderGate>
  )
}

function StatementView({ scope }: { scope: RoleView }) {
  // this month and the five before, in Beijing time (the statement's months)
  const [choices] = useState(() => recentMonths(new Date()))
  const [month, setMonth] = useState(choices[0])
  return (
    <View>
      <View className='card'>
        <Text className='manage-form__label'>{scope.unitName} · 选择月份</Text>
        <View className='choice-row'>
          {choices.map((m) => (
            <Text
              key={m}
              className={`choice statement-month${m === month ? ' choice--active' : ''}`}
              onClick={() => setMonth(m)}
            >
              {m.replace('-', '年')}月
            </Text>
          ))}
        </View>
      </View>
      <MonthView key={month} month={month} />
    </View>
  )
}

function MonthView({ month }: { month: string }) {
  const list = usePages(async (page: number) => {
    const statement = await getStatement(month, page)
    return { rows: statement.rows.rows, more: statement.rows.more, statement }
  }, keyOf)
  const s = list.last?.statement
  if (!s) return list.status === 'error' ? <Text className='manage-error'>{list.error}</Text> : <LoadingState />
  return (
    <View>
      <View className='card statement-totals'>
        <Text className='points-title'>{s.providerName}</Text>
        <Text className='points-meta statement-count'>
          共核销 {s.count} 张 · {s.points} 积分
        </Text>
        {s.byService.map((b) => (
          <View key={b.serviceId} className='points-row'>
            <Text className='points-row__title'>{b.title}</Text>
            <Text className='points-row__sub'>
              {b.count} 张 · {b.points} 分
            </Text>
          </View>
        ))}
      </View>
      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>核销明细</Text>
        </View>
        {list.rows.length ? null : <Text className='manage-hint'>本月还没有核销</Text>}
        <ChunkedList rows={list.rows} keyOf={keyOf}>
          {(r) => (
            <View className='points-row statement-row'>
              <View className='points-row__main'>
                <Text className='points-row__title'>{r.serviceTitle}</Text>
                <Text className='points-row__sub'>
                  {r.holder} · {r.code} · {dayTime(r.usedAt)}
                </Text>
              </View>
              <Text className='points-amount'>{r.cost}</Text>
            </View>
          )}
        </ChunkedList>
        <MoreFooter
          status={list.status}
          more={list.more}
          error={list.error}
          onMore={() => void list.load(list.page + 1)}
        />
      </View>
    </View>
  )
}
