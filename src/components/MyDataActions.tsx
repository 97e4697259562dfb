/**
 * 我的 → 我的数据: leave my household, export everything stored about me, or have it deleted. Leaving and
 * deleting ask first (Taro.showModal: WeChat's own dialog in weapp, Taro's in h5). The export shows on the page
 * as labelled rows; the whole file is downloaded (h5) or copied (weapp).
 */
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { toServiceError } from '../services/errors'
import { pageUrl } from '../routes'
import { leaveHousehold } from '../services/join'
import { exportMyData, requestDeletion } from '../services/privacy'
import { Cell, CellGroup } from '../ui/nutui'
import { describeMyData, type DataSection } from './my-data-view'

const confirm = async (title: string, content: string, confirmText: string): Promise<boolean> => {
  const res = await Taro.showModal({ title, content, confirmText, confirmColor: '#c8161d', cancelText: '取消' })
  return res.confirm
}

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 })

/** weapp: onto the clipboard; h5: a .json download. Either way the page shows it too. */
async function saveJson(json: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }))
    const a = document.createElement('a')
    a.href = url
    a.download = '我的数据.json'
    a.click()
    setTimeout(() => URL.revokeObjectURL(url), 1000)
    return '已下载到本机'
  }
  await Taro.setClipboardData({ data: json })
  return '已复制到剪贴板，可粘贴保存'
}

const HOME = pageUrl('home')
/** After leaving or deleting every tab shows stale data: start over from 首页, as a change of person does. */
const restart = () => void Taro.reLaunch({ url: HOME })

export function MyDataActions({ household }: { household: string | null }) {
  const [shown, setShown] = useState<DataSection[] | null>(null)
  const [busy, setBusy] = useState(false)
  const run = async (work: () => Promise<void>) => {
    if (busy) return
    setBusy(true)
    try {
      await work()
    } catch (e) {
      toast(toServiceError(e).message)
    } finally {
      setBusy(false)
    }
  }

  const leave = () =>
    run(async () => {
      if (
        !(await confirm(
          '退出本户',
          `确定退出 ${household ?? '本户'} 吗？退出后立即无法再查看这一户和网格的信息，重新加入需要再次申请并经确认。`,
          '退出',
        ))
      )
        return
      const { left } = await leaveHousehold()
      toast(`已退出 ${left.name}`)
      restart()
    })

  const exportData = () =>
    run(async () => {
      const data = await exportMyData()
      setShown(describeMyData(data))
      toast(await saveJson(JSON.stringify(data, null, 2)))
    })

  const erase = () =>
    run(async () => {
      const ok = await confirm(
        '注销我的信息',
        '注销后将删除你的姓名、手机号、微信身份和所有身份角色，且无法恢复；积分、诉求等记录只保留匿名编号。确定注销吗？',
        '确定注销',
      )
      if (!ok) return
      await requestDeletion()
      toast('你的信息已注销')
      setShown(null)
      restart()
    })

  return (
    <View className='me-section my-data'>
      <CellGroup title='我的数据'>
        <Cell
          className='me-claims'
          title='我的申请'
          extra='›'
          clickable
          onClick={() => void Taro.navigateTo({ url: pageUrl('claims') })}
        />
        {household ? (
          <Cell
            className='me-leave'
            title='退出本户'
            description={household}
            extra='›'
            clickable
            onClick={() => void leave()}
          />
        ) : null}
        <Cell
          className='me-export'
          title='导出我的数据'
          description='保存的关于你的全部信息，及谁查看过'
          extra='›'
          clickable
          onClick={() => void exportData()}
        />
        <Cell
          className='me-delete'
          title={<Text className='me-delete__title'>注销我的信息</Text>}
          description='删除姓名、手机号等个人信息，不可恢复'
          extra='›'
          clickable
          onClick={() => void erase()}
        />
      </CellGroup>
      {shown ? (
        <View className='me-export__box'>
          {shown.map((s) => (
            <View className='me-export__section' key={s.title}>
              <Text className='me-export__title'>{s.title}</Text>
              {s.rows.length === 0 ? <Text className='me-export__empty'>{s.empty}</Text> : null}
              {s.rows.map((r, i) => (
                <View className='me-export__row' key={`${r.label}-${i}`}>
                  <Text className='me-export__label'>{r.label}</Text>
                  <Text className='me-export__value' userSelect>
                    {r.value}
                  </Text>
                </View>
              ))}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
