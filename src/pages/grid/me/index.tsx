/** 我的: the signed-in person (own phone in full), household and members, and the roles they hold. */
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { LEVEL_LABELS } from '../../../../core/units'
import { ErrorState, LoadingState, NotJoinedState } from '../../../components/PageState'
import { useNoticeBadge } from '../../../hooks/use-notice-badge'
import { usePersonaReady } from '../../../hooks/use-persona'
import { useMe } from '../../../hooks/use-me'
import type { MeResult } from '../../../services/grid'
import { PERSONA_PAGE } from '../../../routes'
import { currentPersona } from '../../../services/session'
import { Avatar, Cell, CellGroup } from '../../../ui/nutui'
import { RoleTag } from '../../../components/RoleTag'
import { JoinEntry } from '../../../components/JoinEntry'
import { ManageLinks } from '../../../components/ManageLinks'
import { CareMineLink } from '../../../components/CareMineLink'
import { IsolationLinks } from '../../../components/IsolationLinks'
import { CouncilLink } from '../../../components/CouncilLink'
import { MyDataActions } from '../../../components/MyDataActions'
import { AppPage } from '../../../components/AppPage'
import { ElderModeSwitch } from '../../../components/ElderModeSwitch'
import { EmergencyLinks } from '../../../components/EmergencyLinks'
import './index.css'

export default function MePage() {
  useNoticeBadge()
  return usePersonaReady() ? <Me /> : null
}

function Me() {
  const { state, reload } = useMe()
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))

  let body
  if (state.status === 'loading') body = <LoadingState />
  else if (state.status === 'error') body = <ErrorState error={state.error} onRetry={() => void reload()} />
  else if (!state.data.person)
    body = (
      <>
        <NotJoinedState />
        <JoinEntry />
      </>
    )
  else body = <MeContent me={state.data} person={state.data.person} />
  return (
    <AppPage className='me'>
      {body}
      <ElderModeSwitch />
      {process.env.TARO_ENV === 'h5' ? <LocalDemoSwitch /> : null}
    </AppPage>
  )
}

function MeContent({ me, person }: { me: MeResult; person: NonNullable<MeResult['person']> }) {
  return (
    <View>
      <View className='me-profile'>
        <Avatar size='large' background='#ffffff' color='#c8161d'>
          {person.name.slice(0, 1)}
        </Avatar>
        <View className='me-profile__text'>
          <Text className='me-profile__name'>{person.name}</Text>
          <Text className='me-profile__phone'>{person.phone}</Text>
        </View>
      </View>

      <View className='me-section'>
        <CellGroup title='我的家庭'>
          {me.household ? (
            <>
              <Cell title='门牌' extra={me.household.door} />
              <Cell title='地址' description={me.household.address} />
              <Cell
                title={`家庭成员（${me.household.members.length}人）`}
                description={me.household.members.map((m) => m.name).join('、')}
              />
            </>
          ) : (
            <Cell title='尚未登记家庭住址' />
          )}
        </CellGroup>
      </View>

      <View className='me-section'>
        <CellGroup title='我的身份'>
          {me.roles.length ? (
            me.roles.map((r) => (
              <Cell
                key={`${r.role}-${r.unitId}`}
                title={<RoleTag role={r.role} />}
                extra={`${r.unitName}（${LEVEL_LABELS[r.level]}）`}
              />
            ))
          ) : (
            <Cell title='暂无身份' />
          )}
        </CellGroup>
      </View>

      <View className='me-section'>
        <ManageLinks roles={me.roles} title='网格工作' />
      </View>

      {/* emergency mode: 我的值守, 我的采样时段, 我的应急力量 (from the flags grid.me / grid.home answer with) */}
      <EmergencyLinks links={me.emergencyLinks} />

      {/* 关爱包联 and 居家隔离, from the same answer's careLinks */}
      <CareMineLink shown={me.careLinks?.care ?? false} />

      <IsolationLinks links={me.careLinks} />

      {/* 三长议事: a resident of a grid and its heads, from the same answer */}
      <CouncilLink me={me} />

      <MyDataActions household={me.household?.door ?? null} />
    </View>
  )
}

/** h5 only (本地演示): which persona is active, and a way back to the picker. */
function LocalDemoSwitch() {
  const persona = currentPersona()
  return (
    <View className='me-section'>
      <CellGroup title='本地演示'>
        <Cell
          className='local-demo-switch'
          title='切换演示身份'
          description={persona ? `当前：${persona.label}` : '尚未选择'}
          extra='›'
          clickable
          onClick={() => void Taro.navigateTo({ url: PERSONA_PAGE })}
        />
      </CellGroup>
    </View>
  )
}
