/**
 * 通知触达 (leaders): how many households of a unit a notice has reached, by the level below it (a street's
 * communities, a community's grids, a grid's buildings; the least reached first, a page at a time with 加载更多
 * when there are many).
 * Tapping a community or grid opens its own reach; tapping a building lists its unreached households, paged,
 * with doors and phones in full to call or knock (a building's own reach lists them at once); 标记已上门 records how a household was reached and counts it at once.
 * The summary shows how far the notice's subscribe messages have gone (sent / due).
 * 提醒未触达 sends the unreached one reminder a day; a reminder that finds nobody to send to leaves it unused.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { usePersonaReady } from '../../../hooks/use-persona'
import { useRemote } from '../../../hooks/use-remote'
import {
  getReach,
  getUnreached,
  percent,
  REACH_ROW_TITLES,
  recordVisit,
  remindUnreached,
  URGENCY_LABELS,
  VISIT_LABELS,
  VISIT_METHODS,
  type ReachResult,
  type ReachRow,
  type UnreachedRow,
  type VisitMethod,
} from '../../../services/notices'
import { noticeUrl, reachUrl } from '../../../routes'
import { NOTICE_LIMITS } from '../../../../core/contract/notices'
import { ServiceError } from '../../../services/errors'
import { formatTime, messageOf } from '../../format'
import { Button, Input, Tag } from '../../ui'
import { usePaged } from '../../use-paged'
import { PagedList } from '../../components/PagedList'
import '../../manage.css'
import '../notices.css'
import { AppPage } from '../../../components/AppPage'

/** How often the open page reads the counters again (they change as residents press 收到). */
const REFRESH_MS = 15_000

type Building = Pick<ReachRow, 'id' | 'name'>

export default function ReachPage() {
  const { id = '', unit = '' } = useRouter().params
  const noticeId = decodeURIComponent(id)
  // The publisher shares the notice itself into the grid's group (withShareTicket, so opening it there is known).
  const title = useRef('网格通通知')
  useShareAppMessage(() => ({ title: title.current, path: noticeUrl(noticeId) }))
  useEffect(() => {
    if (process.env.TARO_ENV === 'weapp') void Taro.showShareMenu({ withShareTicket: true }).catch(() => undefined)
  }, [])
  const onTitle = useCallback((t: string) => {
    title.current = t
  }, [])
  return usePersonaReady() ? <Reach noticeId={noticeId} unitId={decodeURIComponent(unit)} onTitle={onTitle} /> : null
}

/**
 * The reach with its first `pages` pages of rows, read one after another by cursor (a refresh reads again as many
 * pages as are shown, so the figures of every row shown stay fresh).
 */
async function readPages(noticeId: string, unitId: string, pages: number): Promise<ReachResult> {
  const { nextCursor, ...first } = await getReach(noticeId, unitId)
  const rows = [...first.rows]
  let next = nextCursor
  for (let i = 1; i < pages && next; i++) {
    const page = await getReach(noticeId, unitId, next)
    rows.push(...page.rows)
    next = page.nextCursor
  }
  return { ...first, rows, ...(next ? { nextCursor: next } : {}) }
}

