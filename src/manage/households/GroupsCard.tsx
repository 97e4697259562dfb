/** 绑定网格群 (grid chiefs, community staff): the binding card for the grid's group chat, and the groups bound. */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRemote } from '../../hooks/use-remote'
import type { UnitRef } from '../../services/grid'
import { createBindCard, getGridGroups, unbindGroup, type InviteView } from '../../services/join'
import { formatTime, messageOf } from '../format'
import { Button } from '../ui'
import { CardLink, useCardMaker } from './ShareCard'

export function GroupsCard({ grid, onCard }: { grid: UnitRef; onCard: (card: InviteView) => void }) {
  const { card, busy, error, create } = useCardMaker(() => createBindCard(grid.id), onCard)
  const groups = useRemote(() => getGridGroups(grid.id))
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)

  const unbind = async (groupId: string) => {
    try {
      await unbindGroup(groupId)
      setMessage({ text: '已解绑', error: false })
      await groups.reload()
    } catch (e) {
      setMessage({ text: messageOf(e), error: true })
    }
  }

  return (
    <View className='card groups'>
      <View className='card__head'>
        <Text className='card__title'>绑定网格群</Text>
        <Text className='card__hint'>在群里打开绑定卡片即完成绑定</Text>
      </View>
      <Button className='bind-create' type='primary' fill='outline' block disabled={busy} onClick={() => void create()}>
        {card ? '重新生成绑定卡片' : '生成绑定卡片'}
      </Button>
      {error ? <Text className='manage-error'>{error}</Text> : null}
      {card ? <CardLink card={card} prefix='bind-card' shareText='分享到网格群' /> : null}
      {card && process.env.TARO_ENV === 'weapp' ? (
        <Text className='manage-hint'>请分享到本网格的微信群，群里第一次打开卡片时绑定该群。</Text>
      ) : null}
      {card && process.env.TARO_ENV === 'h5' ? (
        <Text className='manage-hint bind-card__howto'>
          浏览器里没有微信群：在“本地演示”页的“从微信群打开（模拟）”里选一个群，再打开这个链接，
          就如同在该群里点开了绑定卡片，该群随即绑定到本网格。
        </Text>
      ) : null}

      <View className='groups__list'>
        <View className='groups__head'>
          <Text className='groups__title'>已绑定的群</Text>
          <Text className='groups__refresh' onClick={() => void groups.reload()}>
            刷新
          </Text>
        </View>
        {message ? <Text className={message.error ? 'manage-error' : 'manage-message'}>{message.text}</Text> : null}
        {groups.state.status === 'loading' ? <Text className='manage-hint'>加载中…</Text> : null}
        {groups.state.status === 'error' ? <Text className='manage-error'>{groups.state.error.message}</Text> : null}
        {groups.state.status === 'ok' && groups.state.data.length === 0 ? (
          <Text className='manage-hint'>还没有绑定的群</Text>
        ) : null}
        {groups.state.status === 'ok'
          ? groups.state.data.map((g) => (
              <View className='group-row' key={g.groupId}>
                <View className='group-row__body'>
                  <Text className='group-row__id'>群 {g.groupId}</Text>
                  <Text className='group-row__time'>绑定于 {formatTime(g.boundAt)}</Text>
                </View>
                <Button
                  className='group-row__unbind'
                  size='small'
                  fill='outline'
                  onClick={() => void unbind(g.groupId)}
                >
                  解绑
                </Button>
              </View>
            ))
          : null}
      </View>
    </View>
  )
}
