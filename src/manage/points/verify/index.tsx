/**
 * 核销兑换券 (merchants, community staff): scan the resident's voucher QR code (weapp) or type its code; the cloud
 * verifies it once and answers only what the provider needs — the service, the code and the holder's name masked.
 * A voucher already used, cancelled, expired or someone else's is refused with its reason, in plain words.
 */
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { RoleTag } from '../../../components/RoleTag'
import { pageUrl } from '../../../routes'
import type { RoleView } from '../../../services/grid'
import { dayTime, scanCode, verifyVoucher, type VerifyResult } from '../../../services/points'
import { messageOf } from '../../format'
import { Button, Input } from '../../ui'
import { LeaderGate } from '../../components/LeaderGate'
import { providerScope } from '../scopes'
import '../../manage.css'
import '../points-manage.css'
import '../../../points/points.css'
import './index.css'

export default function VerifyPage() {
  return (
    <LeaderGate className='app-page manage points-verify' what='核销兑换券' scopeOf={providerScope}>
      {(scope) => <Verify scope={scope} />}
    </LeaderGate>
  )
}

function Verify({ scope }: { scope: RoleView }) {
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<VerifyResult | null>(null)
  const [refusal, setRefusal] = useState('')

  const verify = async (text: string) => {
    if (busy || !text.trim()) return
    setBusy(true)
    setDone(null)
    setRefusal('')
    try {
      setDone(await verifyVoucher(text))
      setCode('')
    } catch (e) {
      setRefusal(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  const scan = async () => {
    try {
      const text = await scanCode()
      if (text) await verify(text)
    } catch (e) {
      setRefusal(messageOf(e))
    }
  }

  return (
    <View>
      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>核销兑换券</Text>
          <RoleTag role={scope.role} />
        </View>
        <Text className='manage-hint'>请居民出示兑换券，扫码或输入券码。每张券只能核销一次。</Text>
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className='verify-scan' type='primary' block disabled={busy} onClick={() => void scan()}>
            扫码核销
          </Button>
        ) : null}
        <Text className='manage-form__label pm-field'>券码</Text>
        <Input
          className='pm-input verify-code'
          placeholder='如：1234 5678 9012'
          maxLength={64}
          value={code}
          onChange={(v: string) => {
            setCode(v)
            setRefusal('')
          }}
        />
        <View className='pm-field'>
          <Button
            className='verify-submit'
            type='primary'
            fill='outline'
            block
            loading={busy}
            disabled={!code.trim()}
            onClick={() => void verify(code)}
          >
            核销
          </Button>
        </View>
      </View>
      {refusal ? <Text className='manage-error verify-refused'>未能核销：{refusal}</Text> : null}
      {done ? (
        <View className='card verify-done'>
          <Text className='verify-done__mark'>✓ 核销成功</Text>
          <Text className='points-title verify-done__service'>{done.serviceTitle}</Text>
          <Text className='points-meta verify-done__holder'>兑换人：{done.holder}</Text>
          <Text className='points-meta verify-done__code'>券码：{done.code}</Text>
          <Text className='points-meta'>
            {done.cost} 积分 · {dayTime(done.usedAt)} 核销
          </Text>
        </View>
      ) : null}
      <View className='card'>
        <Button
          className='verify-statement'
          fill='outline'
          block
          onClick={() => void Taro.navigateTo({ url: pageUrl('statement') })}
        >
          查看本月核销对账
        </Button>
      </View>
    </View>
  )
}
