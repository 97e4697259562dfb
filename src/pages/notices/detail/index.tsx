/**
 * One notice: title, urgency, origin, body, images (tap to preview), the relay note of the grid whose share card
 * opened it (?id=<noticeId>&grid=<gridId>), and a big 收到 when the publisher asked for one. Opening it marks it
 * read (the tab's badge is refreshed). 收到 is idempotent on the server; here a second tap while the first is in
 * flight sends nothing, and after success the button gives way to 已收到.
 */
import { useRef, useState } from 'react'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { EmptyMark, ErrorState, LoadingState, NotJoinedState } from '../../../components/PageState'
import { noticeTime, UrgencyTag } from '../../../components/NoticeTags'
import { usePersonaReady } from '../../../hooks/use-persona'
import { useRemote } from '../../../hooks/use-remote'
import { toServiceError, type ServiceError } from '../../../services/errors'
import { NOTICE_TEMPLATE, parseNoticeQuery, sourceLink } from '../../../../core/notices/links'
import { withheldLine } from '../../../../core/uploads'
import { ackNotice, getNotice, refreshNoticeBadge, type NoticeDetail } from '../../../services/notices'
import { Button, Empty } from '../../../ui/nutui'
import { AppPage } from '../../../components/AppPage'
import { SubscribeCard } from '../../../components/SubscribeCard'
import { noticeUrl, pageUrl } from '../../../routes'
import './index.css'

/** The card's query (a share path may carry it encoded); null when it names no notice or cannot be read. */
function noticeQuery(params: Record<string, string | undefined>): { noticeId: string; gridId?: string } | null {
  try {
    return parseNoticeQuery(params)
  } catch {
    return null // a malformed %-escape
  }
}

export default function NoticeDetailPage() {
  return usePersonaReady() ? <Detail /> : null
}

function Detail() {
  const { params } = useRouter()
  const query = noticeQuery(params)
  const id = query?.noticeId
  const grid = query?.gridId
  const { state, reload } = useRemote(async () => {
    if (!id) throw new Error('no id')
    const notice = await getNotice(id, grid)
    void refreshNoticeBadge() // opening it marked it read
    return notice
  })
  useShareAppMessage(() => ({
    title: state.status === 'ok' ? state.data.title : '通知',
    path: id ? noticeUrl(id, grid) : pageUrl('notices'),
  }))

  let body
  if (!id) body = <Missing title='没有找到这条通知' description='链接不完整，请从通知列表或群里的通知卡片打开。' />
  else if (state.status === 'loading') body = <LoadingState />
  else if (state.status === 'error') body = <DetailError error={state.error} onRetry={() => void reload()} />
  else body = <NoticeView key={state.data.id} notice={state.data} />
  return <AppPage className='notice-detail'>{body}</AppPage>
}

function NoticeView({ notice }: { notice: NoticeDetail }) {
  const preview = (current: string) => void Taro.previewImage({ current, urls: notice.images }).catch(() => undefined)
  return (
    <View>
      <View className={`card notice-detail__card notice-detail__card--${notice.urgency}`}>
        <View className='notice-detail__head'>
          <UrgencyTag urgency={notice.urgency} />
          <Text className='notice-detail__title'>{notice.title}</Text>
        </View>
        <Text className='notice-detail__origin'>{notice.origin}</Text>
        <Text className='notice-detail__time'>
          {noticeTime(notice.publishedAt)} 发布 · {noticeTime(notice.expiresAt)} 前有效
        </Text>
        {notice.targets.length ? (
          <Text className='notice-detail__targets'>发送范围：{notice.targets.map((t) => t.name).join('、')}</Text>
        ) : null}

        {notice.relayNote ? (
          <View className='notice-relay'>
            <Text className='notice-relay__by'>
              {notice.relayNote.by} 转发到{notice.relayNote.grid.name}：
            </Text>
            <Text className='notice-relay__note'>{notice.relayNote.note}</Text>
          </View>
        ) : null}

        <Text className='notice-detail__body' userSelect>
          {notice.body}
        </Text>

        {notice.images.length || notice.checkingImages.length ? (
          <View className='notice-detail__images'>
            {notice.images.map((url) => (
              <Image
                key={url}
                className='notice-detail__image'
                src={url}
                mode='aspectFill'
                lazyLoad
                onClick={() => preview(url)}
              />
            ))}
            {/* only their uploader and the leaders get these: residents see them once the check passes */}
            {notice.checkingImages.map((url) => (
              <View key={url} className='notice-detail__checking'>
                <Image className='notice-detail__image' src={url} mode='aspectFill' lazyLoad />
                <Text className='notice-detail__checking-tag'>审核中</Text>
              </View>
            ))}
          </View>
        ) : null}
        {notice.checkingImages.length ? (
          <Text className='notice-detail__checking-hint'>
            审核中的图片只有发布人和负责干部看得到，通过后居民才能看到
          </Text>
        ) : null}
        {notice.withheldImages ? (
          <Text className='notice-detail__withheld'>{withheldLine(notice.withheldImages)}</Text>
        ) : null}
        {notice.source ? <SourceLink source={notice.source} /> : null}
      </View>

      {notice.ackRequired ? <AckCard notice={notice} /> : null}
      <SubscribeCard
        name='notice-subscribe'
        templateId={NOTICE_TEMPLATE.id}
        title='订阅通知'
        hint='新通知发布时，微信会提醒你一次；每订阅一次，提醒一次。'
        accepted={(n) => `已订阅：下一条通知发布时会提醒你（还可提醒 ${n} 次）`}
        declined='你没有允许接收通知提醒，可以稍后再订阅'
      />
    </View>
  )
}

