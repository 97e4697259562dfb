/**
 * 转发到本网格群 (grid chiefs): notices published above the grid (by the community or the street) that the
 * chief has not relayed yet. A relay keeps the text as published and may add one note; the share card then goes
 * into the grid's group (weapp: the share button, with a share ticket so the group is known; h5: the link).
 */
import { useCallback, useRef, useState } from 'react'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, LoadingState, NotJoinedState } from '../../../components/PageState'
import { usePersonaReady } from '../../../hooks/use-persona'
import { useRemote } from '../../../hooks/use-remote'
import { getMe, type UnitRef } from '../../../services/grid'
import { getRelayInbox, relayNotice, URGENCY_LABELS } from '../../../services/notices'
import { pageUrl, reachUrl } from '../../../routes'
import { NOTICE_LIMITS } from '../../../../core/contract/notices'
import type { NoticesApi } from '../../../../core/contract'
import { CopyShareButtons } from '../../components/CopyShareButtons'
import { NoAccess } from '../../components/NoAccess'
import { formatTime, messageOf } from '../../format'
import { scopeFor } from '../../scope'
import { Button, Input, Tag } from '../../ui'
import '../../manage.css'
import '../notices.css'
import { AppPage } from '../../../components/AppPage'

type InboxItem = NoticesApi['relayInbox']['result'][number]
interface Card {
  noticeId: string
  path: string
  title: string
  grid: UnitRef
}

export default function RelayPage() {
  // The share button shares through the page: it answers with the last relayed notice's card.
  const card = useRef<Card | null>(null)
  useShareAppMessage(() =>
    card.current
      ? { title: card.current.title, path: card.current.path }
      : { title: '网格通', path: pageUrl('notices') },
  )
  const onCard = useCallback((c: Card) => {
    card.current = c
    // The group must come back with the share ticket, or the open cannot be told to come from it.
    if (process.env.TARO_ENV === 'weapp') void Taro.showShareMenu({ withShareTicket: true }).catch(() => undefined)
  }, [])
  return usePersonaReady() ? <Relay onCard={onCard} /> : null
}

function Relay({ onCard }: { onCard: (c: Card) => void }) {
  const me = useRemote(getMe)
  let body
  if (me.state.status === 'loading') body = <LoadingState />
  else if (me.state.status === 'error') body = <ErrorState error={me.state.error} onRetry={() => void me.reload()} />
  else if (!me.state.data.person) body = <NotJoinedState />
  else if (!scopeFor(me.state.data.roles, 'notices.relayInbox')) body = <NoAccess what='转发通知' />
  else body = <Inbox onCard={onCard} />
  return <AppPage className='manage notices-relay'>{body}</AppPage>
}

function Inbox({ onCard }: { onCard: (c: Card) => void }) {
  const { state, reload } = useRemote(getRelayInbox)
  const [card, setCard] = useState<Card | null>(null)
  const relayed = (c: Card) => {
    onCard(c)
    setCard(c)
    void reload()
  }
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  return (
    <View>
      {card ? <ShareCard card={card} /> : null}
      <View className='card relay-inbox'>
        <View className='card__head'>
          <Text className='card__title'>上级通知</Text>
          <Text className='card__hint'>{state.data.length} 条待转发</Text>
        </View>
        {state.data.length === 0 ? <Text className='manage-hint relay-empty'>没有待转发的通知</Text> : null}
        {state.data.map((n) => (
          <RelayItem key={n.id} notice={n} onRelayed={relayed} />
        ))}
      </View>
    </View>
  )
}

function RelayItem({ notice, onRelayed }: { notice: InboxItem; onRelayed: (c: Card) => void }) {
  const [grid, setGrid] = useState<UnitRef | null>(null)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const relay = async (g: UnitRef) => {
    setBusy(true)
    setError('')
    try {
      const res = await relayNotice(notice.id, g.id, note)
      onRelayed({
        noticeId: notice.id,
        path: res.path.startsWith('/') ? res.path : `/${res.path}`,
        title: res.title,
        grid: g,
      })
      setGrid(null)
      setNote('')
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='relay-item'>
      <View className='relay-item__head'>
        <Text className='relay-item__title'>{notice.title}</Text>
        {notice.urgency !== 'normal' ? (
          <Tag className='relay-item__urgency' type='danger'>
            {URGENCY_LABELS[notice.urgency]}
          </Tag>
        ) : null}
      </View>
      <Text className='relay-item__origin'>
        {notice.origin} · {formatTime(notice.publishedAt)}
      </Text>
      <Text className='relay-item__excerpt'>{notice.excerpt}</Text>
      {grid ? (
        <View className='manage-form relay-form'>
          <Text className='manage-form__label'>转发到 {grid.name}，原文不变，可加一句说明：</Text>
          <Input
            className='relay-note'
            placeholder='说明（可不填），如：请各位邻居互相转告'
            maxLength={NOTICE_LIMITS.note}
            value={note}
            onChange={(v: string) => setNote(v)}
          />
          {error ? <Text className='manage-error relay-error'>{error}</Text> : null}
          <View className='notice-form-actions'>
            <Button className='relay-cancel' size='small' fill='outline' onClick={() => setGrid(null)}>
              取消
            </Button>
            <Button
              className='relay-confirm'
              size='small'
              type='primary'
              disabled={busy}
              onClick={() => void relay(grid)}
            >
              转发
            </Button>
          </View>
        </View>
      ) : (
        <View className='manage-row-actions relay-item__actions'>
          {notice.grids.map((g) => (
            <Button
              key={g.id}
              className='relay-item__relay'
              size='small'
              type='primary'
              onClick={() => {
                setGrid(g)
                setError('')
              }}
            >
              {notice.grids.length > 1 ? `转发到${g.name}` : '转发到本网格群'}
            </Button>
          ))}
        </View>
      )}
    </View>
  )
}

/** The card to share into the grid's group: weapp shares it; h5 has no group chats, so it shows the link. */
function ShareCard({ card }: { card: Card }) {
  const link =
    process.env.TARO_ENV === 'h5' ? `${window.location.origin}${window.location.pathname}#${card.path}` : card.path
  return (
    <View className='card relay-card'>
      <Text className='relay-card__grid'>已转发 · {card.grid.name}</Text>
      <Text className='relay-card__title'>{card.title}</Text>
      <Text className='relay-card__link' selectable>
        {link}
      </Text>
      <View className='notice-form-actions'>
        <Button
          className='relay-card__reach'
          size='small'
          fill='outline'
          onClick={() => void Taro.navigateTo({ url: reachUrl(card.noticeId, card.grid.id) })}
        >
          查看触达
        </Button>
        <CopyShareButtons prefix='relay-card' link={link} shareText='分享到网格群' />
      </View>
      {process.env.TARO_ENV === 'weapp' ? (
        <Text className='manage-hint'>请分享到本网格的微信群，群里的居民打开卡片即看到这条通知和你的说明。</Text>
      ) : (
        <Text className='manage-hint'>浏览器里没有微信群：复制链接，从“本地演示”的模拟群里打开即可。</Text>
      )}
    </View>
  )
}
