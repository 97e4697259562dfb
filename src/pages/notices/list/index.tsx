/**
 * 通知: the notices that reached my home, newest first with urgent ones pinned (the cloud's order; expired ones
 * are not sent). Each row: urgency, title, excerpt, origin, and 未读 / 已收到. Pages of 20, more on reaching the
 * bottom, drawn in chunks (ChunkedList) so that the feed stays light however far it is read. Showing the tab refreshes the list and the tab's unread badge.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { EmptyMark, ErrorState, LoadingState, NotJoinedState } from '../../../components/PageState'
import { noticeTime, UrgencyTag } from '../../../components/NoticeTags'
import { usePersonaReady } from '../../../hooks/use-persona'
import { toServiceError, type ServiceError } from '../../../services/errors'
import { noticeUrl } from '../../../routes'
import { FEED_PAGE_SIZE, getFeed, setNoticeBadge, type NoticeCard } from '../../../services/notices'
import { Button, Empty } from '../../../ui/nutui'
import { AppPage } from '../../../components/AppPage'
import { ChunkedList } from '../../../components/ChunkedList'
import './index.css'

type Feed =
  | { status: 'loading' }
  | { status: 'error'; error: ServiceError }
  | { status: 'ok'; rows: NoticeCard[]; pages: number; hasMore: boolean; more: 'idle' | 'loading' | ServiceError }

/** How many pages a refresh reloads at most (the feed's pageSize limit is 100). */
const MAX_REFRESH_PAGES = Math.floor(100 / FEED_PAGE_SIZE)

export default function NoticesPage() {
  return usePersonaReady() ? <Notices /> : null
}

function Notices() {
  const [state, setState] = useState<Feed>({ status: 'loading' })
  const stateRef = useRef(state)
  stateRef.current = state
  // Only the latest load may write: a slow first page must not overwrite a refresh.
  const seq = useRef(0)

  /** (Re)loads from the top, as many pages as are on screen, so coming back keeps the list's length. */
  const refresh = useCallback(async () => {
    const mine = ++seq.current
    const s = stateRef.current
    const pages = Math.min(MAX_REFRESH_PAGES, Math.max(1, s.status === 'ok' ? s.pages : 1))
    if (s.status === 'error') setState({ status: 'loading' })
    try {
      const res = await getFeed(0, pages * FEED_PAGE_SIZE)
      if (mine !== seq.current) return
      setState({
        status: 'ok',
        rows: res.rows,
        pages,
        hasMore: res.rows.length === pages * FEED_PAGE_SIZE,
        more: 'idle',
      })
      void setNoticeBadge(res.unread)
    } catch (e) {
      if (mine === seq.current) setState({ status: 'error', error: toServiceError(e) })
    }
  }, [])

  const loadMore = useCallback(async () => {
    const s = stateRef.current
    if (s.status !== 'ok' || !s.hasMore || s.more === 'loading') return
    const mine = seq.current
    setState({ ...s, more: 'loading' })
    try {
      const res = await getFeed(s.pages, FEED_PAGE_SIZE)
      const cur = stateRef.current
      if (mine !== seq.current || cur.status !== 'ok') return
      // A notice published meanwhile shifts the pages: skip the rows already shown.
      const seen = new Set(cur.rows.map((r) => r.id))
      setState({
        status: 'ok',
        rows: [...cur.rows, ...res.rows.filter((r) => !seen.has(r.id))],
        pages: cur.pages + 1,
        hasMore: res.rows.length === FEED_PAGE_SIZE,
        more: 'idle',
      })
      void setNoticeBadge(res.unread)
    } catch (e) {
      const cur = stateRef.current
      if (mine === seq.current && cur.status === 'ok') setState({ ...cur, more: toServiceError(e) })
    }
  }, [])

  const shown = useRef(false)
  useEffect(() => {
    void refresh()
  }, [refresh])
  // Back from a notice (now read, maybe 收到) or from another tab: refresh the rows and the badge.
  useDidShow(() => {
    if (shown.current) void refresh()
    shown.current = true
  })
  usePullDownRefresh(() => void refresh().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => void loadMore())

  let body
  if (state.status === 'loading') body = <LoadingState />
  else if (state.status === 'error') body = <FeedError error={state.error} onRetry={() => void refresh()} />
  else if (state.rows.length === 0)
    body = (
      <View className='page-state notices-empty'>
        <Empty
          image={<EmptyMark glyph='通' />}
          title='暂无通知'
          description='社区、网格和楼栋发布的通知会在这里送达，需要时请点“收到”告诉发布人。'
        />
      </View>
    )
  else
    body = (
      <View className='notices-feed'>
        <ChunkedList rows={state.rows} keyOf={noticeKey}>
          {(n) => <NoticeRow notice={n} />}
        </ChunkedList>
        {/* in a block of its own: a footer that changes must not make Taro send the feed's rows again */}
        <View className='notices-footer-slot'>
          <FeedFooter state={state} onMore={() => void loadMore()} />
        </View>
      </View>
    )
  return <AppPage className='notices'>{body}</AppPage>
}