function Reach({ noticeId, unitId, onTitle }: { noticeId: string; unitId: string; onTitle: (t: string) => void }) {
  const pages = useRef(1)
  const { state, reload } = useRemote(() => readPages(noticeId, unitId, pages.current))
  // 加载更多: one page more, the rows shown kept while it loads
  const [loadingMore, setLoadingMore] = useState(false)
  const loadMore = useCallback(async () => {
    pages.current++
    setLoadingMore(true)
    await reload()
    setLoadingMore(false)
  }, [reload])
  useEffect(() => {
    if (state.status === 'ok') onTitle(state.data.notice.title)
  }, [state, onTitle])
  // The building whose unreached households are listed.
  const [selected, setSelected] = useState<string | null>(null)

  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))
  useEffect(() => {
    const timer = setInterval(() => void reload(), REFRESH_MS)
    return () => clearInterval(timer)
  }, [reload])

  let body
  if (state.status === 'loading') body = <LoadingState />
  else if (state.status === 'error') body = <ErrorState error={state.error} onRetry={() => void reload()} />
  else {
    const reach = state.data
    // a building's own reach lists its unreached at once; a grid's, those of the building tapped
    const building: Building | null =
      reach.rowLevel === null
        ? reach.unit
        : reach.rowLevel === 'microgrid'
          ? (reach.rows.find((b) => b.id === selected) ?? null)
          : null
    const open = (row: ReachRow) => {
      if (reach.rowLevel === 'microgrid') setSelected(selected === row.id ? null : row.id)
      else void Taro.navigateTo({ url: reachUrl(noticeId, row.id) })
    }
    body = (
      <View>
        <Summary reach={reach} onRefresh={() => void reload()} />
        <ShareCard noticeId={noticeId} />
        {reach.rowLevel ? (
          <RowBars reach={reach} selected={selected} onOpen={open} loadingMore={loadingMore} onMore={loadMore} />
        ) : null}
        {building ? (
          <Unreached key={building.id} noticeId={noticeId} building={building} onVisited={() => void reload()} />
        ) : null}
      </View>
    )
  }
  return <AppPage className='manage notices-reach'>{body}</AppPage>
}

function Summary({ reach, onRefresh }: { reach: ReachResult; onRefresh: () => void }) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const [busy, setBusy] = useState(false)
  const pct = percent(reach.reached, reach.households)
  // Today's reminder is used once one was sent (here or by another leader); one that found nobody leaves it unused.
  const [used, setUsed] = useState(false)
  const remindedToday = used || reach.remindedToday
  const remind = async () => {
    setBusy(true)
    try {
      const { sent } = await remindUnreached(reach.notice.id, reach.unit.id)
      setUsed(true)
      setMessage({ text: `已提醒未触达的住户（发出 ${sent} 条消息）`, error: false })
    } catch (e) {
      if (e instanceof ServiceError && e.code === 'ALREADY_REMINDED') setUsed(true)
      setMessage({ text: messageOf(e), error: true })
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card reach-summary'>
      <View className='card__head'>
        <Text className='card__title reach-title'>{reach.notice.title}</Text>
        {reach.notice.urgency !== 'normal' ? (
          <Tag className={`reach-urgency reach-urgency--${reach.notice.urgency}`} type='danger'>
            {URGENCY_LABELS[reach.notice.urgency]}
          </Tag>
        ) : null}
      </View>
      <Text className='reach-meta'>
        {reach.unit.name} · 发布于 {formatTime(reach.notice.publishedAt)} · 截止 {formatTime(reach.notice.expiresAt)}
      </Text>
      <View className='reach-totals'>
        <Text className='reach-totals__percent'>{pct}%</Text>
        <Text className='reach-totals__count'>
          已触达 {reach.reached} / {reach.households} 户
        </Text>
      </View>
      <Bar reached={reach.reached} households={reach.households} />
      <Delivery delivery={reach.delivery} />
      {reach.counting > 0 ? (
        <Text className='reach-counting'>
          另有 {reach.counting} 人{reach.notice.ackRequired ? '刚点了“收到”' : '刚看过这条通知'}，一分钟内计入
        </Text>
      ) : null}
      {message ? (
        <Text className={message.error ? 'manage-error reach-remind__error' : 'manage-message reach-remind__done'}>
          {message.text}
        </Text>
      ) : null}
      <View className='manage-row-actions reach-actions'>
        <Button className='reach-refresh' size='small' fill='outline' onClick={onRefresh}>
          刷新
        </Button>
        <Button
          className='reach-remind'
          size='small'
          type='primary'
          disabled={busy || remindedToday || reach.reached >= reach.households}
          onClick={() => void remind()}
        >
          {remindedToday ? '今天已提醒' : '提醒未触达'}
        </Button>
      </View>
    </View>
  )
}

/** 订阅消息: how many of the messages due have gone out (nothing shown when none were due). */
function Delivery({ delivery }: { delivery: ReachResult['delivery'] }) {
  if (delivery.due === 0 && delivery.sent === 0) return null
  return (
    <Text className='reach-delivery'>
      {delivery.done ? '订阅消息已发完' : '订阅消息发送中'}：{delivery.sent} / {delivery.due} 条
    </Text>
  )
}

