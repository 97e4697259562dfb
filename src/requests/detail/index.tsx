/**
 * 诉求详情 (?id=<requestId>): what was reported (category, description, photos, where, by whom — 匿名居民 to other
 * residents, the phone to handlers only), its state and who handles it now, its deadlines (已超时 in red), and the
 * whole timeline — every step with who took it, when, the note, the photos, the reason of a 退回, the department of
 * a 派单 and the rating. Below it exactly the moves the cloud says this viewer may make now (`moves`): the
 * reporter's 评价, 补充说明 and 撤回, a handler's 受理 … 办结 on this same page, each through one sheet for its
 * inputs. A resident of the grid who has the same problem presses 我也遇到了.
 */
import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { AppPage } from '../../components/AppPage'
import { ChunkedList } from '../../components/ChunkedList'
import { EmptyMark, ErrorState, LoadingState, NotJoinedState } from '../../components/PageState'
import { PhotoGrid } from '../../components/PhotoGrid'
import { usePersonaReady } from '../../hooks/use-persona'
import { useRemote } from '../../hooks/use-remote'
import { pageUrl } from '../../routes'
import { toServiceError, type ServiceError } from '../../services/errors'
import { knownMe } from '../../services/grid'
import {
  followRequest,
  getRequest,
  RATING_LABELS,
  REQUEST_LEVEL_LABELS,
  requestTime,
  STATE_LABELS,
  type RequestEventView,
  type RequestView,
  type UserMove,
} from '../../services/requests'
import { MoveSheet, SHEETS } from '../components/MoveSheet'
import { handlerText } from '../components/RequestItem'
import { OverdueTag, StateTag, UrgentTag } from '../components/StateTag'
import { Button, Empty } from '../ui'
import '../requests.css'
import './index.css'

/** The buttons in the order a viewer looks for them: the main step first, the ways out last. */
const ORDER: UserMove[] = [
  'rate',
  'takeErrand',
  'accept',
  'checkIn',
  'respond',
  'complete',
  'escalate',
  'dispatch',
  'confirmUrgent',
  'reinspect',
  'scheduleReinspection',
  'merge',
  'return',
  'comment',
  'withdraw',
]
/** Shown as the wide buttons; the rest sit in a row below them. */
const MAIN: readonly UserMove[] = ['rate', 'takeErrand', 'accept', 'checkIn', 'respond', 'complete', 'reinspect']

export default function RequestDetailPage() {
  return usePersonaReady() ? <Detail /> : null
}

function Detail() {
  const id = useRouter().params.id ?? ''
  const { state, reload } = useRemote(() => getRequest(id))
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))
  let body
  if (!id) body = <Missing />
  else if (state.status === 'loading') body = <LoadingState />
  else if (state.status === 'error') body = <DetailError error={state.error} onRetry={() => void reload()} />
  else body = <RequestDetail key={state.data.id} initial={state.data} />
  return <AppPage className='requests-page request-detail'>{body}</AppPage>
}

function RequestDetail({ initial }: { initial: RequestView }) {
  // a move answers with the new view: it replaces the one shown
  const [view, setView] = useState(initial)
  const [sheet, setSheet] = useState<UserMove | null>(null)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  useEffect(() => setView(initial), [initial])

  const done = (next: RequestView, text: string) => {
    setView(next)
    setSheet(null)
    setMessage({ text, error: false })
  }
  const moves = ORDER.filter((m) => view.moves.includes(m))
  const main = moves.filter((m) => MAIN.includes(m))
  const others = moves.filter((m) => !MAIN.includes(m))
  return (
    <View>
      <Summary view={view} />
      <Status view={view} />
      {message ? (
        <Text className={message.error ? 'requests-error detail-message' : 'requests-message detail-message'}>
          {message.text}
        </Text>
      ) : null}
      <FollowCard view={view} onFollowed={setView} onMessage={setMessage} />
      {moves.length ? (
        <View className='card detail-moves'>
          {main.map((m) => (
            <Button
              key={m}
              className={`detail-move detail-move--${m}`}
              type='primary'
              block
              onClick={() => {
                setMessage(null)
                setSheet(m)
              }}
            >
              {SHEETS[m].title}
            </Button>
          ))}
          {others.length ? (
            <View className='detail-moves__row'>
              {others.map((m) => (
                <Button
                  key={m}
                  className={`detail-move detail-move--${m}`}
                  fill='outline'
                  type={m === 'return' || m === 'withdraw' ? 'default' : 'primary'}
                  onClick={() => {
                    setMessage(null)
                    setSheet(m)
                  }}
                >
                  {SHEETS[m].title}
                </Button>
              ))}
            </View>
          ) : null}
        </View>
      ) : null}
      <Timeline events={view.events} />
      {sheet ? <MoveSheet request={view} move={sheet} onDone={done} onClose={() => setSheet(null)} /> : null}
    </View>
  )
}

