/**
 * 服务队与排行榜: the volunteer teams of my community (mine first) to join or leave, and the leaderboards by hours —
 * my grid's, or a team's — with my own place and the switch to leave the boards (不参与排行).
 */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { AppPage } from '../../components/AppPage'
import { LoadingState } from '../../components/PageState'
import { usePersonaReady } from '../../hooks/use-persona'
import { toServiceError } from '../../services/errors'
import {
  getLeaderboard,
  getTeams,
  hoursText,
  joinTeam,
  leaveTeam,
  setLeaderboardVisibility,
  STAR_LABELS,
  type RankRow,
  type TeamCard,
} from '../../services/points'
import { Button } from '../../ui/nutui'
import { Switch } from '../ui'
import { PagedRows } from '../components/PagedRows'
import { usePages } from '../use-pages'
import '../points.css'
import './index.css'

const teamKey = (t: TeamCard) => t.id
const rankKey = (r: RankRow) => r.personId

export default function TeamsPage() {
  return usePersonaReady() ? <Teams /> : null
}

type Board = { scope: 'grid' } | { scope: 'team'; team: TeamCard }

function Teams() {
  const [tab, setTab] = useState<'teams' | 'board'>('teams')
  const [board, setBoard] = useState<Board>({ scope: 'grid' })
  return (
    <AppPage className='points-page teams'>
      <View className='points-tabs'>
        <Text
          className={`points-tab teams-tab--teams${tab === 'teams' ? ' points-tab--active' : ''}`}
          onClick={() => setTab('teams')}
        >
          服务队
        </Text>
        <Text
          className={`points-tab teams-tab--board${tab === 'board' ? ' points-tab--active' : ''}`}
          onClick={() => setTab('board')}
        >
          排行榜
        </Text>
      </View>
      {tab === 'teams' ? (
        <TeamList
          onBoard={(team) => {
            setBoard({ scope: 'team', team })
            setTab('board')
          }}
        />
      ) : (
        <BoardView
          key={board.scope === 'team' ? board.team.id : 'grid'}
          board={board}
          onGrid={() => setBoard({ scope: 'grid' })}
        />
      )}
    </AppPage>
  )
}

function TeamList({ onBoard }: { onBoard: (team: TeamCard) => void }) {
  const list = usePages((page: number) => getTeams(page), teamKey)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const toggle = async (team: TeamCard) => {
    setBusy(true)
    setError('')
    try {
      if (team.mine) {
        await leaveTeam(team.id)
        list.replace({ ...team, mine: false, members: Math.max(0, team.members - 1) })
      } else list.replace(await joinTeam(team.id))
    } catch (e) {
      setError(toServiceError(e).message)
    } finally {
      setBusy(false)
    }
  }
  if (list.status === 'loading') return <LoadingState />
  return (
    <View>
      {error ? <Text className='points-error'>{error}</Text> : null}
      {list.rows.length ? null : <Text className='points-hint teams-empty'>社区还没有志愿服务队</Text>}
      <PagedRows list={list} keyOf={teamKey}>
        {(t) => (
          <View className='card team-row'>
            <Text className='points-row__title team-row__name'>{t.name}</Text>
            <Text className='points-meta'>
              {t.unit.name} · 队长 {t.leaders.map((l) => l.name).join('、') || '—'} · {t.members} 人
            </Text>
            <Text className='points-meta'>
              累计 {hoursText(t.minutes)} · {t.points} 积分
            </Text>
            {t.description ? <Text className='points-meta'>{t.description}</Text> : null}
            <View className='points-actions'>
              <Button
                className={t.mine ? 'team-row__leave' : 'team-row__join'}
                size='small'
                type='primary'
                fill={t.mine ? 'outline' : 'solid'}
                disabled={busy}
                onClick={() => void toggle(t)}
              >
                {t.mine ? '退出服务队' : '加入服务队'}
              </Button>
              <Button className='team-row__board' size='small' fill='outline' onClick={() => onBoard(t)}>
                队内排行
              </Button>
            </View>
          </View>
        )}
      </PagedRows>
    </View>
  )
}

function BoardView({ board, onGrid }: { board: Board; onGrid: () => void }) {
  const list = usePages(
    (page: number) =>
      board.scope === 'team' ? getLeaderboard('team', page, board.team.id) : getLeaderboard('grid', page),
    rankKey,
  )
  const [visible, setVisible] = useState<boolean | null>(null)
  const [error, setError] = useState('')
  const shownVisible = visible ?? list.last?.visible ?? true

  const switchVisible = async (v: boolean) => {
    setError('')
    try {
      const res = await setLeaderboardVisibility(v)
      setVisible(res.visible)
      await list.reload()
    } catch (e) {
      setError(toServiceError(e).message)
    }
  }

  if (list.status === 'loading' && !list.last) return <LoadingState />
  const me = list.last?.me
  return (
    <View>
      <View className='card board-head'>
        <View className='card__head'>
          <Text className='card__title board-name'>{list.last?.name ?? ''} 排行榜</Text>
          {board.scope === 'team' ? (
            <Text className='card__hint board-grid' onClick={onGrid}>
              看本网格 ›
            </Text>
          ) : null}
        </View>
        <Text className='points-meta board-me'>
          {me
            ? `我排第 ${me.rank} 名 · ${hoursText(me.minutes)}`
            : shownVisible
              ? '我还没有服务时长'
              : '我已设置不参与排行'}
        </Text>
        <View className='manage-form__row board-visibility'>
          <Text>参与排行榜（关闭后不显示我的名字）</Text>
          <Switch className='board-visible' checked={shownVisible} onChange={(v: boolean) => void switchVisible(v)} />
        </View>
        {error ? <Text className='points-error'>{error}</Text> : null}
      </View>
      <View className='card'>
        {list.rows.length ? null : <Text className='points-hint'>还没有人上榜</Text>}
        <PagedRows list={list} keyOf={rankKey}>
          {(r) => (
            <View className='points-row rank-row'>
              <Text className='rank-row__rank'>{r.rank}</Text>
              <View className='points-row__main'>
                <Text className='points-row__title rank-row__name'>{r.name}</Text>
                <Text className='points-row__sub'>
                  {r.star > 0 ? `${STAR_LABELS[r.star - 1]} · ` : ''}
                  {r.points} 积分
                </Text>
              </View>
              <Text className='points-status rank-row__hours'>{hoursText(r.minutes)}</Text>
            </View>
          )}
        </PagedRows>
      </View>
    </View>
  )
}
