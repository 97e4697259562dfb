/**
 * 调整积分 (party group leaders, grid chiefs, community and street staff): find a resident by household, then grant
 * (奖励) or deduct (扣减) points with a written reason, within the role's monthly limits. Every adjustment goes through
 * the ledger and the audit log; one tap moves points once (its request id goes with a retry).
 */
import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { RoleTag } from '../../../components/RoleTag'
import type { MemberView, RoleView } from '../../../services/grid'
import { adjustPoints, newRequestId, WALLET_LIMITS, type AdjustDirection } from '../../../services/points'
import { toServiceError } from '../../../services/errors'
import { messageOf } from '../../format'
import { Button } from '../../ui'
import { TextField } from '../components/FormField'
import { LeaderGate } from '../../components/LeaderGate'
import { ResidentPicker } from '../components/ResidentPicker'
import { adjusterScope } from '../scopes'
import '../../manage.css'
import '../points-manage.css'

export default function AdjustPage() {
  return (
    <LeaderGate className='app-page manage points-adjust' what='调整积分' scopeOf={adjusterScope}>
      {(scope) => <Adjust scope={scope} />}
    </LeaderGate>
  )
}

function Adjust({ scope }: { scope: RoleView }) {
  const [person, setPerson] = useState<MemberView | null>(null)

  return (
    <View>
      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>调整积分</Text>
          <RoleTag role={scope.role} />
        </View>
        <Text className='manage-hint'>奖励或扣减须写明原因，每月有额度，全部记入台账和审计日志。</Text>
      </View>
      {person ? <AdjustForm person={person} onDone={() => setPerson(null)} /> : null}
      <ResidentPicker
        unitId={scope.unitId}
        unitName={scope.unitName}
        title='选择居民'
        chosen={person?.id ?? null}
        onPick={setPerson}
      />
    </View>
  )
}

function AdjustForm({ person, onDone }: { person: MemberView; onDone: () => void }) {
  const [direction, setDirection] = useState<AdjustDirection>('grant')
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const request = useRef<string | null>(null)

  const submit = async () => {
    const n = /^\d+$/.test(amount.trim()) ? Number(amount.trim()) : NaN
    if (!(n >= 1 && n <= WALLET_LIMITS.adjustment))
      return setMessage({ text: `请填写 1 到 ${WALLET_LIMITS.adjustment} 之间的积分`, error: true })
    if (reason.trim().length < 2) return setMessage({ text: '请写明原因', error: true })
    request.current ??= newRequestId()
    setBusy(true)
    setMessage(null)
    try {
      const res = await adjustPoints(person.id, direction, n, reason, request.current)
      request.current = null
      setAmount('')
      setReason('')
      setMessage({
        text: `已${direction === 'grant' ? '奖励' : '扣减'}${person.name} ${n} 分，其余额 ${res.balance} 分；本月还可奖励 ${res.remaining.grant} 分、扣减 ${res.remaining.deduct} 分`,
        error: false,
      })
    } catch (e) {
      // refused for a reason: a new tap is a new request; a lost answer keeps the id, so a retry moves points once
      const code = toServiceError(e).code
      if (code !== 'NETWORK' && code !== 'INTERNAL') request.current = null
      setMessage({ text: messageOf(e), error: true })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card adjust-form'>
      <View className='card__head'>
        <Text className='card__title'>{person.name}</Text>
        <Text className='card__hint' onClick={onDone}>
          换一位 ›
        </Text>
      </View>
      <View className='choice-row'>
        {(['grant', 'deduct'] as const).map((d) => (
          <Text
            key={d}
            className={`choice adjust-direction adjust-direction--${d}${direction === d ? ' choice--active' : ''}`}
            onClick={() => setDirection(d)}
          >
            {d === 'grant' ? '奖励' : '扣减'}
          </Text>
        ))}
      </View>
      <TextField label='积分' inputClass='adjust-amount' type='number' value={amount} onChange={setAmount} />
      <TextField
        label='原因（必填）'
        inputClass='adjust-reason'
        placeholder='如：协助疫情防控值守，表现突出'
        maxLength={WALLET_LIMITS.reason}
        value={reason}
        onChange={setReason}
      />
      {message ? (
        <Text className={message.error ? 'manage-error' : 'manage-message adjust-done'}>{message.text}</Text>
      ) : null}
      <View className='pm-field'>
        <Button className='adjust-submit' type='primary' block loading={busy} onClick={() => void submit()}>
          确定{direction === 'grant' ? '奖励' : '扣减'}
        </Button>
      </View>
    </View>
  )
}