function Bar({ reached, households }: { reached: number; households: number }) {
  return (
    <View className='reach-bar'>
      <View className='reach-bar__fill' style={{ width: `${percent(reached, households)}%` }} />
    </View>
  )
}

/** Least reached share first; among equals, the most unreached households first. */
const byLeastReached = (a: ReachRow, b: ReachRow): number =>
  a.reached / (a.households || 1) - b.reached / (b.households || 1) ||
  b.households - b.reached - (a.households - a.reached) ||
  a.name.localeCompare(b.name, 'zh-CN')

/** A row's key in the list. */
const rowKey = (row: ReachRow): string => row.id

/** Class names of the rows, by their level. */
const ROW_KINDS = { community: 'community', grid: 'grid', microgrid: 'building' } as const

/** The level below: each row its share reached; a community or grid opens its own reach, a building its list. */
function RowBars({
  reach,
  selected,
  onOpen,
  loadingMore,
  onMore,
}: {
  reach: ReachResult
  selected: string | null
  onOpen: (row: ReachRow) => void
  loadingMore: boolean
  onMore: () => Promise<void>
}) {
  const level = reach.rowLevel ?? 'microgrid'
  const kind = ROW_KINDS[level]
  const sorted = [...reach.rows].sort(byLeastReached)
  const list = {
    rows: sorted,
    total: sorted.length,
    page: 0,
    status: loadingMore ? ('more' as const) : ('ok' as const),
    error: '',
    load: onMore,
    more: !!reach.nextCursor,
  }
  return (
    <View className={`card reach-rows reach-rows--${level}`}>
      <View className='card__head'>
        <Text className='card__title'>{REACH_ROW_TITLES[level]}</Text>
        <Text className='card__hint'>{level === 'microgrid' ? '点楼栋查看未触达住户' : '点一行查看下一级'}</Text>
      </View>
      <PagedList list={list} empty='没有下一级' moreClass='reach-more' keyOf={rowKey}>
        {(r) => (
          <View
            className={`reach-row reach-${kind}${selected === r.id ? ` reach-${kind}--active` : ''}`}
            onClick={() => onOpen(r)}
          >
            <View className='reach-row__head'>
              <Text className={`reach-row__name reach-${kind}__name`}>{r.name}</Text>
              <Text className={`reach-row__count reach-${kind}__count`}>
                {r.reached}/{r.households}
              </Text>
              <Text className='reach-row__percent'>{percent(r.reached, r.households)}%</Text>
            </View>
            <Bar reached={r.reached} households={r.households} />
          </View>
        )}
      </PagedList>
    </View>
  )
}

/* ---------- 未触达住户 ---------- */

/** Visits remove rows while pages load, so a later page may repeat a household: keep one. */
const byHousehold = (row: UnreachedRow): string => row.householdId

function Unreached({ noticeId, building, onVisited }: { noticeId: string; building: Building; onVisited: () => void }) {
  const fetchPage = useCallback((p: number) => getUnreached(noticeId, building.id, p), [noticeId, building.id])
  const list = usePaged<UnreachedRow>(fetchPage, byHousehold)
  const { setRows, total, setTotal, status, load } = list
  const [message, setMessage] = useState('')
  useEffect(() => {
    void load(0)
  }, [load])

  const visited = (row: UnreachedRow, method: VisitMethod) => {
    setRows((r) => r.filter((x) => x.householdId !== row.householdId))
    setTotal((t) => Math.max(0, t - 1))
    setMessage(`${row.door} 已记为${VISIT_LABELS[method]}`)
    onVisited()
  }

  return (
    <View className='card unreached'>
      <View className='card__head'>
        <Text className='card__title'>{building.name} 未触达</Text>
        <Text className='card__hint unreached-total'>{status === 'loading' ? '' : `${total} 户`}</Text>
      </View>
      {message ? <Text className='manage-message unreached-message'>{message}</Text> : null}
      <PagedList
        list={list}
        empty='这栋楼的住户都已触达'
        moreClass='unreached-more'
        countWord='户'
        keyOf={unreachedKey}
      >
        {(r) => <UnreachedHousehold noticeId={noticeId} row={r} onVisited={visited} />}
      </PagedList>
    </View>
  )
}

