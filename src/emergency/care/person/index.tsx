/**
 * 关爱对象详情 (?id=<personId>): the care flags and note, the 四包一 team with 拨打, the last 14 days of visits and the days
 * nobody came; for a helper the day's 打卡 (seen, temperature, needs) and 代办诉求; for staff the marks and the team.
 * Shown only to the team, the grid chief and staff (the cloud refuses anyone else).
 */
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { useRemotePage } from '../../../hooks/use-page-reload'
import { pageUrl } from '../../../routes'
import {
  CARE_FLAG_LABELS,
  CARE_FLAGS,
  CARE_LIMITS,
  CARE_SLOT_LABELS,
  CARE_SLOTS,
  checkOnCarePerson,
  findCarePeople,
  getCarePerson,
  markCarePerson,
  nameCareTeam,
  type CareDetail,
  type CareFlag,
  type CareSlot,
  type FoundPerson,
} from '../../../services/care'
import { Button } from '../../../ui/nutui'
import { Chips, formatTime, Gate, useAction } from '../../common'
import { dayLabel } from '../care'

export default function CarePersonPage() {
  const id = useRouter().params.id ?? ''
  return <Gate className='app-page manage care-person'>{() => <Loaded id={id} />}</Gate>
}

function Loaded({ id }: { id: string }) {
  const { state, reload } = useRemotePage(() => getCarePerson(id))
  const [fresh, setFresh] = useState<CareDetail | null>(null)
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  const d = fresh ?? state.data
  return <Detail d={d} onChange={setFresh} />
}

const call = (phone: string) => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)

