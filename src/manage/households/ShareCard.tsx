/** A card to share (a join invite or a group binding card): made on a tap, then its link to copy or share. */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { enableGroupShare } from '../../services/group'
import type { InviteView } from '../../services/join'
import { formatTime, messageOf } from '../format'
import { cardLink } from '../links'
import { CopyShareButtons } from '../components/CopyShareButtons'

export function useCardMaker(make: () => Promise<InviteView>, onCard: (card: InviteView) => void) {
  const [card, setCard] = useState<InviteView | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const create = async () => {
    setBusy(true)
    setError('')
    try {
      const c = await make()
      onCard(c)
      setCard(c)
      // A binding card must come back with the group's share ticket, or the group cannot be told apart.
      if (c.kind === 'bindGroup') enableGroupShare()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  return { card, busy, error, create }
}

export function CardLink({ card, prefix, shareText }: { card: InviteView; prefix: string; shareText: string }) {
  const link = cardLink(card)
  return (
    <View className={`${prefix} share-card`}>
      <Text className='share-card__title'>
        {card.kind === 'bindGroup' ? `绑定卡片 · ${card.unit.name}` : `加入邀请 · ${card.unit.name}`}
      </Text>
      <Text className={`${prefix}__link share-card__link`} selectable>
        {link}
      </Text>
      <Text className='share-card__expires'>有效期至 {formatTime(card.expiresAt)}</Text>
      <View className='share-card__actions'>
        <CopyShareButtons prefix={prefix} link={link} shareText={shareText} kind={card.kind} />
      </View>
    </View>
  )
}
