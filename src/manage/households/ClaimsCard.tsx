/** 待确认入户: the claims waiting under a grid or building; approve, or reject with a reason the claimant reads. */
import { useState } from 'react'
import { CLAIM_LIMITS } from '../../../core/contract/join'
import { Text, View } from '@tarojs/components'
import { useRemote } from '../../hooks/use-remote'
import type { UnitRef } from '../../services/grid'
import { decideClaim, getPendingClaims, type ClaimView } from '../../services/join'
import { formatTime, messageOf } from '../format'
import { Button, Input } from '../ui'

export function ClaimsCard({ unit, onDecided }: { unit: UnitRef; onDecided: () => void }) {
  const { state, reload } = useRemote(() => getPendingClaims(unit.id))
  const [rejecting, setRejecting] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)

  const decide = async (claim: ClaimView, approve: boolean) => {
    const why = reason.trim()
    if (!approve && !why) {
      setMessage({ text: '拒绝时请填写原因，申请人会看到它', error: true })
      return
    }
    setBusy(true)
    try {
      await decideClaim(claim.id, approve, approve ? undefined : why)
      setMessage({
        text: approve ? `已同意 ${claim.name} 入户 ${claim.door}` : `已拒绝 ${claim.name} 的申请`,
        error: false,
      })
      setRejecting(null)
      setReason('')
      await reload()
      onDecided()
    } catch (e) {
      setMessage({ text: messageOf(e), error: true })
    } finally {
      setBusy(false)
    }
  }

  const claims = state.status === 'ok' ? state.data : []
  return (
    <View className='card claims'>
      <View className='card__head'>
        <Text className='card__title'>待确认入户</Text>
        <Text className='card__hint'>{state.status === 'ok' ? `${claims.length} 条` : ''}</Text>
      </View>
      {message ? <Text className={message.error ? 'manage-error' : 'manage-message'}>{message.text}</Text> : null}
      {state.status === 'loading' ? <Text className='manage-hint'>加载中…</Text> : null}
      {state.status === 'error' ? <Text className='manage-error'>{state.error.message}</Text> : null}
      {state.status === 'ok' && claims.length === 0 ? <Text className='manage-hint'>没有待确认的申请</Text> : null}
      {claims.map((c) => (
        <View className='pending-claim' key={c.id}>
          <View className='pending-claim__body'>
            <View className='pending-claim__title'>
              <Text className='pending-claim__name'>{c.name}</Text>
              <Text className='pending-claim__door'>{c.door}</Text>
            </View>
            <Text className='pending-claim__phone'>{c.phone}</Text>
            <Text className='pending-claim__time'>申请于 {formatTime(c.createdAt)}</Text>
          </View>
          {rejecting === c.id ? (
            <View className='pending-claim__reject-form'>
              <Input
                className='pending-claim__reason'
                placeholder='拒绝原因（申请人会看到），如：房号不符'
                maxLength={CLAIM_LIMITS.reason}
                value={reason}
                onChange={(v: string) => setReason(v)}
              />
              <View className='pending-claim__actions'>
                <Button size='small' fill='outline' onClick={() => setRejecting(null)}>
                  取消
                </Button>
                <Button
                  className='pending-claim__confirm-reject'
                  size='small'
                  type='danger'
                  disabled={busy}
                  onClick={() => void decide(c, false)}
                >
                  确认拒绝
                </Button>
              </View>
            </View>
          ) : (
            <View className='pending-claim__actions'>
              <Button
                className='pending-claim__reject'
                size='small'
                fill='outline'
                disabled={busy}
                onClick={() => {
                  setRejecting(c.id)
                  setReason('')
                  setMessage(null)
                }}
              >
                拒绝
              </Button>
              <Button
                className='pending-claim__approve'
                size='small'
                type='primary'
                disabled={busy}
                onClick={() => void decide(c, true)}
              >
                同意
              </Button>
            </View>
          )}
        </View>
      ))}
    </View>
  )
}