function Detail({ d, onChange }: { d: CareDetail; onChange: (d: CareDetail) => void }) {
  const myToday = d.checks.find((k) => k.day === d.today && k.slot === d.mySlot)
  return (
    <View>
      {d.openMissedDay ? (
        <Text className='care-alert care-missed'>{dayLabel(d.openMissedDay)} 无人探访，请尽快上门或打电话</Text>
      ) : null}
      <View className='card'>
        <View className='care-team__row'>
          <View className='care-team__who'>
            <Text className='em-row__title'>{d.name}</Text>
            <Text className='em-row__meta'>{d.door}</Text>
          </View>
          {d.phone ? (
            <Text className='care-call' onClick={() => call(d.phone)}>
              拨打
            </Text>
          ) : null}
        </View>
        <Text className='em-row__meta'>
          {d.active ? d.flags.map((f) => CARE_FLAG_LABELS[f]).join('、') : '现在不是关爱对象'}
        </Text>
        {d.note ? <Text className='em-row__meta'>备注：{d.note}</Text> : null}
      </View>

      {d.active ? (
        <View className='card care-team'>
          <View className='card__head'>
            <Text className='card__title'>四包一包联人</Text>
          </View>
          {CARE_SLOTS.map((slot) => {
            const h = d.team[slot]
            return (
              <View key={slot} className='care-team__row'>
                <View className='care-team__who'>
                  <Text className='em-row__title'>{h ? h.name : '空缺'}</Text>
                  <Text className='em-row__meta'>{CARE_SLOT_LABELS[slot]}</Text>
                </View>
                {h?.phone ? (
                  <Text className='care-call' onClick={() => call(h.phone)}>
                    拨打
                  </Text>
                ) : null}
              </View>
            )
          })}
        </View>
      ) : null}

      {d.mySlot ? <CheckForm d={d} done={!!myToday} onChange={onChange} /> : null}
      {d.mySlot ? (
        <View className='card'>
          <Text className='em-row__title'>代办诉求</Text>
          <Text className='em-row__meta'>
            买药、买菜、维修等需要帮忙的事，以你的名义反映，请在描述里写明为{d.name}代办
          </Text>
          <View className='em-actions'>
            <Button size='small' fill='outline' onClick={() => void Taro.navigateTo({ url: pageUrl('requestReport') })}>
              去反映
            </Button>
          </View>
        </View>
      ) : null}

      {d.active || d.checks.length ? <Visits d={d} /> : null}
      {d.canEdit ? <MarkForm d={d} onChange={onChange} /> : null}
      {d.canEdit && d.active ? <TeamForm d={d} onChange={onChange} /> : null}
      {d.canEdit && d.history.length ? (
        <View className='card'>
          <View className='card__head'>
            <Text className='card__title'>标记记录</Text>
          </View>
          {d.history.map((h, i) => (
            <View key={i} className='em-row'>
              <Text className='em-row__title'>
                {h.flags.length ? h.flags.map((f) => CARE_FLAG_LABELS[f]).join('、') : '取消标记'}
              </Text>
              <Text className='em-row__meta'>
                {h.by} · {formatTime(h.at)}
                {h.note ? ` · ${h.note}` : ''}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}

function Visits({ d }: { d: CareDetail }) {
  return (
    <View className='card care-visits'>
      <View className='card__head'>
        <Text className='card__title'>近两周探访</Text>
      </View>
      {d.missedDays.length ? (
        <Text className='em-row__meta'>无人探访：{d.missedDays.map(dayLabel).join('、')}</Text>
      ) : null}
      {d.checks.length === 0 ? <Text className='em-muted'>还没有探访记录</Text> : null}
      {d.checks.map((k) => (
        <View key={`${k.day}-${k.helperName}-${k.at}`} className='em-row care-visit'>
          <Text className='em-row__title'>
            {dayLabel(k.day)} · {k.helperName}
            {k.slot ? `（${CARE_SLOT_LABELS[k.slot]}）` : ''}
          </Text>
          <Text className='em-row__meta'>
            {k.seen ? '见到本人' : '未见到本人'}
            {k.temperature !== null ? ` · 体温 ${k.temperature.toFixed(1)}℃` : ''}
            {k.needs ? ` · 需求：${k.needs}` : ''}
          </Text>
        </View>
      ))}
    </View>
  )
}

const SEEN = ['yes', 'no'] as const
const SEEN_LABELS = { yes: '见到本人', no: '未见到' }

function CheckForm({ d, done, onChange }: { d: CareDetail; done: boolean; onChange: (d: CareDetail) => void }) {
  const [seen, setSeen] = useState<'yes' | 'no'>('yes')
  const [temperature, setTemperature] = useState('')
  const [needs, setNeeds] = useState('')
  const { busy, error, run } = useAction()
  const t = temperature.trim() ? Number(temperature) : null
  const badT = t !== null && !(t >= CARE_LIMITS.temperatureMin && t <= CARE_LIMITS.temperatureMax)
  const submit = () =>
    run(
      async () => onChange(await checkOnCarePerson(d.personId, seen === 'yes', t, needs.trim())),
      () => void Taro.showToast({ title: '已打卡', icon: 'success' }),
    )
  return (
    <View className='card care-check'>
      <Text className='em-row__title'>今日探访打卡</Text>
      <Text className='em-row__meta'>{done ? '今天已打卡，再次提交会更新今天的记录' : '上门或电话探访后填写'}</Text>
      <Chips options={SEEN} labels={SEEN_LABELS} value={[seen]} onChange={(v) => setSeen(v[0] ?? 'yes')} single />
      <Text className='em-label'>体温（℃，选填）</Text>
      <Input
        className='em-input care-temperature'
        type='digit'
        value={temperature}
        maxlength={4}
        placeholder='如：36.5'
        onInput={(e) => setTemperature(e.detail.value)}
      />
      {badT ? (
        <Text className='em-error'>
          体温应在 {CARE_LIMITS.temperatureMin}–{CARE_LIMITS.temperatureMax}℃ 之间
        </Text>
      ) : null}
      <Text className='em-label'>需求（选填）</Text>
      <Textarea
        className='em-textarea care-needs'
        value={needs}
        maxlength={CARE_LIMITS.needs}
        placeholder='如：药快吃完了，需要代买'
        onInput={(e) => setNeeds(e.detail.value)}
      />
      {error ? <Text className='em-error'>{error}</Text> : null}
      <View className='em-actions'>
        <Button
          className='care-check-submit'
          type='primary'
          loading={busy}
          disabled={badT}
          onClick={() => void submit()}
        >
          {done ? '更新打卡' : '打卡'}
        </Button>
      </View>
    </View>
  )
}

function MarkForm({ d, onChange }: { d: CareDetail; onChange: (d: CareDetail) => void }) {
  const [flags, setFlags] = useState<CareFlag[]>(d.flags)
  const [note, setNote] = useState(d.note)
  const { busy, error, run } = useAction()
  const save = () =>
    run(
      async () => onChange(await markCarePerson(d.personId, flags, note.trim())),
      () => void Taro.showToast({ title: flags.length ? '已标记' : '已取消标记', icon: 'success' }),
    )
  return (
    <View className='card care-mark'>
      <Text className='em-row__title'>关爱标记</Text>
      <Text className='em-row__meta'>全部取消即不再是关爱对象，记录会保留</Text>
      <Chips options={CARE_FLAGS} labels={CARE_FLAG_LABELS} value={flags} onChange={setFlags} />
      <Input
        className='em-input'
        value={note}
        maxlength={CARE_LIMITS.note}
        placeholder='备注（选填），如：子女在外地，每周回来一次'
        onInput={(e) => setNote(e.detail.value)}
      />
      {error ? <Text className='em-error'>{error}</Text> : null}
      <View className='em-actions'>
        <Button className='care-mark-save' type='primary' loading={busy} onClick={() => void save()}>
          保存标记
        </Button>
      </View>
    </View>
  )
}

type Seat = { personId: string; name: string } | null

function TeamForm({ d, onChange }: { d: CareDetail; onChange: (d: CareDetail) => void }) {
  const [team, setTeam] = useState<Record<CareSlot, Seat>>(
    () => Object.fromEntries(CARE_SLOTS.map((s) => [s, d.team[s]])) as Record<CareSlot, Seat>,
  )
  const [picking, setPicking] = useState<CareSlot | null>(null)
  const { busy, error, run } = useAction()
  const save = () =>
    run(
      async () =>
        onChange(
          await nameCareTeam(
            d.personId,
            Object.fromEntries(CARE_SLOTS.map((s) => [s, team[s]?.personId ?? null])) as Record<
              CareSlot,
              string | null
            >,
          ),
        ),
      () => void Taro.showToast({ title: '已保存', icon: 'success' }),
    )
  return (
    <View className='card care-team-edit'>
      <Text className='em-row__title'>指定包联人</Text>
      <Text className='em-row__meta'>须是本社区已加入小程序的人员；民警、家庭医生请先让其加入</Text>
      {CARE_SLOTS.map((slot) => (
        <View key={slot}>
          <View className='care-team__row'>
            <View className='care-team__who'>
              <Text className='em-row__title'>{team[slot]?.name ?? '空缺'}</Text>
              <Text className='em-row__meta'>{CARE_SLOT_LABELS[slot]}</Text>
            </View>
            <View className='em-actions'>
              <Text
                className={`care-call care-pick-${slot}`}
                onClick={() => setPicking(picking === slot ? null : slot)}
              >
                {team[slot] ? '更换' : '选择'}
              </Text>
              {team[slot] ? (
                <Text className='care-call' onClick={() => setTeam({ ...team, [slot]: null })}>
                  清空
                </Text>
              ) : null}
            </View>
          </View>
          {picking === slot ? (
            <Picker
              unitId={d.gridId ?? ''}
              onPick={(p) => {
                setTeam({ ...team, [slot]: { personId: p.personId, name: p.name } })
                setPicking(null)
              }}
            />
          ) : null}
        </View>
      ))}
      {error ? <Text className='em-error'>{error}</Text> : null}
      <View className='em-actions'>
        <Button className='care-team-save' type='primary' loading={busy} onClick={() => void save()}>
          保存包联人
        </Button>
      </View>
    </View>
  )
}

function Picker({ unitId, onPick }: { unitId: string; onPick: (p: FoundPerson) => void }) {
  const [name, setName] = useState('')
  const [found, setFound] = useState<FoundPerson[] | null>(null)
  const { busy, error, run } = useAction()
  return (
    <View className='care-picker'>
      <Input
        className='em-input care-picker-name'
        value={name}
        maxlength={CARE_LIMITS.search}
        placeholder='输入姓名查找'
        onInput={(e) => setName(e.detail.value)}
      />
      <View className='em-actions'>
        <Button
          className='care-picker-find'
          size='small'
          loading={busy}
          disabled={!name.trim()}
          onClick={() =>
            void run(async () => setFound((await findCarePeople(unitId, name.trim())).rows.filter((p) => p.joined)))
          }
        >
          查找
        </Button>
      </View>
      {error ? <Text className='em-error'>{error}</Text> : null}
      {found && !found.length ? <Text className='em-muted'>没有找到已加入小程序的人员</Text> : null}
      {(found ?? []).map((p) => (
        <Text key={p.personId} className='care-pick' onClick={() => onPick(p)}>
          {p.name} · {p.where}
        </Text>
      ))}
    </View>
  )
}
