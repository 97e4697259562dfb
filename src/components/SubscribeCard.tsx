/**
 * 订阅 a subscribe message (一次性订阅): one tap asks WeChat for one more message of a template and records it
 * (src/services/notices.ts subscribeTo); the card says what it brings and how it went. Used by a notice (its
 * template) and by volunteering (new activities on the 积分 tab, 候补转正 on a waiting sign-up).
 * `name` is the card's class prefix (`<name>__button`, `<name>__status--ok`…), which pages and tests find it by.
 */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { toServiceError } from '../services/errors'
import { subscribeTo } from '../services/notices'
import { Button } from '../ui/nutui'
import './SubscribeCard.css'

export interface SubscribeCardProps {
  name: string
  templateId: string
  title: string
  /** what the message brings, in WeChat */
  hint: string
  /** said once accepted, with how many messages the person now holds */
  accepted: (remaining: number) => string
  declined: string
}

export function SubscribeCard({ name, templateId, title, hint, accepted, declined }: SubscribeCardProps) {
  const [status, setStatus] = useState<{ text: string; ok: boolean } | null>(null)
  const [busy, setBusy] = useState(false)
  const subscribe = async () => {
    if (busy) return
    setBusy(true)
    try {
      const res = await subscribeTo(templateId)
      setStatus(res.status === 'accepted' ? { ok: true, text: accepted(res.remaining) } : { ok: false, text: declined })
    } catch (e) {
      setStatus({ ok: false, text: toServiceError(e).message })
    } finally {
      setBusy(false)
    }
  }
  const h5 = process.env.TARO_ENV === 'h5'
  return (
    <View className={`card subscribe-card ${name}`}>
      <View className={`subscribe-card__text ${name}__text`}>
        <Text className={`subscribe-card__title ${name}__title`}>{title}</Text>
        <Text className={`subscribe-card__hint ${name}__hint`}>
          {h5 ? '本地演示：模拟订阅，不经过微信；提醒消息进入本地云的发件箱。' : hint}
        </Text>
        {status ? (
          <Text
            className={`subscribe-card__status subscribe-card__status--${status.ok ? 'ok' : 'no'} ${name}__status ${name}__status--${status.ok ? 'ok' : 'no'}`}
          >
            {status.text}
          </Text>
        ) : null}
      </View>
      <Button
        className={`${name}__button`}
        fill='outline'
        type='primary'
        size='small'
        loading={busy}
        onClick={() => void subscribe()}
      >
        {h5 ? '模拟订阅' : '订阅'}
      </Button>
    </View>
  )
}
