/**
 * 议事会 (?grid=<gridId>; else my grid): the grid's council meetings, latest first, a page at a time (加载更多); the
 * grid chief (or community staff over the grid) calls one: name, 线上 or 现场, time and place, the 待议 proposals on
 * its agenda and whom to invite (the grid's three heads attend anyway).
 */
import { useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { ChunkedList } from '../../components/ChunkedList'
import { ErrorState, LoadingState, NotJoinedState } from '../../components/PageState'
import { useRemotePage } from '../../hooks/use-page-reload'
import { DateTimeField } from '../../manage/components/DateTimeField'
import { pageUrl } from '../../routes'
import {
  getMeetingCandidates,
  listMeetings,
  MEETING_LIMITS,
  MEETING_MODE_LABELS,
  MEETING_STATUS_LABELS,
  scheduleMeeting,
  type MeetingCandidates,
  type MeetingRow,
  type MeetingsPage,
} from '../../services/council'
import { knownMe } from '../../services/grid'
import { Button } from '../../ui/nutui'
import { CouncilPage, formatDay, useAction, ListFoot } from '../common'
import '../meeting.css'

export default function MeetingsPageView() {
  const param = useRouter().params.grid ?? ''
  return <CouncilPage className='council-meetings'>{() => <Loaded param={param} />}</CouncilPage>
}

function Loaded({ param }: { param: string }) {
  const { state, reload } = useRemotePage(
    async () => {
      const gridId = param || (await knownMe()).grid?.id || ''
      return gridId ? { gridId, page: await listMeetings(gridId) } : null
    },
    { onReturn: true },
  )
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  if (!state.data) return <NotJoinedState />
  return <List gridId={state.data.gridId} first={state.data.page} onScheduled={() => void reload()} />
}

const open = (id: string) => void Taro.navigateTo({ url: pageUrl('councilMeeting', { id }) })

function List({ gridId, first, onScheduled }: { gridId: string; first: MeetingsPage; onScheduled: () => void }) {
  const [more, setMore] = useState<MeetingRow[]>([])
  const [cursor, setCursor] = useState<string | null>(first.nextCursor)
  const [calling, setCalling] = useState(false)
  const load = useAction()
  // one array while nothing changes: ChunkedList measures again whenever its rows are a new array
  const rows = useMemo(() => [...first.rows, ...more], [first, more])
  return (
    <View>
      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>{first.gridName} · 议事会</Text>
        </View>
        <Text className='council-meta'>网格长、党小组长、楼栋长和受邀的居民一起商议待议的议题，表决后公布结果</Text>
        {first.canSchedule && !calling ? (
          <View className='council-actions'>
            <Button type='primary' size='small' className='council-call' onClick={() => setCalling(true)}>
              召集议事会
            </Button>
          </View>
        ) : null}
      </View>
      {calling ? (
        <ScheduleForm
          gridId={gridId}
          onDone={(id) => {
            setCalling(false)
            onScheduled()
            if (id) open(id)
          }}
        />
      ) : null}
      <View className='card'>
        {/* the grid's meetings read to the end: drawn in chunks, so a 加载更多 sends only the new rows */}
        <ChunkedList className='council-list' rows={rows} keyOf={(m: MeetingRow) => m.id}>
          {(m) => (
            <View className='council-row council-meeting-row' onClick={() => open(m.id)}>
              <Text className='council-row__title'>{m.title}</Text>
              <Text className='council-meta'>
                <Text
                  className={`council-status${m.status === 'open' ? ' council-status--agenda' : m.status === 'closed' ? ' council-status--closed' : ''}`}
                >
                  {MEETING_STATUS_LABELS[m.status]}
                </Text>
                {MEETING_MODE_LABELS[m.mode]} · {formatDay(m.startAt)}
                {m.place ? ` · ${m.place}` : ''} · 议题 {m.items} 项，已表决 {m.decided} 项
              </Text>
            </View>
          )}
        </ChunkedList>
        <ListFoot
          empty={rows.length === 0 ? '还没有召开过议事会' : null}
          moreClass='council-meetings-more'
          busy={load.busy}
          error={load.error}
          more={
            cursor
              ? () =>
                  void load.run(
                    () => listMeetings(gridId, cursor),
                    (p) => {
                      setMore((m) => [...m, ...p.rows])
                      setCursor(p.nextCursor)
                    },
                  )
              : null
          }
        />
      </View>
    </View>
  )
}

const newTap = (): string => `m${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`

function ScheduleForm({ gridId, onDone }: { gridId: string; onDone: (id: string | null) => void }) {
  const [candidates, setCandidates] = useState<MeetingCandidates | null>(null)
  const [title, setTitle] = useState('')
  const [mode, setMode] = useState<'online' | 'inPerson'>('inPerson')
  const [startAt, setStartAt] = useState(() => new Date(Date.now() + 86_400_000))
  const [place, setPlace] = useState('')
  const [agenda, setAgenda] = useState<string[]>([])
  const [invited, setInvited] = useState<string[]>([])
  const [tapId] = useState(newTap)
  const fetch = useAction()
  const save = useAction()
  if (!candidates) {
    if (!fetch.busy && !fetch.error) void fetch.run(() => getMeetingCandidates(gridId), setCandidates)
    return (
      <View className='card'>
        <Text className='council-muted'>{fetch.error || '正在读取待议的议题…'}</Text>
      </View>
    )
  }
  const toggle = (list: string[], set: (v: string[]) => void, id: string) =>
    set(list.includes(id) ? list.filter((x) => x !== id) : [...list, id])
  return (
    <View className='card council-schedule'>
      <View className='card__head'>
        <Text className='card__title'>召集议事会</Text>
      </View>
      <Input
        className='council-input'
        value={title}
        maxlength={MEETING_LIMITS.title}
        placeholder='会议名称，如：十二月议事会'
        onInput={(e) => setTitle(e.detail.value)}
      />
      <View className='council-tabs'>
        {(['inPerson', 'online'] as const).map((m) => (
          <Text key={m} className={`council-tab${m === mode ? ' council-tab--on' : ''}`} onClick={() => setMode(m)}>
            {MEETING_MODE_LABELS[m]}
          </Text>
        ))}
      </View>
      <DateTimeField label='会议时间' value={startAt} onChange={setStartAt} />
      <Input
        className='council-input'
        value={place}
        maxlength={MEETING_LIMITS.place}
        placeholder={mode === 'online' ? '线上表决可不填地点' : '地点，如：社区活动室'}
        onInput={(e) => setPlace(e.detail.value)}
      />
      <Text className='council-label'>议程（待议的议题）</Text>
      {candidates.agenda.length === 0 ? <Text className='council-muted'>现在没有待议的议题</Text> : null}
      {/* each list in a block of its own: up to 50 待议 proposals and their proposers, never under one node */}
      <View className='council-checks'>
        {candidates.agenda.map((p) => (
          <View key={p.id} className='council-check' onClick={() => toggle(agenda, setAgenda, p.id)}>
            <Text className={`council-box${agenda.includes(p.id) ? ' council-box--on' : ''}`}>
              {agenda.includes(p.id) ? '✓' : ''}
            </Text>
            <Text>
              {p.title}（{p.supports} 人支持）
            </Text>
          </View>
        ))}
      </View>
      <Text className='council-label'>参会：{candidates.heads.map((h) => `${h.label} ${h.name}`).join('、')}</Text>
      {candidates.rows.length ? <Text className='council-label'>邀请参会</Text> : null}
      <View className='council-checks'>
        {candidates.rows.map((p) => (
          <View key={p.personId} className='council-check' onClick={() => toggle(invited, setInvited, p.personId)}>
            <Text className={`council-box${invited.includes(p.personId) ? ' council-box--on' : ''}`}>
              {invited.includes(p.personId) ? '✓' : ''}
            </Text>
            <Text>
              {p.label} {p.name}
            </Text>
          </View>
        ))}
      </View>
      {save.error ? <Text className='council-error'>{save.error}</Text> : null}
      <View className='council-actions'>
        <Button size='small' fill='outline' onClick={() => onDone(null)}>
          取消
        </Button>
        <Button
          type='primary'
          size='small'
          loading={save.busy}
          disabled={agenda.length === 0}
          onClick={() =>
            void save.run(
              () =>
                scheduleMeeting({
                  tapId,
                  gridId,
                  title,
                  mode,
                  startAt: startAt.toISOString(),
                  place,
                  proposalIds: agenda,
                  invitedIds: invited,
                }),
              (r) => onDone(r.id),
            )
          }
        >
          召集
        </Button>
      </View>
    </View>
  )
}
