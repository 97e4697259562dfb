/**
 * 采样点工作台 (a site's workers): the sites I work; for one, its slots of the day, the slot being tested with its
 * households, 叫号 (the call time is kept: door-to-done counts from it), and 采样完成 by scanning the household's
 * code, typing it, or from the list. Marking twice changes nothing. The cloud checks I work this very site.
 */
import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { AppPage } from '../../../components/AppPage'
import { ChunkedList } from '../../../components/ChunkedList'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { usePersonaReady } from '../../../hooks/use-persona'
import { useRemote } from '../../../hooks/use-remote'
import { toServiceError } from '../../../services/errors'
import { scanCode } from '../../../services/points'
import {
  callSlot,
  clock,
  dayLabel,
  getMySites,
  getSite,
  markTested,
  type TestingMySite,
  type TestingSlotView,
} from '../../../services/testing'
import { Button, Empty } from '../../../ui/nutui'
import { Input } from '../../../ui/nutui-form'
import { Chips } from '../parts'
import '../testing.css'

export default function SitePage() {
  return usePersonaReady() ? <Sites /> : null
}

function Sites() {
  const { state, reload } = useRemote(getMySites)
  const [chosen, setChosen] = useState<TestingMySite | null>(null)
  let body
  if (state.status === 'loading') body = <LoadingState />
  else if (state.status === 'error') body = <ErrorState error={state.error} onRetry={() => void reload()} />
  else if (!state.data.rows.length)
    body = (
      <View className='page-state'>
        <Empty title='你没有负责的采样点' description='社区安排你到采样点工作后，这里会显示采样点和各时段的住户。' />
      </View>
    )
  else {
    const rows = state.data.rows
    const site = chosen ?? rows[0]
    body = (
      <View>
        {rows.length > 1 ? (
          <View className='card'>
            <Chips
              items={rows}
              value={site}
              keyOf={(r) => `${r.roundId}/${r.siteIndex}`}
              label={(r) => `${dayLabel(r.date)} ${r.name}`}
              onChange={setChosen}
            />
          </View>
        ) : null}
        <SiteWork key={`${site.roundId}/${site.siteIndex}`} site={site} />
      </View>
    )
  }
  return <AppPage className='testing-site'>{body}</AppPage>
}

/** A site's slots by building, in the order the site works them. */
function byBuilding(slots: readonly TestingSlotView[]): { id: string; name: string; slots: TestingSlotView[] }[] {
  const out = new Map<string, { id: string; name: string; slots: TestingSlotView[] }>()
  for (const s of slots) {
    const b = out.get(s.buildingId) ?? { id: s.buildingId, name: s.buildingName, slots: [] }
    b.slots.push(s)
    out.set(s.buildingId, b)
  }
  return [...out.values()]
}

function SiteWork({ site }: { site: TestingMySite }) {
  // the slot picked (none: the one the cloud says is next); read when loading, so a pick reloads at once
  const slotId = useRef<string | undefined>(undefined)
  const { state, reload } = useRemote(() => getSite(site.roundId, site.siteIndex, slotId.current))
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)

  const run = async (work: () => Promise<string>) => {
    setBusy(true)
    setMessage(null)
    try {
      setMessage({ text: await work(), error: false })
      await reload()
    } catch (e) {
      setMessage({ text: toServiceError(e).message, error: true })
    } finally {
      setBusy(false)
    }
  }
  const done = (by: { code: string } | { bookingId: string }) =>
    run(async () => {
      const res = await markTested(site.roundId, by)
      setCode('')
      return res.already ? `${res.door} 已登记过，无需重复` : `${res.door} 采样完成`
    })
  const scan = async () => {
    const text = await scanCode()
    if (text) await done({ code: text })
  }
  const pick = (s: TestingSlotView) => {
    slotId.current = s.id
    void reload()
  }

  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  const view = state.data
  const slot = view.slot
  return (
    <View>
      <View className='card'>
        <Text className='tt-title'>{view.site.name}</Text>
        <Text className='tt-meta'>
          {view.round.name} · {dayLabel(view.round.date)} · {view.site.place}
        </Text>
      </View>
      {/* a site serves many buildings: their slots by building, so that no node holds every slot of the site */}
      <View className='card'>
        <ChunkedList rows={byBuilding(view.slots)} keyOf={(b) => b.id}>
          {(b) => (
            <View className='site-building'>
              <Text className='tt-meta'>{b.name}</Text>
              <Chips
                items={b.slots}
                value={slot}
                keyOf={(s) => s.id}
                label={(s) => `${clock(s.startAt)} ${s.done}/${s.booked}`}
                onChange={pick}
              />
            </View>
          )}
        </ChunkedList>
      </View>
      {slot ? (
        <View className='card site-slot'>
          <Text className='tt-title'>
            {clock(slot.startAt)}–{clock(slot.endAt)} {slot.buildingName}
          </Text>
          <Text className='tt-meta site-progress'>
            已采 {slot.done} / 已约 {slot.booked} 户{slot.calledAt ? ` · ${clock(slot.calledAt)} 已叫号` : ' · 未叫号'}
          </Text>
          <View className='tt-actions'>
            {slot.calledAt ? null : (
              <Button
                className='site-call'
                type='primary'
                disabled={busy}
                onClick={() => void run(async () => (await callSlot(slot.id), '已叫号，请本时段住户下楼采样'))}
              >
                叫号
              </Button>
            )}
            {process.env.TARO_ENV === 'weapp' ? (
              <Button className='site-scan' type='primary' fill='outline' disabled={busy} onClick={() => void scan()}>
                扫码登记
              </Button>
            ) : null}
          </View>
          <View className='tt-field'>
            <Input
              className='tt-input site-code'
              placeholder='扫不了码时，输入住户采样码'
              maxLength={200}
              value={code}
              onChange={(v: string) => setCode(v)}
            />
          </View>
          <View className='tt-actions'>
            <Button
              className='site-code-submit'
              fill='outline'
              block
              disabled={busy || !code.trim()}
              onClick={() => void done({ code: code.trim() })}
            >
              按采样码登记
            </Button>
          </View>
        </View>
      ) : null}
      {message ? <Text className={message.error ? 'tt-error' : 'tt-message site-message'}>{message.text}</Text> : null}
      {slot ? (
        <View className='card'>
          <Text className='tt-title'>本时段住户</Text>
          {view.households.length ? null : <Text className='tt-hint'>这个时段还没有住户。</Text>}
          {view.households.map((h) => (
            <View key={h.bookingId} className='tt-row site-household'>
              <Text className='tt-row__main'>{h.door}</Text>
              {h.done ? (
                <Text className='tt-row__side tt-ok'>已采 {h.doneAt ? clock(h.doneAt) : ''}</Text>
              ) : (
                <Button
                  className='site-done'
                  size='small'
                  fill='outline'
                  disabled={busy}
                  onClick={() => void done({ bookingId: h.bookingId })}
                >
                  采样完成
                </Button>
              )}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
