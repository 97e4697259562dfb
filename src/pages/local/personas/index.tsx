/**
 * 本地演示 login (h5 build only; app.config.ts leaves this page out of weapp): pick one of the local
 * cloud's personas and act as them. Stands in for WeChat login, which only exists inside WeChat.
 */
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import GroupSimulator from '../../../components/GroupSimulator'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { useRemote } from '../../../hooks/use-remote'
import { listPersonas } from '../../../services/local-demo'
import { choosePersona, currentPersona, type Persona } from '../../../services/session'
import { Cell, CellGroup, Tag } from '../../../ui/nutui'
import { AppPage } from '../../../components/AppPage'
import { pageUrl } from '../../../routes'
import './index.css'

const HOME = pageUrl('home')

export default function PersonasPage() {
  const { state, reload } = useRemote(listPersonas)
  const active = currentPersona()
  const next = decodeURIComponent(useRouter().params.next ?? '')

  const pick = (p: Persona) => {
    choosePersona(p)
    // reLaunch, not switchTab: every tab must reload as the new person. `next`: the page (e.g. an invite link)
    // that sent a visitor without a persona here.
    void Taro.reLaunch({ url: next.startsWith('/pages/') ? next : HOME })
  }

  return (
    <AppPage className='personas'>
      <View className='personas-banner'>
        <Text className='personas-banner__title'>本地演示 · 选择身份</Text>
        <Text className='personas-banner__text'>
          这是在本机运行的演示环境，数据均为虚构。在微信里使用时，身份来自微信登录，不会出现此页面。
        </Text>
      </View>
      {state.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'error' ? <ErrorState error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' ? (
        <View className='personas-list'>
          <CellGroup title='以谁的身份进入？'>
            {state.data.map((p) => (
              <Cell
                key={p.openid}
                className='persona'
                clickable
                onClick={() => pick(p)}
                title={
                  <View className='persona__title'>
                    <Text className='persona__label'>{p.label}</Text>
                    {active?.openid === p.openid ? (
                      <Tag className='persona__current' background='#e8f0fe' color='#1d4ed8'>
                        当前
                      </Tag>
                    ) : null}
                  </View>
                }
                description={p.description}
                extra='›'
              />
            ))}
          </CellGroup>
          {state.data.length === 0 ? <Text className='personas-none'>本地云没有提供演示身份</Text> : null}
          <GroupSimulator />
        </View>
      ) : null}
    </AppPage>
  )
}
