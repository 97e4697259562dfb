/** 志愿活动: the open activities I may join (my grid, community and teams), soonest first, 20 at a time; an organiser
 * (党小组长, 网格长, 社区) also has 我组织的 — the ones they posted, open or confirmed, latest first (?filter=organising
 * opens it, for a team's leader too). */
import { useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { AppPage } from '../../components/AppPage'
import { EmptyMark } from '../../components/PageState'
import { usePersonaReady } from '../../hooks/use-persona'
import { ActivityRow } from '../../pages/points/home/ActivityRow'
import { organiserScope } from '../../manage/points/scopes'
import { knownMe } from '../../services/grid'
import { getActivities, type ActivityCard } from '../../services/points'
import { Empty } from '../../ui/nutui'
import { listState, PagedRows } from '../components/PagedRows'
import { useListPage } from '../use-pages'
import '../points.css'

const keyOf = (a: ActivityCard) => a.id

type Filter = 'open' | 'organising'

export default function ActivitiesPage() {
  return usePersonaReady() ? <FilteredActivities /> : null
}

function FilteredActivities() {
  const [filter, setFilter] = useState<Filter>(useRouter().params.filter === 'organising' ? 'organising' : 'open')
  const [organiser, setOrganiser] = useState(filter === 'organising')
  // the roles as 首页 already asked them: no call of the page's own
  useEffect(() => {
    let live = true
    knownMe().then(
      (me) => live && organiserScope(me.roles) && setOrganiser(true),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [])
  return (
    <AppPage className='points-page activities'>
      {organiser ? (
        <View className='points-tabs'>
          {(['open', 'organising'] as const).map((f) => (
            <Text
              key={f}
              className={`points-tab activities-filter--${f}${filter === f ? ' points-tab--active' : ''}`}
              onClick={() => setFilter(f)}
            >
              {f === 'open' ? '招募中' : '我组织的'}
            </Text>
          ))}
        </View>
      ) : null}
      {/* a filter is its own list: switching starts it afresh from its first page */}
      <Activities key={filter} filter={filter} />
    </AppPage>
  )
}

function Activities({ filter }: { filter: Filter }) {
  const list = useListPage((page: number) => getActivities(page, undefined, filter), keyOf)
  return (
    listState(list, {
      empty: (
        <View className='page-state'>
          <Empty
            image={<EmptyMark glyph='志' />}
            title={filter === 'open' ? '暂时没有招募中的活动' : '还没有组织过活动'}
            description={
              filter === 'open' ? '网格、社区和服务队发布志愿活动后会显示在这里。' : '你发布的志愿活动会显示在这里。'
            }
          />
        </View>
      ),
    }) ?? (
      <View>
        <PagedRows list={list} keyOf={keyOf} end='没有更多活动了' moreClass='activities-more'>
          {(a) => <ActivityRow activity={a} />}
        </PagedRows>
      </View>
    )
  )
}
