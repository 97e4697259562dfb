/** 邀请居民: a join invite card for the grid or building, and its 入格海报 to print. */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { posterUrl } from '../../routes'
import type { UnitRef } from '../../services/grid'
import { createInvite, type InviteView } from '../../services/join'
import { Button } from '../ui'
import { CardLink, useCardMaker } from './ShareCard'

export function InviteCard({ unit, onCard }: { unit: UnitRef; onCard: (card: InviteView) => void }) {
  const { card, busy, error, create } = useCardMaker(() => createInvite(unit.id), onCard)
  return (
    <View className='card invite'>
      <View className='card__head'>
        <Text className='card__title'>邀请居民</Text>
        <Text className='card__hint'>居民打开邀请即可申请入户</Text>
      </View>
      <Button className='invite-create' type='primary' block disabled={busy} onClick={() => void create()}>
        {card ? '重新生成邀请' : '生成邀请'}
      </Button>
      {error ? <Text className='manage-error'>{error}</Text> : null}
      {card ? <CardLink card={card} prefix='invite-card' shareText='分享给居民' /> : null}
      {card && process.env.TARO_ENV === 'h5' ? (
        <Text className='manage-hint'>复制链接发给居民，在浏览器中打开即进入“加入网格”。</Text>
      ) : null}
      <Button
        className='invite-poster'
        type='primary'
        fill='outline'
        block
        onClick={() => void Taro.navigateTo({ url: posterUrl(unit.id) })}
      >
        入格海报（打印张贴，扫码加入）
      </Button>
    </View>
  )
}
