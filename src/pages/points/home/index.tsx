/**
 * 积分: my points (and what expires soon), my hours and star, the ways in (活动, 兑换, 兑换券, 明细, 记录, 服务队),
 * my next sign-ups and the activities open to me. One call (points.home) brings all of it; showing the tab again
 * or pulling down asks again.
 */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ACTIVITY_TEMPLATE } from '../../../../core/points/messages'
import { AppPage } from '../../../components/AppPage'
import { EmptyMark, ErrorState, LoadingState, NotJoinedState } from '../../../components/PageState'
import { SubscribeCard } from '../../../components/SubscribeCard'
import { usePersonaReady } from '../../../hooks/use-persona'
import { useRemotePage } from '../../../hooks/use-page-reload'
import { pageUrl, type RouteName } from '../../../routes'
import {
  dateText,
  dayTime,
  getPointsHome,
  hoursText,
  SIGNUP_STATUS_LABELS,
  STAR_LABELS,
  type PointsHome,
} from '../../../services/points'
import { Empty } from '../../../ui/nutui'
import { ActivityRow } from './ActivityRow'
import { LeaderEntries } from './LeaderEntries'
import './index.css'

export default function PointsPage() {
  return usePersonaReady() ? <Points /> : null
}

function Points() {
  // back from 兑换, 报名 or another tab: the balance and lists follow
  const { state, reload } = useRemotePage(getPointsHome, { onReturn: true })

  let body
  if (state.status === 'loading') body = <LoadingState />
  else if (state.status === 'error')
    body =
      state.error.code === 'NOT_REGISTERED' ? (
        <NotJoinedState />
      ) : (
        <ErrorState error={state.error} onRetry={() => void reload()} />
      )
  else body = <PointsContent home={state.data} />
  return <AppPage className='points'>{body}</AppPage>
}

const go = (name: RouteName) => () => void Taro.navigateTo({ url: pageUrl(name) })

function PointsContent({ home }: { home: PointsHome }) {
  return (
    <View>
      <View className='points-hero'>
        <Text className='points-hero__label'>我的积分</Text>
        <Text className='points-hero__balance'>{home.balance}</Text>
        {home.expiring.points > 0 && home.expiring.at ? (
          <Text className='points-hero__expiring'>
            {home.expiring.points} 分将于 {dateText(home.expiring.at)} 到期，请及时使用
          </Text>
        ) : null}
        <Text className='points-hero__hours'>
          累计服务 {hoursText(home.minutes)}
          {home.star > 0 ? ` · ${STAR_LABELS[home.star - 1]}志愿者` : ''}
        </Text>
      </View>

      <View className='card points-entries'>
        <Entry className='points-entry--activities' glyph='活' title='志愿活动' onClick={go('activities')} />
        <Entry className='points-entry--services' glyph='兑' title='积分兑换' onClick={go('services')} />
        <Entry
          className='points-entry--vouchers'
          glyph='券'
          title={home.vouchers ? `兑换券 ${home.vouchers}` : '兑换券'}
          onClick={go('vouchers')}
        />
        <Entry className='points-entry--wallet' glyph='明' title='积分明细' onClick={go('wallet')} />
        <Entry className='points-entry--record' glyph='记' title='服务记录' onClick={go('record')} />
        <Entry className='points-entry--teams' glyph='队' title='服务队' onClick={go('teams')} />
      </View>

      {home.next.length ? (
        <View className='card points-next'>
          <View className='card__head'>
            <Text className='card__title'>我的报名</Text>
          </View>
          {home.next.map((s) => (
            <View
              key={s.id}
              className='points-next__row'
              onClick={() => void Taro.navigateTo({ url: pageUrl('activity', { id: s.activityId }) })}
            >
              <View className='points-next__text'>
                <Text className='points-next__title'>{s.title}</Text>
                <Text className='points-next__when'>
                  {dayTime(s.startAt)} · {s.roleName}
                </Text>
              </View>
              <Text className={`points-next__status points-next__status--${s.status}`}>
                {s.status === 'waiting' && s.waitingPlace
                  ? `候补第 ${s.waitingPlace} 位`
                  : SIGNUP_STATUS_LABELS[s.status]}
              </Text>
            </View>
          ))}
        </View>
      ) : null}

      <LeaderEntries />

      <SubscribeCard
        name='points-subscribe'
        templateId={ACTIVITY_TEMPLATE.id}
        title='新活动提醒'
        hint='网格、社区或服务队发布新的志愿活动时，微信提醒你一次；每订阅一次，提醒一次。'
        accepted={(n) => `已订阅：下一个新活动发布时会提醒你（还可提醒 ${n} 次）`}
        declined='你没有允许接收提醒，可以稍后再订阅'
      />

      <View className='points-section'>
        <Text className='points-section__title'>正在招募</Text>
        <Text className='points-section__more' onClick={go('activities')}>
          全部活动 ›
        </Text>
      </View>
      {home.activities.length ? (
        home.activities.map((a) => <ActivityRow key={a.id} activity={a} />)
      ) : (
        <View className='page-state points-empty'>
          <Empty
            image={<EmptyMark glyph='志' />}
            title='暂时没有招募中的活动'
            description='网格和社区发布志愿活动后会显示在这里，报名参加、签到签退即可获得积分。'
          />
        </View>
      )}
    </View>
  )
}

function Entry(props: { className: string; glyph: string; title: string; onClick: () => void }) {
  return (
    <View className={`points-entry ${props.className}`} onClick={props.onClick}>
      <Text className='points-entry__glyph'>{props.glyph}</Text>
      <Text className='points-entry__title'>{props.title}</Text>
    </View>
  )
}
