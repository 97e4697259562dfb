/**
 * 楼栋邻里: the residents of my building, a page at a time (grid.neighbours is paged: 加载更多, or reaching the
 * bottom), drawn in chunks so that a building of any size stays light. Other households' rooms and phones come
 * masked from the cloud.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ChunkedList } from '../../../components/ChunkedList'
import { EmptyMark, ErrorState, LoadingState } from '../../../components/PageState'
import { RoleTag } from '../../../components/RoleTag'
import { usePersonaReady } from '../../../hooks/use-persona'
import { toServiceError, type ServiceError } from '../../../services/errors'
import { getNeighbours, type NeighboursResult, type NeighbourView } from '../../../services/grid'
import { Button, Empty } from '../../../ui/nutui'
import { AppPage } from '../../../components/AppPage'
import './index.css'

type Shown = Omit<NeighboursResult, 'nextCursor'> & {
  nextCursor: string | null
  more: 'idle' | 'loading' | ServiceError
}
type State = { status: 'loading' } | { status: 'error'; error: ServiceError } | ({ status: 'ok' } & Shown)

export default function NeighboursPage() {
  return usePersonaReady() ? <Neighbours /> : null
}

function Neighbours() {
  const [state, setState] = useState<State>({ status: 'loading' })
  const stateRef = useRef(state)
  stateRef.current = state
  // Only the latest load may write: a slow page must not land on a list that was refreshed meanwhile.
  const seq = useRef(0)

  const reload = useCallback(async () => {
    const mine = ++seq.current
    if (stateRef.current.status === 'error') setState({ status: 'loading' })
    try {
      const res = await getNeighbours()
      if (mine === seq.current) setState({ status: 'ok', ...res, more: 'idle' })
    } catch (e) {
      if (mine === seq.current) setState({ status: 'error', error: toServiceError(e) })
    }
  }, [])

  const loadMore = useCallback(async () => {
    const s = stateRef.current
    if (s.status !== 'ok' || !s.nextCursor || s.more === 'loading') return
    const mine = seq.current
    setState({ ...s, more: 'loading' })
    try {
      const res = await getNeighbours(s.nextCursor)
      const cur = stateRef.current
      if (mine !== seq.current || cur.status !== 'ok') return
      setState({ ...cur, rows: [...cur.rows, ...res.rows], total: res.total, nextCursor: res.nextCursor, more: 'idle' })
    } catch (e) {
      const cur = stateRef.current
      if (mine === seq.current && cur.status === 'ok') setState({ ...cur, more: toServiceError(e) })
    }
  }, [])

  useEffect(() => {
    void reload()
  }, [reload])
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => void loadMore())

  let body
  if (state.status === 'loading') body = <LoadingState />
  else if (state.status === 'error') body = <ErrorState error={state.error} onRetry={() => void reload()} />
  else body = <NeighbourList shown={state} onMore={() => void loadMore()} />
  return <AppPage className='neighbours'>{body}</AppPage>
}

const neighbourKey = (n: NeighbourView): string => n.id

function NeighbourList({ shown, onMore }: { shown: Shown; onMore: () => void }) {
  return (
    <View>
      <View className='card neighbours-head'>
        <Text className='neighbours-head__name'>{shown.microgrid.name}</Text>
        <Text className='neighbours-head__count'>共 {shown.total} 位邻居</Text>
        <Text className='neighbours-head__note'>为保护隐私，其他住户的房号和手机号只显示部分。</Text>
      </View>
      {shown.rows.length === 0 ? (
        <View className='page-state'>
          <Empty image={<EmptyMark glyph='邻' />} title='还没有邻居加入' />
        </View>
      ) : (
        <View className='card neighbours-list'>
          <ChunkedList rows={shown.rows} keyOf={neighbourKey}>
            {(n) => <NeighbourRow n={n} />}
          </ChunkedList>
          {/* in a block of its own: a footer that changes must not make Taro send the rows again */}
          <View className='neighbours-footer-slot'>
            <MoreFooter shown={shown} onMore={onMore} />
          </View>
        </View>
      )}
    </View>
  )
}

function MoreFooter({ shown, onMore }: { shown: Shown; onMore: () => void }) {
  if (shown.more === 'loading') return <Text className='neighbours-footer'>加载中…</Text>
  if (typeof shown.more === 'object')
    return (
      <View className='neighbours-footer neighbours-footer--error' onClick={onMore}>
        <Text>{shown.more.message}，点此重试</Text>
      </View>
    )
  if (!shown.nextCursor) return null
  return (
    <View className='neighbours-footer'>
      <Button className='neighbours-more' fill='outline' type='primary' size='small' onClick={onMore}>
        加载更多（还有 {Math.max(0, shown.total - shown.rows.length)} 位）
      </Button>
    </View>
  )
}

/** One neighbour in a few nodes: the initial as a plain round block (not a NutUI avatar), name, door, phone. */
function NeighbourRow({ n }: { n: NeighbourView }) {
  return (
    <View className='neighbour-row'>
      <View className='neighbour-row__avatar'>{n.name.slice(0, 1)}</View>
      <View className='neighbour-row__body'>
        <View className='neighbour-row__title'>
          <Text className='neighbour-row__name'>{n.name}</Text>
          {n.head ? (
            <View className='neighbour-row__head'>
              <RoleTag role={n.head} />
            </View>
          ) : null}
        </View>
        <Text className='neighbour-row__door'>{n.door}</Text>
      </View>
      <Text className='neighbour-row__phone'>{n.phone}</Text>
    </View>
  )
}
