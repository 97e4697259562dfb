/** 我的 → 长辈模式: larger type, bigger buttons and darker text on every page, remembered on this phone. */
import { Switch, View } from '@tarojs/components'
import { useElderMode } from '../hooks/use-elder-mode'
import { setElderMode } from '../ui/elder-mode'
import { Cell, CellGroup } from '../ui/nutui'

export function ElderModeSwitch() {
  const on = useElderMode()
  return (
    <View className='me-section elder-switch'>
      <CellGroup title='显示'>
        <Cell
          title='长辈模式'
          description={on ? '已开启：字更大、颜色更深、按钮更好按' : '开启后字更大、颜色更深、按钮更好按'}
          extra={
            <Switch
              className='elder-switch__toggle'
              checked={on}
              color='#c8161d'
              onChange={(e) => setElderMode(e.detail.value)}
            />
          }
        />
      </CellGroup>
    </View>
  )
}
