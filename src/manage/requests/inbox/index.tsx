/**
 * 诉求待办 (grid heads, community and street staff, a street's departments): 待我办理 — what the caller's level owns
 * now, soonest due first — and every request under their unit by status (办理中 / 已办结 / 已关闭 / 已超时) and by
 * the level that holds it (本网格, 已上报社区 …), a page at a time. Each row: category, place, how long ago it was
 * reported, its deadline or 已超时 (red), how many follow it. A row opens the request's detail page, where the
 * moves are; coming back reads the list again.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { pageUrl } from '../../../routes'
import {
  CATEGORY_LABELS,
  dueText,
  getRequestInbox,
  STATE_LABELS,
  type RequestLevel,
  type RequestRow,
  type StateGroup,
} from '../../../services/requests'
import { LeaderGate } from '../../components/LeaderGate'
import { PagedList } from '../../components/PagedList'
import { ScopeChips } from '../ScopeChips'
import { ageText, handlerScopes, levelFromHere, type RequestScope } from '../scope'
import { useCursorList } from '../use-cursor'
import '../../manage.css'
import '../requests-manage.css'

export default function InboxPage() {
  return (
    <LeaderGate className='app-page manage requests-inbox' what='诉求待办' scopeOf={handlerScopes}>
      {(scopes) => <Inbox scopes={scopes} />}
    </LeaderGate>
  )
}

/** The tabs: what my level owns now, then everything under my unit by status group, or overdue. */
type Tab = 'mine' | 'overdue' | StateGroup
const TABS: { id: Tab; label: string }[] = [
  { id: 'mine', label: '待我办理' },
  { id: 'overdue', label: '已超时' },
  { id: 'open', label: '办理中' },
  { id: 'resolved', label: '已办结' },
  { id: 'closed', label: '已关闭' },
]

/** The levels a viewer may filter by: a department sees only its own. */
const levelsFor = (mine: RequestLevel): RequestLevel[] =>
  mine === 'department' ? [] : ['grid', 'community', 'street', 'department']

function Inbox({ scopes }: { scopes: RequestScope[] }) {
  const [scope, setScope] = useState(scopes[0])
  const [view, setView] = useState<Tab>('mine')
  const [level, setLevel] = useState<RequestLevel | null>(null)
  const levels = view === 'mine' ? [] : levelsFor(scope.level)
  return (
    <View>
      <View className='card rq-filters'>
        <View className='card__head'>
          <Text className='card__title rq-inbox-title'>{scope.name}</Text>
        </View>
        <ScopeChips
          scopes={scopes}
          value={scope}
          onChange={(s) => {
            setScope(s)
            setLevel(null)
          }}
        />
        <View className='choice-row rq-views'>
          {TABS.map((v) => (
            <Text
              key={v.id}
              className={`choice rq-view rq-view--${v.id}${view === v.id ? ' choice--active' : ''}`}
              onClick={() => setView(v.id)}
            >
              {v.label}
            </Text>
          ))}
        </View>
        {levels.length ? (
          <View className='choice-row rq-levels'>
            <Text
              className={`choice choice--small rq-level rq-level--all${level === null ? ' choice--active' : ''}`}
              onClick={() => setLevel(null)}
            >
              全部
            </Text>
            {levels.map((l) => (
              <Text
                key={l}
                className={`choice choice--small rq-level rq-level--${l}${level === l ? ' choice--active' : ''}`}
                onClick={() => setLevel(l)}
              >
                {levelFromHere(l, scope.level)}
              </Text>
            ))}
          </View>
        ) : null}
      </View>
      <InboxList key={`${scope.key}/${view}/${level ?? ''}`} scope={scope} view={view} level={level} />
    </View>
  )
}

const keyOf = (r: RequestRow): string => r.id

function InboxList({ scope, view, level }: { scope: RequestScope; view: Tab; level: RequestLevel | null }) {
  const fetchPage = useCallback(
    (cursor: string | undefined) =>
      getRequestInbox({
        unitId: scope.unitId,
        ...(scope.departmentId ? { departmentId: scope.departmentId } : {}),
        ...(view === 'mine'
          ? { scope: 'mine' as const }
          : {
              scope: 'all' as const,
              ...(view === 'overdue' ? { group: 'open' as const, overdue: true } : { group: view }),
              ...(level ? { level } : {}),
            }),
        ...(cursor ? { cursor } : {}),
      }),
    [scope, view, level],
  )
  const list = useCursorList(fetchPage, keyOf)
  const { load } = list
  const loaded = useRef(false)
  useEffect(() => {
    void load(0).then(() => {
      loaded.current = true
    })
  }, [load])
  // back from a request's detail page (a move made there): read the list again
  useDidShow(() => {
    if (loaded.current) void load(0)
  })
  usePullDownRefresh(() => void load(0).finally(() => Taro.stopPullDownRefresh()))

  const empty = view === 'mine' ? '没有待办的诉求' : view === 'overdue' ? '没有超时的诉求' : '没有这样的诉求'
  return (
    <View className='card rq-list'>
      <PagedList list={list} empty={empty} moreClass='inbox-more' keyOf={keyOf}>
        {(row) => <InboxRow row={row} mine={scope.level} />}
      </PagedList>
    </View>
  )
}

function InboxRow({ row, mine }: { row: RequestRow; mine: RequestLevel }) {
  const holder = row.level === 'department' && row.departmentName ? row.departmentName : levelFromHere(row.level, mine)
  const due = row.group === 'open' ? dueText(row.nextDueAt, row.overdue) : ''
  return (
    <View
      className={`inbox-row${row.overdue ? ' inbox-row--overdue' : ''}`}
      onClick={() => void Taro.navigateTo({ url: pageUrl('requestDetail', { id: row.id }) })}
    >
      <View className='inbox-row__head'>
        <Text className='inbox-row__category'>
          {CATEGORY_LABELS[row.category]}
          {row.urgent ? ' · 紧急' : ''}
        </Text>
        <Text className={`rq-state rq-state--${row.group} inbox-row__state`}>{STATE_LABELS[row.state]}</Text>
      </View>
      <Text className='inbox-row__title'>{row.title}</Text>
      <Text className='inbox-row__place'>
        {row.placeLabel} · {holder}
      </Text>
      <View className='inbox-row__foot'>
        <Text className='inbox-row__age'>{ageText(row.createdAt)}反映</Text>
        {due === '已超时' ? (
          <Text className='inbox-row__due inbox-row__due--over'>{due}</Text>
        ) : due ? (
          // the deadline of the current step (受理, 响应, 办结 or 报到): a bare time would not say what it is
          <Text className='inbox-row__due'>请于 {due}处理</Text>
        ) : row.last ? (
          <Text className='inbox-row__due'>{row.last.label}</Text>
        ) : null}
        <Text className='inbox-row__followers'>{row.followerCount} 人关注</Text>
      </View>
    </View>
  )
}