function Summary({ view }: { view: RequestView }) {
  const phone = view.reporter.phone
  return (
    <View className='card detail-summary'>
      <View className='detail-summary__head'>
        <Text className='detail-category'>{view.categoryLabel}</Text>
        <View className='detail-tags'>
          {view.urgent && view.urgentConfirmed !== false ? <UrgentTag /> : null}
          {view.overdue && view.group === 'open' ? <OverdueTag /> : null}
          <StateTag state={view.state} />
        </View>
      </View>
      <Text className='detail-description' userSelect>
        {view.description}
      </Text>
      <PhotoGrid photos={view.photos} checking={view.checkingPhotos} withheld={view.withheldPhotos} />
      <Text className='detail-meta detail-place'>
        地点：{view.place.label}
        {view.place.location?.name && view.place.location.name !== view.place.label
          ? `（${view.place.location.name}）`
          : ''}
      </Text>
      <Text className='detail-meta detail-reporter'>
        反映人：{view.reporter.isMe ? '我' : view.reporter.name}
        {view.anonymous ? '（匿名，其他居民看不到名字）' : ''}
        {view.followerCount > 1 ? ` · 共 ${view.followerCount} 人反映` : ''}
      </Text>
      {phone ? (
        <Text
          className='detail-meta detail-phone'
          onClick={() => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)}
        >
          联系电话：{phone}
        </Text>
      ) : null}
      <Text className='detail-meta'>
        {view.grid.name} · {requestTime(view.createdAt)} 反映
      </Text>
    </View>
  )
}

/** Who has it now and by when; how it ended. */
function Status({ view }: { view: RequestView }) {
  const now = Date.now()
  const due = (label: string, iso: string | null, met: boolean, className: string) => {
    if (!iso || met) return null
    const late = new Date(iso).getTime() < now
    return (
      <Text className={`detail-due ${className}${late ? ' detail-due--late' : ''}`}>
        {label}：{requestTime(iso)} 前{late ? '（已超时）' : ''}
      </Text>
    )
  }
  const handler = handlerText(view.level, view.department?.name ?? null)
  return (
    <View className='card detail-status'>
      <View className='card__head'>
        <Text className='card__title'>办理情况</Text>
      </View>
      {view.group === 'open' ? (
        <Text className='detail-status__now'>
          现由{handler}
          {view.state === 'submitted' ? '受理' : '处理'}（{STATE_LABELS[view.state]}）
        </Text>
      ) : view.group === 'resolved' ? (
        <Text className='detail-status__now'>
          {handler}已办结，{view.reporter.isMe ? '请评价处理结果' : '等待反映人评价'}
        </Text>
      ) : (
        <Text className='detail-status__now'>{STATE_LABELS[view.state]}</Text>
      )}
      {view.group === 'open' ? (
        <>
          {due(
            `${REQUEST_LEVEL_LABELS[view.level]}受理时限`,
            view.levelDueAt,
            view.state !== 'submitted',
            'detail-due--level',
          )}
          {due('响应时限', view.respondDueAt, view.respondedAt !== null, 'detail-due--respond')}
          {due('办结时限', view.resolveDueAt, false, 'detail-due--resolve')}
        </>
      ) : null}
      {view.respondedAt ? <Text className='detail-meta'>已响应：{requestTime(view.respondedAt)}</Text> : null}
      {view.resolvedAt ? <Text className='detail-meta'>办结：{requestTime(view.resolvedAt)}</Text> : null}
      {view.rating ? (
        <Text className='detail-meta detail-rating'>
          评价：{RATING_LABELS[view.rating]}
          {view.ratingComment ? `，${view.ratingComment}` : ''}
        </Text>
      ) : null}
      {view.reopenCount ? <Text className='detail-meta'>因不满意重新办理 {view.reopenCount} 次</Text> : null}
      {view.errandTaker ? (
        <Text className='detail-meta'>接单人：{view.errandTaker.isMe ? '我' : view.errandTaker.name}</Text>
      ) : null}
      {view.reinspectAt && !view.struckOff ? (
        <Text className='detail-meta'>回头看：{requestTime(view.reinspectAt)}</Text>
      ) : null}
      {view.struckOff ? <Text className='detail-meta detail-struck'>回头看通过，已销项</Text> : null}
      {view.mergedInto ? (
        <Text
          className='detail-merged'
          onClick={() => void Taro.navigateTo({ url: pageUrl('requestDetail', { id: view.mergedInto ?? '' }) })}
        >
          已合并到同一问题的另一条诉求，点此查看进度 ›
        </Text>
      ) : null}
    </View>
  )
}

