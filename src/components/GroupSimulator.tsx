/**
 * 本地演示 only (h5): simulate "opened from WeChat group chat X". WeChat tells a real app which group a card was
 * opened in; locally the tester picks a group id here (or puts ?group=<openGId> on the URL) and the transport
 * sends it as a CloudID to the calls that read it (join cards, binding a group, 我的网格).
 */
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, View } from '@tarojs/components'
import { setSimulatedGroup, simulatedGroup } from '../services/group'
import { Button, Cell, CellGroup } from '../ui/nutui'
import './GroupSimulator.css'

const PRESETS = ['G-demo-1', 'G-demo-2', 'G-demo-3']

export default function GroupSimulator() {
  const [current, setCurrent] = useState<string | null>(() => simulatedGroup())
  const [draft, setDraft] = useState('')

  const apply = (openGId: string | null) => {
    setSimulatedGroup(openGId)
    setCurrent(simulatedGroup())
    setDraft('')
    void Taro.showToast({ title: openGId ? `已模拟从群 ${openGId} 打开` : '已取消群模拟', icon: 'none' })
  }

  return (
    <CellGroup title='从微信群打开（模拟）' className='group-sim'>
      <Cell
        title={current ? `当前：从群 ${current} 打开` : '当前：不是从群里打开'}
        description='加入网格、绑定群和我的网格会带上这个群，如同在微信群里点开卡片'
      />
      <View className='group-sim__row'>
        {PRESETS.map((g) => (
          <Button key={g} size='small' type={current === g ? 'primary' : 'default'} onClick={() => apply(g)}>
            {g}
          </Button>
        ))}
      </View>
      <View className='group-sim__row'>
        <Input
          className='group-sim__input'
          value={draft}
          placeholder='其他群的编号'
          onInput={(e) => setDraft(e.detail.value)}
        />
        <Button size='small' type='primary' disabled={!draft.trim()} onClick={() => apply(draft)}>
          设置
        </Button>
        <Button size='small' disabled={!current} onClick={() => apply(null)}>
          清除
        </Button>
      </View>
    </CellGroup>
  )
}