const noticeKey = (n: NoticeCard): string => n.id

function NoticeRow({ notice }: { notice: NoticeCard }) {
  const classes = ['card', 'notice-row', `notice-row--${notice.urgency}`]
  if (!notice.read) classes.push('notice-row--unread')
  if (notice.householdReached) classes.push('notice-row--reached')
  return (
    <View className={classes.join(' ')} onClick={() => void Taro.navigateTo({ url: noticeUrl(notice.id) })}>
      <View className='notice-row__head'>
        <UrgencyTag urgency={notice.urgency} />
        <Text className='notice-row__title'>{notice.title}</Text>
        {!notice.read ? <View className='notice-row__dot' /> : null}
      </View>
      <Text className='notice-row__excerpt'>{notice.excerpt}</Text>
      <View className='notice-row__foot'>
        <Text className='notice-row__origin'>
          {notice.origin} · {noticeTime(notice.publishedAt)}
        </Text>
        <RowState notice={notice} />
      </View>
    </View>
  )
}

/** 已收到 once anyone in the household answered (or a leader visited); 未读 until opened; 待收到 when asked. */
function RowState({ notice }: { notice: NoticeCard }) {
  if (notice.householdReached)
    return (
      <Text className='notice-row__state notice-row__state--reached'>{notice.ackRequired ? '已收到' : '已读'}</Text>
    )
  if (!notice.read) return <Text className='notice-row__state notice-row__state--unread'>未读</Text>
  if (notice.ackRequired) return <Text className='notice-row__state notice-row__state--pending'>待回复收到</Text>
  return <Text className='notice-row__state'>已读</Text>
}

function FeedFooter({ state, onMore }: { state: Extract<Feed, { status: 'ok' }>; onMore: () => void }) {
  if (state.more === 'loading') return <Text className='notices-footer'>加载中…</Text>
  if (typeof state.more === 'object')
    return (
      <View className='notices-footer notices-footer--error' onClick={onMore}>
        <Text>{state.more.message}，点此重试</Text>
      </View>
    )
  if (state.hasMore)
    return (
      <View className='notices-footer'>
        <Button className='notices-more' fill='outline' type='primary' size='small' onClick={onMore}>
          加载更多
        </Button>
      </View>
    )
  return <Text className='notices-footer'>没有更多通知了</Text>
}

/** Not in a household yet: how to join; a leader with no home here: where notices are published instead. */
function FeedError({ error, onRetry }: { error: ServiceError; onRetry: () => void }) {
  if (error.code === 'NOT_REGISTERED') return <NotJoinedState />
  if (error.code === 'FORBIDDEN')
    return (
      <View className='page-state notices-no-home'>
        <Empty
          image={<EmptyMark glyph='通' />}
          title='通知送达已加入家庭的居民'
          description='你还没有登记在某一户中，所以这里没有要接收的通知。加入你家所在的网格后，发给你家的通知会显示在这里。社区和网格负责人发布通知、查看触达，请到首页的“管理”。'
        />
      </View>
    )
  return <ErrorState error={error} onRetry={onRetry} />
}
