/** 我的申请: each claim to a household with its status; a rejected one says why. */
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ClaimStatusTag } from '../../../components/ClaimStatusTag'
import { EmptyMark, ErrorState, LoadingState } from '../../../components/PageState'
import { usePersonaReady } from '../../../hooks/use-persona'
import { useRemote } from '../../../hooks/use-remote'
import { pageUrl } from '../../../routes'
import { getMyClaims, type ClaimView } from '../../../services/join'
import { Button, Empty } from '../../../ui/nutui'
import { AppPage } from '../../../components/AppPage'
import './index.css'

export default function ClaimsPage() {
  return usePersonaReady() ? <Claims /> : null
}

function Claims() {
  const { state, reload } = useRemote(getMyClaims)
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))
  // Back from 加入网格 with a new claim: show it.
  useDidShow(() => {
    if (state.status !== 'loading') void reload()
  })

  let body
  if (state.status === 'loading') body = <LoadingState />
  else if (state.status === 'error') body = <ErrorState error={state.error} onRetry={() => void reload()} />
  else if (state.data.length === 0)
    body = (
      <View className='page-state claims-none'>
        <Empty
          image={<EmptyMark glyph='申' />}
          title='还没有申请'
          description='打开网格长或楼栋长分享的“加入网格”邀请卡片，填写门牌即可申请加入。'
        />
        <View className='page-state__action'>
          <Button type='primary' onClick={() => void Taro.navigateTo({ url: pageUrl('join') })}>
            我有邀请
          </Button>
        </View>
      </View>
    )
  else body = state.data.map((c) => <ClaimRow key={c.id} claim={c} />)
  return <AppPage className='claims'>{body}</AppPage>
}

const day = (iso: string): string => iso.slice(0, 10)

function ClaimRow({ claim }: { claim: ClaimView }) {
  return (
    <View className={`card claim-row claim-row--${claim.status}`}>
      <View className='claim-row__head'>
        <Text className='claim-row__door'>{claim.door}</Text>
        <ClaimStatusTag status={claim.status} className='claim-row__status' />
      </View>
      <Text className='claim-row__who'>
        {claim.name} · {claim.phone}
      </Text>
      <Text className='claim-row__date'>
        {day(claim.createdAt)} 提交{claim.decidedAt ? ` · ${day(claim.decidedAt)} 处理` : ''}
      </Text>
      {claim.status === 'pending' ? (
        <Text className='claim-row__next'>等待楼栋长或网格长确认，确认后首页会显示你的网格和三长。</Text>
      ) : null}
      {claim.status === 'rejected' ? (
        <Text className='claim-row__reason'>未通过原因：{claim.reason || '未填写'}</Text>
      ) : null}
    </View>
  )
}
