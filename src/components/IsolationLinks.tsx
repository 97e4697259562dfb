/**
 * 我的 → 居家隔离: 我家的隔离服务 while my household is (or is about to be) in home isolation, and 隔离服务任务 when I
 * serve my grid's isolated households (a volunteer, a building head, the party leader or grid chief). Nothing when
 * neither: the group does not show.
 */
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { CareLinks } from '../../core/contract'
import { pageUrl } from '../routes'
import { Cell, CellGroup } from '../ui/nutui'

/** From what 我的 already loaded (careLinks): no call of its own. */
export function IsolationLinks({ links }: { links: CareLinks | undefined }) {
  const home = links?.isolationHome ?? false
  const serves = links?.isolationServes ?? false
  if (!home && !serves) return null
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
        {serves ? (
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
