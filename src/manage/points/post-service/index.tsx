/**
 * 发布兑换服务 (merchants as their shop, community staff as the community): a service or good for points — title,
 * what it is, cost, stock, how many times one person may redeem it, until which day (picked on the date wheel), and
 * how long a voucher lasts. It serves the provider's community. Below, the services this provider offers, with what
 * is left: 修改 opens one to change its text, cost, limit, last day, stock (added or taken) or to take it down
 * (下架) and put it back (points.updateService).
 */
import { useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import { beijingAt, beijingDay } from '../../../../core/beijing-time'
import { ChunkedList } from '../../../components/ChunkedList'
import { RoleTag } from '../../../components/RoleTag'
import type { RoleView } from '../../../services/grid'
import {
  getService,
  getServices,
  postService,
  updateService,
  WALLET_LIMITS,
  type ServiceCard,
  type ServiceDetail,
} from '../../../services/points'
import { usePages } from '../../../points/use-pages'
import { MoreFooter } from '../../../points/components/MoreFooter'
import { formatTime, messageOf } from '../../format'
import { Button } from '../../ui'
import { DateTimeField } from '../../components/DateTimeField'
import { LeaderGate } from '../../components/LeaderGate'
import { Choices, Field, TextField, wholeNumber } from '../components/FormField'
import { providerScope } from '../scopes'
import '../../manage.css'
import '../points-manage.css'
import '../../../points/points.css'

const DAY_MS = 24 * 60 * 60 * 1000
const VOUCHER_DAYS = [7, 30, 90] as const
const keyOf = (s: ServiceCard) => s.id

export default function PostServicePage() {
  return (
    <LeaderGate className='app-page manage points-post-service' what='发布兑换服务' scopeOf={providerScope}>
      {(scope) => <PostService scope={scope} />}
    </LeaderGate>
  )
}

/** The last minute of a Beijing day: a service stays redeemable through the day picked. */
const endOfDay = (d: Date): Date => beijingAt(beijingDay(d), '23:59')
const lastDayOffered = (): Date => new Date(Date.now() + WALLET_LIMITS.validDays * DAY_MS)

type Message = { text: string; error: boolean } | null

/** What is wrong with a service's name, cost and per-person limit (posting and changing one check the same). */
function serviceProblem(title: string, cost: number, limit: number): string {
  if (!title.trim()) return '请填写服务名称'
  if (!(cost >= 1 && cost <= WALLET_LIMITS.cost)) return `所需积分应为 1 到 ${WALLET_LIMITS.cost}`
  if (!(limit >= 1 && limit <= WALLET_LIMITS.perPersonLimit))
    return `每人限兑应为 1 到 ${WALLET_LIMITS.perPersonLimit} 次`
  return ''
}

function PostService({ scope }: { scope: RoleView }) {
  const mine = usePages((page: number) => getServices(page, true), keyOf)
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [cost, setCost] = useState('')
  const [stock, setStock] = useState('')
  const [limit, setLimit] = useState('1')
  const [validUntil, setValidUntil] = useState(() => endOfDay(new Date(Date.now() + 90 * DAY_MS)))
  const [voucherDays, setVoucherDays] = useState<number>(30)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<Message>(null)
  const [editing, setEditing] = useState<ServiceDetail | null>(null)
  const [opening, setOpening] = useState<string | null>(null)

  const submit = async () => {
    const [c, s, l] = [wholeNumber(cost), wholeNumber(stock), wholeNumber(limit)]
    const wrong =
      serviceProblem(title, c, l) ||
      (!(s >= 1 && s <= WALLET_LIMITS.stock) ? `数量应为 1 到 ${WALLET_LIMITS.stock}` : '')
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
        validUntil: validUntil.toISOString(),
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

  const open = async (id: string) => {
    setOpening(id)
    setMessage(null)
    try {
      setEditing(await getService(id))
    } catch (e) {
      setMessage({ text: messageOf(e), error: true })
    } finally {
      setOpening(null)
    }
  }

  return (
    <View>
      {editing ? (
        <EditService
          key={editing.id}
          service={editing}
          onClose={() => setEditing(null)}
          onSaved={async (saved) => {
            setEditing(null)
            setMessage({ text: `已保存「${saved.title}」`, error: false })
            await mine.reload()
          }}
        />
      ) : null}
      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>发布兑换服务</Text>
          <RoleTag role={scope.role} />
        </View>
        <Text className='manage-form__label'>服务范围：{scope.unitName}</Text>
        <TextField
          label='服务名称'
          inputClass='ps-title'
          placeholder='如：理发一次、家电上门维修'
          maxLength={WALLET_LIMITS.title}
          value={title}
          onChange={setTitle}
        />
        <Field label='说明（选填）'>
          <Textarea
            className='pm-textarea ps-description'
            placeholder='服务内容、地址、营业时间'
            maxlength={WALLET_LIMITS.description}
            value={description}
            onInput={(e) => setDescription(e.detail.value)}
          />
        </Field>
        <View className='pm-pair'>
          <TextField label='所需积分' inputClass='ps-cost' type='number' value={cost} onChange={setCost} />
          <TextField label='数量' inputClass='ps-stock' type='number' value={stock} onChange={setStock} />
          <TextField label='每人限兑' inputClass='ps-limit' type='number' value={limit} onChange={setLimit} />
        </View>
        <DateTimeField
          className='ps-valid'
          label='兑换截止日期'
          dateOnly
          value={validUntil}
          onChange={(d) => setValidUntil(endOfDay(d))}
          start={new Date()}
          end={lastDayOffered()}
        />
        <Field label='兑换券有效期'>
          <Choices
            options={VOUCHER_DAYS}
            value={voucherDays as (typeof VOUCHER_DAYS)[number]}
            onChange={setVoucherDays}
            label={(d) => `${d} 天`}
            chipClass={() => 'ps-voucher-days'}
          />
        </Field>
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
                  {s.cost} 分 · 剩余 {s.stock} · 每人限 {s.perPersonLimit} 次 · {formatTime(s.validUntil)} 前
                  {s.status === 'closed' ? ' · 已下架' : ''}
                </Text>
              </View>
              <Text className='my-service__edit' onClick={() => void open(s.id)}>
                {opening === s.id ? '打开中…' : '修改'}
              </Text>
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

/** Changing one service: only what was changed is sent; stock moves by what is added or taken. */
function EditService({
  service,
  onClose,
  onSaved,
}: {
  service: ServiceDetail
  onClose: () => void
  onSaved: (saved: ServiceDetail) => Promise<void>
}) {
  const [title, setTitle] = useState(service.title)
  const [description, setDescription] = useState(service.description)
  const [cost, setCost] = useState(String(service.cost))
  const [limit, setLimit] = useState(String(service.perPersonLimit))
  const [validUntil, setValidUntil] = useState(() => new Date(service.validUntil))
  const [stockWay, setStockWay] = useState<'add' | 'take'>('add')
  const [stockBy, setStockBy] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const save = async (status?: 'open' | 'closed') => {
    const [c, l] = [wholeNumber(cost), wholeNumber(limit)]
    const by = stockBy.trim() ? wholeNumber(stockBy) : 0
    const wrong =
      serviceProblem(title, c, l) ||
      (!(by >= 0 && by <= WALLET_LIMITS.stock)
        ? `增减数量应为 0 到 ${WALLET_LIMITS.stock}`
        : stockWay === 'take' && by > service.stock
          ? `库存只剩 ${service.stock}`
          : '')
    if (wrong) return setError(wrong)
    const changedDay = beijingDay(service.validUntil) !== beijingDay(validUntil)
    setBusy(true)
    setError('')
    try {
      const saved = await updateService({
        serviceId: service.id,
        ...(title.trim() !== service.title ? { title: title.trim() } : {}),
        ...(description.trim() !== service.description ? { description: description.trim() } : {}),
        ...(c !== service.cost ? { cost: c } : {}),
        ...(l !== service.perPersonLimit ? { perPersonLimit: l } : {}),
        ...(changedDay ? { validUntil: endOfDay(validUntil).toISOString() } : {}),
        ...(by ? { stockDelta: stockWay === 'add' ? by : -by } : {}),
        ...(status ? { status } : {}),
      })
      await onSaved(saved)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card edit-service'>
      <View className='card__head'>
        <Text className='card__title'>修改服务</Text>
        <Text className='card__hint edit-service__close' onClick={onClose}>
          收起
        </Text>
      </View>
      <Text className='manage-hint'>
        已兑出 {service.issued} 份，剩余 {service.stock} 份{service.status === 'closed' ? '，已下架' : ''}
      </Text>
      <TextField
        label='服务名称'
        inputClass='es-title'
        maxLength={WALLET_LIMITS.title}
        value={title}
        onChange={setTitle}
      />
      <Field label='说明'>
        <Textarea
          className='pm-textarea es-description'
          maxlength={WALLET_LIMITS.description}
          value={description}
          onInput={(e) => setDescription(e.detail.value)}
        />
      </Field>
      <View className='pm-pair'>
        <TextField label='所需积分' inputClass='es-cost' type='number' value={cost} onChange={setCost} />
        <TextField label='每人限兑' inputClass='es-limit' type='number' value={limit} onChange={setLimit} />
      </View>
      <DateTimeField
        className='es-valid'
        label='兑换截止日期'
        dateOnly
        value={validUntil}
        onChange={setValidUntil}
        start={new Date()}
        end={lastDayOffered()}
      />
      <Field label='库存'>
        <Choices
          options={['add', 'take'] as const}
          value={stockWay}
          onChange={setStockWay}
          label={(w) => (w === 'add' ? '增加' : '减少')}
          chipClass={(w) => `es-stock-way es-stock-way--${w}`}
        />
      </Field>
      <TextField label='数量（不改填 0）' inputClass='es-stock' type='number' value={stockBy} onChange={setStockBy} />
      {error ? <Text className='manage-error es-error'>{error}</Text> : null}
      <View className='pm-field'>
        <Button className='es-save' type='primary' block loading={busy} onClick={() => void save()}>
          保存
        </Button>
      </View>
      <View className='pm-field'>
        <Button
          className={`es-status es-status--${service.status === 'open' ? 'close' : 'open'}`}
          fill='outline'
          type='primary'
          block
          disabled={busy}
          onClick={() => void save(service.status === 'open' ? 'closed' : 'open')}
        >
          {service.status === 'open' ? '下架（居民不能再兑换）' : '重新上架'}
        </Button>
      </View>
    </View>
  )
}
