/** 首页: who I am, where I live, my grid and its three heads; leaders also see their unit's counts; an emergency over
 * my place shows first, with its instructions pinned. One call (grid.home) brings all of it, and the 通知 badge's count. */
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, LoadingState, NotJoinedState } from '../../../components/PageState'
import { HeadList } from '../../../components/HeadList'
import { JoinEntry } from '../../../components/JoinEntry'
import { ManageLinks } from '../../../components/ManageLinks'
import { OverviewCard } from '../../../components/OverviewCard'
import { RoleTag } from '../../../components/RoleTag'
import { useNoticeBadge } from '../../../hooks/use-notice-badge'
import { usePersonaReady } from '../../../hooks/use-persona'
import { useHome } from '../../../hooks/use-home'
import { leadingScope, type HomeResult } from '../../../services/grid'
import { AppPage } from '../../../components/AppPage'
import { pageUrl } from '../../../routes'
import { ElderShortcuts } from '../../../components/ElderShortcuts'
import { EmergencyBanner } from '../../../components/EmergencyBanner'
import { useElderMode } from '../../../hooks/use-elder-mode'
import './index.css'

export default function HomePage() {
  useNoticeBadge()
  return usePersonaReady() ? <Home /> : null
}

function Home() {
  const { state, reload } = useHome()
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))

  if (state.status === 'ok' && state.data.person) return <HomeContent me={state.data} person={state.data.person} />
  return (
    <AppPage className='home'>
      {state.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'error' ? <ErrorState error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' ? <NotJoinedState /> : null}
      {state.status === 'ok' ? <JoinEntry /> : null}
    </AppPage>
  )
}

function HomeContent({ me, person }: { me: HomeResult; person: NonNullable<HomeResult['person']> }) {
  const scope = leadingScope(me.roles)
  const grid = me.grid
  const shortcuts = useElderMode() && !!grid && !!me.household
  return (
    <AppPage className='home'>
      {/* an emergency over my place comes first, its instructions pinned */}
      <EmergencyBanner emergencies={me.emergencies} />
      <View className='home-hero'>
        <Text className='home-hero__greeting'>你好，{person.name}</Text>
        {me.household ? (
          <View className='home-hero__home'>
            <Text className='home-hero__door'>{me.household.door}</Text>
            <Text className='home-hero__address'>{me.household.address}</Text>
          </View>
        ) : (
          <Text className='home-hero__address'>欢迎使用网格通</Text>
        )}
      </View>

      {shortcuts && grid ? <ElderShortcuts heads={grid.heads} /> : null}

      {grid ? (
        // the first card overlaps the hero; under the shortcuts (which take that place) it sits as the others do
        <View className={shortcuts ? 'card home-grid home-grid--below' : 'card home-grid'}>
          <View className='card__head'>
            <Text className='card__title'>我的网格</Text>
          </View>
          <Text className='home-grid__name'>{grid.name}</Text>
          <Text className='home-grid__path'>
            {[grid.street.name, grid.community.name, grid.name, grid.microgrid?.name].filter(Boolean).join(' · ')}
          </Text>
          {me.household && grid.microgrid ? (
            <View className='home-neighbours' onClick={() => void Taro.navigateTo({ url: pageUrl('neighbours') })}>
              <Text className='home-neighbours__text'>楼栋邻里 · {grid.microgrid.name}</Text>
              <Text className='home-neighbours__more'>查看 ›</Text>
            </View>
          ) : null}
        </View>
      ) : null}

      {grid ? (
        <View className='card'>
          <View className='card__head'>
            <Text className='card__title'>网格三长</Text>
            <Text className='card__hint'>有事找三长，一键拨打</Text>
          </View>
          <HeadList heads={grid.heads} />
        </View>
      ) : null}

      {!me.household && !scope ? (
        // Known but in no household (left it, or a claim not yet confirmed): the way (back) in.
        <JoinEntry />
      ) : null}

      {!grid && me.roles.length ? (
        <View className='card'>
          <View className='card__head'>
            <Text className='card__title'>我的身份</Text>
          </View>
          {me.roles.map((r) => (
            <View className='home-role' key={`${r.role}-${r.unitId}`}>
              <RoleTag role={r.role} />
              <Text className='home-role__unit'>{r.unitName}</Text>
            </View>
          ))}
        </View>
      ) : null}

      {me.leading ? <OverviewCard scope={me.leading.scope} overview={me.leading.overview} /> : null}
      {/* a department (城管 …) leads no unit, yet has its requests to handle */}
      {scope || me.roles.some((r) => r.role === 'department') ? (
        <ManageLinks roles={me.roles} title='管理' inset />
      ) : null}
    </AppPage>
  )
}