/** 我也遇到了, for a resident of the grid who does not follow it yet, while it is being handled. */
function FollowCard({
  view,
  onFollowed,
  onMessage,
}: {
  view: RequestView
  onFollowed: (v: RequestView) => void
  onMessage: (m: { text: string; error: boolean }) => void
}) {
  const [resident, setResident] = useState(false)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    let live = true
    knownMe().then(
      (me) => live && setResident(me.roles.some((r) => r.role === 'resident')),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [])
  // a handler of it (a grid chief living in the grid) works on it rather than follows it
  const handling = view.moves.some((m) => m !== 'comment' && m !== 'takeErrand')
  if (!resident || handling || view.following || view.reporter.isMe || view.group !== 'open') return null
  const follow = async () => {
    setBusy(true)
    try {
      const { followerCount } = await followRequest(view.id)
      onFollowed({ ...view, following: true, followerCount })
      onMessage({ text: '已关注：处理进度会通知你，也可在“我的诉求”里查看', error: false })
    } catch (e) {
      onMessage({ text: toServiceError(e).message, error: true })
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card detail-follow'>
      <Text className='requests-hint'>你也遇到了这个问题？关注后可随时看到处理进度。</Text>
      <Button
        className='detail-follow__button'
        type='primary'
        fill='outline'
        block
        disabled={busy}
        onClick={() => void follow()}
      >
        我也遇到了
      </Button>
    </View>
  )
}

/** The level a step moved it to, in words (网格 → 社区, 街道 → 城管). */
function levelChange(e: RequestEventView): string {
  if (e.from.level === e.to.level) return ''
  const to = e.to.level === 'department' && e.departmentName ? e.departmentName : REQUEST_LEVEL_LABELS[e.to.level]
  return `${REQUEST_LEVEL_LABELS[e.from.level]} → ${to}`
}

/** Steps of the timeline shown at first, and added by each 查看更早的记录. */
const TIMELINE_STEP = 20

function Timeline({ events }: { events: RequestEventView[] }) {
  // the newest step first: what happened last is what the reader came for
  const sorted = [...events].sort((a, b) => b.seq - a.seq)
  const latest = sorted[0]?.seq
  // a long timeline (comments pile up, up to 200 steps) shows the newest TIMELINE_STEP and older ones on request, so
  // no setData carries every step; ChunkedList draws the chunks near the screen, never one node with every step
  const [count, setCount] = useState(TIMELINE_STEP)
  const shown = sorted.slice(0, count)
  const older = sorted.length - shown.length
  return (
    <View className='card detail-timeline'>
      <View className='card__head'>
        <Text className='card__title'>处理记录</Text>
        <Text className='card__hint'>共 {events.length} 条</Text>
      </View>
      <ChunkedList rows={shown} keyOf={(e) => String(e.seq)}>
        {(e) => (
          <View
            className={`timeline-event timeline-event--${e.move}${e.seq === latest ? ' timeline-event--latest' : ''}`}
          >
            <View className='timeline-event__dot' />
            <View className='timeline-event__body'>
              <View className='timeline-event__head'>
                <Text className='timeline-event__label'>{e.label}</Text>
                <Text className='timeline-event__time'>{requestTime(e.at)}</Text>
              </View>
              <Text className='timeline-event__actor'>{e.actorLabel}</Text>
              {levelChange(e) ? <Text className='timeline-event__level'>{levelChange(e)}</Text> : null}
              {e.from.state !== e.to.state ? (
                <Text className='timeline-event__state'>
                  {STATE_LABELS[e.from.state]} → {STATE_LABELS[e.to.state]}
                </Text>
              ) : null}
              {e.reason ? <Text className='timeline-event__reason'>退回原因：{e.reason}</Text> : null}
              {e.rating ? <Text className='timeline-event__rating'>评价：{RATING_LABELS[e.rating]}</Text> : null}
              {e.note ? <Text className='timeline-event__note'>{e.note}</Text> : null}
              <PhotoGrid photos={e.photos} checking={e.checkingPhotos} withheld={e.withheldPhotos} small />
            </View>
          </View>
        )}
      </ChunkedList>
      <View className='detail-timeline__foot'>
        {older > 0 ? (
          <Text className='timeline-more' onClick={() => setCount((n) => n + TIMELINE_STEP)}>
            查看更早的 {Math.min(older, TIMELINE_STEP)} 条记录（还有 {older} 条）
          </Text>
        ) : null}
      </View>
    </View>
  )
}

function Missing() {
  return (
    <View className='page-state'>
      <Empty
        image={<EmptyMark glyph='诉' />}
        title='没有找到这条诉求'
        description='请从“诉求”页的我的诉求，或待办列表打开。'
      />
    </View>
  )
}

function DetailError({ error, onRetry }: { error: ServiceError; onRetry: () => void }) {
  if (error.code === 'NOT_REGISTERED') return <NotJoinedState />
  if (error.code === 'NOT_FOUND' || error.code === 'REQUEST_NOT_FOUND') return <Missing />
  return <ErrorState error={error} onRetry={onRetry} />
}
