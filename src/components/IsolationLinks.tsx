/**
 * 我的 → 居家隔离: 我家的隔离服务 while my household is (or is about to be) in home isolation, and 隔离服务任务 when I
 * serve my grid's isolated households (a volunteer, a building head, the party leader or grid chief). Nothing when
 * neither: the group does not show.
 */
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useRemote } from '../hooks/use-remote'
import { pageUrl } from '../routes'
import { getMyIsolation } from '../services/isolation'
import { Cell, CellGroup } from '../ui/nutui'

export function IsolationLinks() {
  const { state } = useRemote(() => getMyIsolation())
  if (state.status !== 'ok') return null
  const home = state.data.isolation?.active ? state.data.isolation : null
  if (!home && !state.data.serves) return null
  return (
    <View className='me-section isolation-links'>
      <CellGroup title='居家隔离'>
        {home ? (
          <Cell
            className='isolation-link isolation-link--home'
            title='我家的隔离服务'
            description='物资配送、垃圾清运的安排和进度'
            extra='›'
            clickable
            onClick={() => void Taro.navigateTo({ url: pageUrl('isolationHome') })}
          />
        ) : null}
        {state.data.serves ? (
          <Cell
            className='isolation-link isolation-link--tasks'
            title='隔离服务任务'
            description='为本网格的隔离户送物资、清运垃圾'
            extra='›'
            clickable
            onClick={() => void Taro.navigateTo({ url: pageUrl('isolationTasks') })}
          />
        ) : null}
      </CellGroup>
    </View>
  )
}
