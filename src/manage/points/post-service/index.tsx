/**
 * 发布兑换服务 (merchants as their shop, community staff as the community): a service or good for points — title,
 * what it is, cost, stock, how many times one person may redeem it, until when, and how long a voucher lasts. It
 * serves the provider's community. Below, the services this provider offers, with what is left.
 */
import { useState } from 'react'
import { ChunkedList } from '../../../components/ChunkedList'
import { Text, Textarea, View } from '@tarojs/components'
import { RoleTag } from '../../../components/RoleTag'
import type { RoleView } from '../../../services/grid'
import { getServices, postService, WALLET_LIMITS, type ServiceCard } from '../../../services/points'
import { usePages } from '../../../points/use-pages'
import { MoreFooter } from '../../../points/components/MoreFooter'
import { formatTime, messageOf } from '../../format'
import { Button, Input } from '../../ui'
import { LeaderGate } from '../../components/LeaderGate'
import { providerScope } from '../scopes'
import '../../manage.css'
import '../points-manage.css'
import '../../../points/points.css'

const DAY_MS = 24 * 60 * 60 * 1000
const VALID_DAYS = [30, 90, 180, 365] as const
const VOUCHER_DAYS = [7, 30, 90] as const
const keyOf = (s: ServiceCard) => s.id

export default function PostServicePage() {
  return (
    <LeaderGate className='app-page manage points-post-service' what='发布兑换服务' scopeOf={providerScope}>
      {(scope) => <PostService scope={scope} />}
    </LeaderGate>
  )
}

const int = (s: string): number => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN)

function PostService({ scope }: { scope: RoleView }) {
  const mine = usePages((page: number) => getServices(page, true), keyOf)
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [cost, setCost] = useState('')
  const [stock, setStock] = useState('')
  const [limit, setLimit] = useState('1')
  const [validDays, setValidDays] = useState<number>(90)
  const [voucherDays, setVoucherDays] = useState<number>(30)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)

  const submit = async () => {
    const [c, s, l] = [int(cost), int(stock), int(limit)]
    const wrong = !title.trim()
      ? '请填写服务名称'
      : !(c >= 1 && c <= WALLET_LIMITS.cost)
        ? `所需积分应为 1 到 ${WALLET_LIMITS.cost}`
        : !(s >= 1 && s <= WALLET_LIMITS.stock)
          ? `数量应为 1 到 ${WALLET_LIMITS.stock}`
          : !(l >= 1 && l <= WALLET_LIMITS.perPersonLimit)
            ? `每人限兑应为 1 到 ${WALLET_LIMITS.perPersonLimit} 次`
            : ''
    if (wrong) return setMessage({ text: wrong, error: true })
    setBusy(true)
    setMessage(null)
    try {
      const service = await postService({
        communityId: scope.unitId,
        unitIds: [scope.unitId],
        title: title.trim(),
        description: description.trim(),
        cost: c,
        stock: s,
        perPersonLimit: l,
        validUntil: new Date(Date.now() + validDays * DAY_MS).toISOString(),
        voucherDays,
      })
      setTitle('')
      setDescription('')
      setCost('')
      setStock('')
      setMessage({ text: `已上架「${service.title}」，居民现在可以兑换`, error: false })
      await mine.reload()
    } catch (e) {
      setMessage({ text: messageOf(e), error: true })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View>
      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>发布兑换服务</Text>
          <RoleTag role={scope.role} />
        </View>
        <Text className='manage-form__label'>服务范围：{scope.unitName}</Text>
        <View className='pm-field'>
          <Text className='manage-form__label'>服务名称</Text>
          <Input
            className='pm-input ps-title'
            placeholder='如：理发一次、家电上门维修'
            maxLength={WALLET_LIMITS.title}
            value={title}
            onChange={(v: string) => setTitle(v)}
          />
        </View>
        <View className='pm-field'>
          <Text className='manage-form__label'>说明（选填）</Text>
          <Textarea
            className='pm-textarea ps-description'
            placeholder='服务内容、地址、营业时间'
            maxlength={WALLET_LIMITS.description}
            value={description}
            onInput={(e) => setDescription(e.detail.value)}
          />
        </View>
        <View className='pm-pair pm-field'>
          <View>
            <Text className='manage-form__label'>所需积分</Text>
            <Input className='pm-input ps-cost' type='number' value={cost} onChange={(v: string) => setCost(v)} />
          </View>
          <View>
            <Text className='manage-form__label'>数量</Text>
            <Input className='pm-input ps-stock' type='number' value={stock} onChange={(v: string) => setStock(v)} />
          </View>
          <View>
            <Text className='manage-form__label'>每人限兑</Text>
            <Input className='pm-input ps-limit' type='number' value={limit} onChange={(v: string) => setLimit(v)} />
          </View>
        </View>
        <Text className='manage-form__label pm-field'>上架时长</Text>
        <View className='choice-row'>
          {VALID_DAYS.map((d) => (
            <Text
              key={d}
              className={`choice ps-valid${validDays === d ? ' choice--active' : ''}`}
              onClick={() => setValidDays(d)}
            >
              {d} 天
            </Text>
          ))}
        </View>
        <Text className='manage-form__label pm-field'>兑换券有效期</Text>
        <View className='choice-row'>
          {VOUCHER_DAYS.map((d) => (
            <Text
              key={d}
              className={`choice ps-voucher-days${voucherDays === d ? ' choice--active' : ''}`}
              onClick={() => setVoucherDays(d)}
            >
              {d} 天
            </Text>
          ))}
        </View>
        {message ? (
          <Text className={message.error ? 'manage-error' : 'manage-message ps-done'}>{message.text}</Text>
        ) : null}
        <View className='pm-field'>
          <Button className='ps-submit' type='primary' block loading={busy} onClick={() => void submit()}>
            上架
          </Button>
        </View>
      </View>

      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>我提供的服务</Text>
        </View>
        {mine.rows.length ? null : <Text className='manage-hint'>还没有上架的服务</Text>}
        <ChunkedList rows={mine.rows} keyOf={keyOf}>
          {(s) => (
            <View className='points-row my-service'>
              <View className='points-row__main'>
                <Text className='points-row__title'>{s.title}</Text>
                <Text className='points-row__sub'>
                  剩余 {s.stock} · 每人限 {s.perPersonLimit} 次 · {formatTime(s.validUntil)} 前
                  {s.status === 'closed' ? ' · 已下架' : ''}
                </Text>
              </View>
              <Text className='points-amount'>{s.cost} 分</Text>
            </View>
          )}
        </ChunkedList>
        <MoreFooter
          status={mine.status}
          more={mine.more}
          error={mine.error}
          onMore={() => void mine.load(mine.page + 1)}
        />
      </View>
    </View>
  )
}
