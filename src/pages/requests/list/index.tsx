/**
 * 诉求: 我要反映 (opens the report page), and 我的诉求 — the requests I reported and those I follow (我也遇到了),
 * most recently changed first, a page at a time, each with its state, its deadline or 已超时 and the last step of
 * its timeline. A leader or a department also sees a plain way to their inbox (诉求待办), from the who-am-I 首页
 * already asked. Showing the tab again (back from a report or a detail) or pulling down reads the list again.
 */
import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { roleMay } from '../../../../core/permissions'
import { AppPage } from '../../../components/AppPage'
import { ChunkedList } from '../../../components/ChunkedList'
import { ErrorState, NotJoinedState } from '../../../components/PageState'
import { usePersonaReady } from '../../../hooks/use-persona'
import { RequestItem } from '../../../requests/components/RequestItem'
import { useCursorList } from '../../../requests/use-cursor-list'
import { pageUrl } from '../../../routes'
import { knownMe } from '../../../services/grid'
import { getMyRequests, type RequestRow } from '../../../services/requests'
import { Button, Cell, CellGroup } from '../../../ui/nutui'
import '../../../requests/requests.css'
import './index.css'

const keyOf = (r: RequestRow) => r.id

export default function RequestsPage() {
  return usePersonaReady() ? <Requests /> : null
}

function Requests() {
  const list = useCursorList((cursor) => getMyRequests(cursor), keyOf)
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void list.reload()
    shown.current = true
  })
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => {
    if (list.more && list.status === 'ok') void list.loadMore()
  })

  if (list.status === 'error' && list.error?.code === 'NOT_REGISTERED')
    return (
      <AppPage className='requests'>
        <NotJoinedState />
      </AppPage>
    )
  const failedFirst = list.status === 'error' && !list.rows.length
  return (
    <AppPage className='requests'>
      <View className='card requests-hero'>
        <Text className='requests-hero__title'>遇到问题，向网格反映</Text>
        <Text className='requests-hero__text'>
          路灯不亮、垃圾堆放、设施损坏、邻里纠纷、需要帮忙……网格员按时限处理，进度随时可查，办结后由你评价。
        </Text>
        <Button
          className='requests-report'
          type='primary'
          block
          onClick={() => void Taro.navigateTo({ url: pageUrl('requestReport') })}
        >
          我要反映
        </Button>
      </View>

      <InboxEntry />

      {failedFirst && list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.reload()} />
      ) : (
        <View className='card requests-mine'>
          <View className='card__head'>
            <Text className='card__title'>我的诉求</Text>
            <Text className='card__hint'>我反映的和我也遇到的</Text>
          </View>
          {list.status === 'loading' ? <Text className='requests-hint'>加载中…</Text> : null}
          {list.status === 'ok' && !list.rows.length ? (
            <Text className='requests-hint requests-mine__empty'>
              还没有反映过诉求。点上面的“我要反映”，告诉网格你遇到的问题。
            </Text>
          ) : null}
          <ChunkedList rows={list.rows} keyOf={keyOf}>
            {(r) => <RequestItem row={r} />}
          </ChunkedList>
          <MineFooter list={list} />
        </View>
      )}
    </AppPage>
  )
}

function MineFooter({ list }: { list: ReturnType<typeof useCursorList<RequestRow>> }) {
  if (list.status === 'error' && list.rows.length)
    return (
      <Text className='requests-error requests-mine__retry' onClick={() => void list.loadMore()}>
        {list.error?.message}，点此重试
      </Text>
    )
  if (!list.more && list.status !== 'more') return null
  return (
    <View className='requests-more'>
      <Button
        className='requests-mine__more'
        fill='outline'
        type='primary'
        block
        disabled={list.status === 'more'}
        onClick={() => void list.loadMore()}
      >
        {list.status === 'more' ? '加载中…' : '加载更多'}
      </Button>
    </View>
  )
}

/** 诉求待办 for the roles that have an inbox (grid heads, community and street staff, a department). */
function InboxEntry() {
  const [handler, setHandler] = useState(false)
  useEffect(() => {
    let live = true
    knownMe().then(
      (me) => live && setHandler(me.roles.some((r) => roleMay('requests.inbox', r.role))),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [])
  if (!handler) return null
  return (
    <View className='requests-inbox'>
      <CellGroup>
        <Cell
          className='requests-inbox__link'
          title='诉求待办'
          description='本级待受理、处理中的诉求，超时的标红'
          extra='›'
          clickable
          onClick={() => void Taro.navigateTo({ url: pageUrl('requestInbox') })}
        />
      </CellGroup>
    </View>
  )
}
