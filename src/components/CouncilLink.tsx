/** 我的 → 三长议事: for a resident of a grid and for its heads, from what 我的 already loaded (grid.me / grid.home). */
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { MeResult } from '../services/grid'
import { pageUrl } from '../routes'
import { Cell, CellGroup } from '../ui/nutui'

const HEADS = ['gridChief', 'partyLeader', 'buildingHead']

export function CouncilLink({ me }: { me: Pick<MeResult, 'grid' | 'household' | 'roles'> }) {
  if (!me.grid || !(me.household || me.roles.some((r) => HEADS.includes(r.role)))) return null
  const grid = me.grid
  return (
    <View className='me-section'>
      <CellGroup title='三长议事'>
        <Cell
          className='council-link'
          title={`${grid.name}议事`}
          description='提出小区里的事，支持邻居的议题，看议事结果'
          extra='›'
          clickable
          onClick={() => void Taro.navigateTo({ url: pageUrl('councilProposals', { grid: grid.id }) })}
        />
      </CellGroup>
    </View>
  )
}