function AckCard({ notice }: { notice: NoticeDetail }) {
  const [acked, setAcked] = useState(notice.acked)
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // A ref, not state: two taps in one frame both see the first one's flag.
  const inFlight = useRef(false)

  const ack = async () => {
    if (inFlight.current || acked) return
    inFlight.current = true
    setSending(true)
    setError(null)
    try {
      await ackNotice(notice.id)
      setAcked(true)
      void refreshNoticeBadge()
    } catch (e) {
      const err = toServiceError(e)
      setError(err.code === 'FORBIDDEN' ? '只有通知范围内的住户需要回复收到' : err.message)
    } finally {
      inFlight.current = false
      setSending(false)
    }
  }

  if (acked)
    return (
      <View className='card notice-ack-card notice-acked'>
        <Text className='notice-acked__mark'>✓</Text>
        <View className='notice-acked__text'>
          <Text className='notice-acked__title'>已收到</Text>
          <Text className='notice-acked__hint'>发布人已经知道你家收到了这条通知</Text>
        </View>
      </View>
    )
  return (
    <View className='card notice-ack-card'>
      <Text className='notice-ack-card__hint'>
        {notice.householdReached
          ? '你的家人已回复收到；你也可以点“收到”。'
          : '发布人请你确认：看完后点“收到”，让网格知道你家已经知晓。'}
      </Text>
      <Button
        className='notice-ack'
        type='primary'
        size='xlarge'
        block
        loading={sending}
        disabled={sending}
        onClick={() => void ack()}
      >
        收到
      </Button>
      {error ? <Text className='notice-ack-card__error'>{error}</Text> : null}
    </View>
  )
}

function Missing({ title, description }: { title: string; description: string }) {
  return (
    <View className='page-state notice-missing'>
      <Empty image={<EmptyMark glyph='通' />} title={title} description={description} />
      <View className='page-state__action'>
        <Button type='primary' onClick={() => void Taro.switchTab({ url: pageUrl('notices') })}>
          查看全部通知
        </Button>
      </View>
    </View>
  )
}

function DetailError({ error, onRetry }: { error: ServiceError; onRetry: () => void }) {
  if (error.code === 'NOT_REGISTERED') return <NotJoinedState />
  if (error.code === 'NOTICE_EXPIRED') return <Missing title='这条通知已过期' description='过期的通知不再显示。' />
  if (error.code === 'NOT_FOUND')
    return <Missing title='没有找到这条通知' description='它可能已被撤回，或不是发给你家的。' />
  if (error.code === 'FORBIDDEN') return <Missing title='这条通知不是发给你家的' description={error.message} />
  return <ErrorState error={error} onRetry={onRetry} />
}

/** A notice emergency mode published opens what it is about: the emergency's 应急须知, or my household's slot. */
function SourceLink({ source }: { source: NonNullable<NoticeDetail['source']> }) {
  const link = sourceLink(source)
  const url = pageUrl(link.route, link.query)
  return (
    <View className='notice-source'>
      <Button
        className='notice-source__open'
        type='primary'
        fill='outline'
        onClick={() => void Taro.navigateTo({ url })}
      >
        {link.label}
      </Button>
    </View>
  )
}
