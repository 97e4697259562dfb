/**
 * For leaders: households and residents of the unit they lead (its own counters), and of each unit under it, a
 * page at a time: the first page comes with grid.home, 查看更多 appends the next (grid.overview by cursor).
 */
import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { LEVEL_LABELS } from '../../core/units'
import { ROLE_LABELS } from '../../core/roles'
import { getOverview, type OverviewResult, type RoleView } from '../services/grid'
import { toServiceError } from '../services/errors'
import './OverviewCard.css'

type Child = OverviewResult['children'][number]

export function OverviewCard({ scope, overview }: { scope: RoleView; overview: OverviewResult }) {
  // the pages after the first, read here; a fresh 首页 answer starts the list again
  const [later, setLater] = useState<{ children: Child[]; nextCursor?: string }>({ children: [] })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  useEffect(() => {
    setLater({ children: [] })
    setError('')
  }, [overview])

  const children = [...overview.children, ...later.children]
  const next = later.children.length ? later.nextCursor : overview.nextCursor
  // how many children there are is known only once they are all shown (no counter keeps it)
  const complete = !overview.nextCursor

  const more = async () => {
    if (!next) return
    setBusy(true)
    setError('')
    try {
      const page = await getOverview(overview.unit.id, next)
      setLater((l) => ({
        children: [...l.children, ...page.children],
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      }))
    } catch (e) {
      setError(toServiceError(e).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card overview'>
      <View className='card__head'>
        <Text className='card__title'>{LEVEL_LABELS[scope.level]}概况</Text>
        <Text className='card__hint'>
          {ROLE_LABELS[scope.role]} · {scope.unitName}
        </Text>
      </View>
      <View className='overview__totals'>
        <Figure label='户数' value={overview.households} />
        <Figure label='居民' value={overview.residents} />
        {complete && overview.children.length ? (
          <Figure label={`${LEVEL_LABELS[overview.children[0].level]}数`} value={overview.children.length} />
        ) : null}
      </View>
      {children.map((c) => (
        <View className='overview__row' key={c.id}>
          <Text className='overview__row-name'>{c.name}</Text>
          <Text className='overview__row-figures'>
            {c.households} 户 · {c.residents} 人
          </Text>
        </View>
      ))}
      {error ? <Text className='overview__error'>{error}</Text> : null}
      {next ? (
        <View
          className={`overview__more${busy ? ' overview__more--busy' : ''}`}
          onClick={() => void (busy ? 0 : more())}
        >
          <Text>{busy ? '加载中…' : '查看更多'}</Text>
        </View>
      ) : null}
    </View>
  )
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <View className='overview__figure'>
      <Text className='overview__value'>{value}</Text>
      <Text className='overview__label'>{label}</Text>
    </View>
  )
}