const unreachedKey = (row: UnreachedRow): string => row.householdId

/** One unreached household in few nodes (the list is long): 标记已上门 and 拨打 are plain tappable blocks. */
function UnreachedHousehold({
  noticeId,
  row,
  onVisited,
}: {
  noticeId: string
  row: UnreachedRow
  onVisited: (row: UnreachedRow, method: VisitMethod) => void
}) {
  const [open, setOpen] = useState(false)
  const [method, setMethod] = useState<VisitMethod>('door')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const confirm = async () => {
    setBusy(true)
    setError('')
    try {
      await recordVisit(noticeId, row.householdId, method, note)
      // Reached either way: by this visit, or by a 收到 that came first.
      onVisited(row, method)
    } catch (e) {
      setError(messageOf(e))
      setBusy(false)
    }
  }

  return (
    <View className='unreached-row'>
      <View className='unreached-row__head'>
        <Text className='unreached-row__door'>{row.door}</Text>
        {open ? null : (
          <View
            className='row-action row-action--outline unreached-row__visit'
            hoverClass='row-action--pressed'
            onClick={() => setOpen(true)}
          >
            标记已上门
          </View>
        )}
      </View>
      {row.members.length === 0 ? <Text className='manage-hint'>暂无登记的居民</Text> : null}
      {row.members.map((m) => (
        <View className='unreached-member' key={m.id}>
          <View className='unreached-member__body'>
            <Text className='unreached-member__name'>{m.name}</Text>
            {m.joined ? null : <Text className='unreached-member__not-joined'>未加入</Text>}
            <Text className='unreached-member__phone unreached-row__phone'>{m.phone}</Text>
          </View>
          {m.phone ? (
            <View
              className='row-action unreached-member__call'
              hoverClass='row-action--pressed'
              onClick={() => void Taro.makePhoneCall({ phoneNumber: m.phone }).catch(() => undefined)}
            >
              拨打
            </View>
          ) : null}
        </View>
      ))}
      {open ? (
        <View className='manage-form visit-form'>
          <Text className='manage-form__label'>告知方式</Text>
          <View className='choice-row'>
            {VISIT_METHODS.map((v) => (
              <View
                key={v}
                className={`choice visit-method visit-method--${v}${method === v ? ' choice--active visit-method--active' : ''}`}
                onClick={() => setMethod(v)}
              >
                <Text>{VISIT_LABELS[v]}</Text>
              </View>
            ))}
          </View>
          <Input
            className='visit-note'
            placeholder='备注（可不填），如：已当面告知老人'
            maxLength={NOTICE_LIMITS.note}
            value={note}
            onChange={(v: string) => setNote(v)}
          />
          {error ? <Text className='manage-error visit-error'>{error}</Text> : null}
          <View className='notice-form-actions'>
            <Button className='visit-cancel' size='small' fill='outline' onClick={() => setOpen(false)}>
              取消
            </Button>
            <Button
              className='visit-confirm'
              size='small'
              type='primary'
              disabled={busy}
              onClick={() => void confirm()}
            >
              确认已告知
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  )
}

/** 分享到网格群: the notice's own card for the grid's group (weapp), or its link to open "from a group" (h5). */
function ShareCard({ noticeId }: { noticeId: string }) {
  const path = noticeUrl(noticeId)
  if (process.env.TARO_ENV === 'weapp') {
    return (
      <View className='card reach-share'>
        <Button className='reach-share__button' size='small' type='primary' openType='share'>
          分享到网格群
        </Button>
        <Text className='manage-hint'>分享到网格微信群，居民打开卡片即看到这条通知并可回复收到。</Text>
      </View>
    )
  }
  return (
    <View className='card reach-share'>
      <Text className='reach-share__link' selectable>
        {`${window.location.origin}${window.location.pathname}#${path}`}
      </Text>
      <Text className='manage-hint'>浏览器里没有微信群：复制链接，从“本地演示”的模拟群里打开即可。</Text>
    </View>
  )
}
