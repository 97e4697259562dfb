/**
 * The 积分 tab's work for leaders and merchants: 发布志愿活动, 调整积分, 发布兑换服务, 核销兑换券, 核销对账 — each only
 * for the roles that may use it. The roles come from who-am-I as 首页 already asked it (no call of the tab's own
 * then); the server checks again on every call.
 */
import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import {
  adjusterScope,
  communityStaffScope,
  organiserScope,
  providerScope,
  teamCreatorScope,
} from '../../../manage/points/scopes'
import { pageUrl, type RouteName } from '../../../routes'
import { knownMe, type RoleView } from '../../../services/grid'
import { Cell, CellGroup } from '../../../ui/nutui'

const ENTRIES: { key: RouteName; title: string; description: string; may: (roles: RoleView[]) => unknown }[] = [
  { key: 'postActivity', title: '发布志愿活动', description: '岗位、人数和积分规则，接龙报名', may: organiserScope },
  { key: 'adjustPoints', title: '调整积分', description: '写明原因奖励或扣减，记入台账', may: adjusterScope },
  { key: 'postService', title: '发布兑换服务', description: '用积分兑换的服务或物品', may: providerScope },
  { key: 'verifyVoucher', title: '核销兑换券', description: '扫码或输入券码，每张只能核销一次', may: providerScope },
  { key: 'statement', title: '核销对账', description: '每月核销了哪些兑换券', may: providerScope },
  { key: 'createTeam', title: '新建服务队', description: '服务队的名称和队长', may: teamCreatorScope },
  {
    key: 'exportHours',
    title: '导出志愿时长',
    description: '按活动、服务队或时间段导出表格',
    may: communityStaffScope,
  },
  {
    key: 'pointsRules',
    title: '积分规则',
    description: '取消时限、缺席、签到时段、星级、有效期和调整额度',
    may: communityStaffScope,
  },
]

export function LeaderEntries() {
  const [roles, setRoles] = useState<RoleView[]>([])
  useEffect(() => {
    let live = true
    knownMe().then(
      (me) => live && setRoles(me.roles),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [])
  const entries = ENTRIES.filter((e) => e.may(roles))
  if (!entries.length) return null
  return (
    <View className='points-manage'>
      <CellGroup title='积分管理'>
        {entries.map((e) => (
          <Cell
            key={e.key}
            className={`points-manage__link points-manage__link--${e.key}`}
            title={e.title}
            description={e.description}
            extra='›'
            clickable
            onClick={() => void Taro.navigateTo({ url: pageUrl(e.key) })}
          />
        ))}
      </CellGroup>
    </View>
  )
}
