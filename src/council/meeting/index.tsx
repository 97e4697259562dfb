/**
 * 会议详情 (?id=<meetingId>): a council meeting — when, where, who attends and how many make a quorum; each agenda
 * item with its live tally (赞成 / 反对 / 弃权) and, while it is open, the member's vote buttons. The chair (the grid
 * chief or community staff) opens the vote, records an in-person vote (现场表决: a checklist of who is present and
 * each one's vote), ends an item's vote with its public reason (结束表决; a passed one may need work: an owner and a
 * deadline), keeps the minutes (会议纪要) and ends the meeting.
 */
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { ErrorState, LoadingState } from '../../components/PageState'
import { useRemotePage } from '../../hooks/use-page-reload'
import { DateTimeField } from '../../manage/components/DateTimeField'
import { pageUrl } from '../../routes'
import {
  castVote,
  closeMeeting,
  closeMeetingItem,
  COUNCIL_LIMITS,
  getMeeting,
  MEETING_LIMITS,
  MEETING_MODE_LABELS,
  MEETING_STATUS_LABELS,
  openMeetingVote,
  PROPOSAL_OUTCOME_LABELS,
  recordInPersonVotes,
  saveMeetingMinutes,
  VOTE_CHOICE_LABELS,
  VOTE_CHOICES,
  type MeetingDetail,
  type MeetingItemView,
  type VoteChoice,
} from '../../services/council'
import { Button } from '../../ui/nutui'
import { CouncilPage, formatDay, useAction } from '../common'
import '../meeting.css'

/** The request a passed item's task became (诉求详情), for the chair to follow. */
const openRequest = (id: string) => void Taro.navigateTo({ url: pageUrl('requestDetail', { id }) })

export default function MeetingPageView() {
  const id = useRouter().params.id ?? ''
  return <CouncilPage className='council-meeting'>{() => <Loaded id={id} />}</CouncilPage>
}

function Loaded({ id }: { id: string }) {
  const { state, reload } = useRemotePage(() => getMeeting(id), { onReturn: true })
  const [fresh, setFresh] = useState<MeetingDetail | null>(null)
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  const m = fresh && fresh.id === state.data.id ? fresh : state.data
  return <Meeting m={m} onChange={setFresh} />
}

function Meeting({ m, onChange }: { m: MeetingDetail; onChange: (m: MeetingDetail) => void }) {
  const act = useAction()
  return (
    <View>
      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>{m.title}</Text>
          <Text
            className={`council-status${m.status === 'open' ? ' council-status--agenda' : m.status === 'closed' ? ' council-status--closed' : ''}`}
          >
            {MEETING_STATUS_LABELS[m.status]}
          </Text>
        </View>
        <Text className='council-meta'>
          {m.gridName} · {MEETING_MODE_LABELS[m.mode]} · {formatDay(m.startAt)}
          {m.place ? ` · ${m.place}` : ''}
        </Text>
        <Text className='council-meta'>
          参会 {m.quorum.eligible} 人：{m.members.map((x) => `${x.label} ${x.name}`).join('、')}
        </Text>
        <Text className='council-meta council-quorum'>
          至少 {m.quorum.needed} 人参加表决方可作出决议；赞成多于反对即为通过
        </Text>
        {m.canChair && m.status === 'scheduled' ? (
          <View className='council-actions'>
            <Button
              type='primary'
              size='small'
              loading={act.busy}
              onClick={() => void act.run(() => openMeetingVote(m.id), onChange)}
            >
              开始表决
            </Button>
          </View>
        ) : null}
        {act.error ? <Text className='council-error'>{act.error}</Text> : null}
      </View>
      {m.items.map((item) => (
        <Item key={item.index} m={m} item={item} onChange={onChange} />
      ))}
      <Minutes m={m} onChange={onChange} />
    </View>
  )
}

function Tally({ item }: { item: MeetingItemView }) {
  return (
    <View className='council-tally'>
      {VOTE_CHOICES.map((c) => (
        <Text key={c} className={`council-tally__cell council-tally__cell--${c}`}>
          {VOTE_CHOICE_LABELS[c]} {item.tally[c]}
        </Text>
      ))}
    </View>
  )
}

function Item({
  m,
  item,
  onChange,
}: {
  m: MeetingDetail
  item: MeetingItemView
  onChange: (m: MeetingDetail) => void
}) {
  const vote = useAction()
  const [panel, setPanel] = useState<'none' | 'record' | 'close'>('none')
  const open = item.status === 'open' && m.status === 'open'
  return (
    <View className='card council-item'>
      <Text className='council-row__title'>
        议题 {item.index + 1}：{item.title}
      </Text>
      <Tally item={item} />
      <Text className='council-meta'>
        已参加表决 {item.turnout} 人{item.present.length ? `（现场到场 ${item.present.length} 人）` : ''}
      </Text>
      {item.status === 'decided' && item.outcome ? (
        <View className='council-outcome'>
          <Text
            className={`council-status${item.outcome === 'passed' ? ' council-status--agenda' : ' council-status--closed'}`}
          >
            {PROPOSAL_OUTCOME_LABELS[item.outcome]}
          </Text>
          <Text className='council-meta'>理由：{item.reason}</Text>
          {item.noticeId ? <Text className='council-meta'>已向全网格发布决议通知</Text> : null}
          {item.task ? (
            <Text
              className={`council-meta${m.canChair ? ' council-task' : ''}`}
              onClick={m.canChair && item.task ? () => openRequest(item.task?.requestId ?? '') : undefined}
            >
              落实：{item.task.ownerName} 负责，{formatDay(item.task.dueAt)}前完成（已转为诉求跟踪办理
              {m.canChair ? '，点此查看' : ''}）
            </Text>
          ) : null}
        </View>
      ) : null}
      {item.status === 'dropped' ? <Text className='council-muted'>本次会议未表决，已退回待议</Text> : null}
      {open && m.isMember ? (
        <View>
          <Text className='council-meta'>
            {item.myVote ? `我的表决：${VOTE_CHOICE_LABELS[item.myVote]}（可以改）` : '请表决'}
          </Text>
          <View className='council-actions council-vote'>
            {VOTE_CHOICES.map((c) => (
              <Button
                key={c}
                size='small'
                type={item.myVote === c ? 'primary' : 'default'}
                disabled={vote.busy}
                onClick={() => void vote.run(() => castVote(m.id, item.index, c), onChange)}
              >
                {VOTE_CHOICE_LABELS[c]}
              </Button>
            ))}
          </View>
        </View>
      ) : null}
      {vote.error ? <Text className='council-error'>{vote.error}</Text> : null}
      {open && m.canChair ? (
        <View className='council-actions'>
          <Button
            size='small'
            fill='outline'
            className='council-record-open'
            onClick={() => setPanel(panel === 'record' ? 'none' : 'record')}
          >
            现场表决
          </Button>
          <Button size='small' fill='outline' onClick={() => setPanel(panel === 'close' ? 'none' : 'close')}>
            结束表决
          </Button>
        </View>
      ) : null}
      {open && panel === 'record' ? (
        <RecordForm m={m} item={item} onSaved={(r) => (setPanel('none'), onChange(r))} />
      ) : null}
      {open && panel === 'close' ? (
        <CloseForm m={m} item={item} onSaved={(r) => (setPanel('none'), onChange(r))} />
      ) : null}
    </View>
  )
}

function RecordForm({
  m,
  item,
  onSaved,
}: {
  m: MeetingDetail
  item: MeetingItemView
  onSaved: (m: MeetingDetail) => void
}) {
  const held = new Map(item.votes.map((v) => [v.personId, v.choice]))
  const [present, setPresent] = useState<string[]>(item.present)
  const [choices, setChoices] = useState<Record<string, VoteChoice>>(() => Object.fromEntries(held))
  const save = useAction()
  const toggle = (id: string) => setPresent((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]))
  return (
    <View className='council-panel council-record'>
      <Text className='council-label'>勾选到场的成员，并记录每人的表决</Text>
      {m.members.map((x) => {
        const here = present.includes(x.personId)
        return (
          <View key={x.personId} className='council-presence'>
            <View className='council-check' onClick={() => toggle(x.personId)}>
              <Text className={`council-box${here ? ' council-box--on' : ''}`}>{here ? '✓' : ''}</Text>
              <Text>
                {x.label} {x.name}
              </Text>
            </View>
            {here ? (
              <View className='council-choices'>
                {VOTE_CHOICES.map((c) => (
                  <Text
                    key={c}
                    className={`council-choice${choices[x.personId] === c ? ' council-choice--on' : ''}`}
                    onClick={() => setChoices((s) => ({ ...s, [x.personId]: c }))}
                  >
                    {VOTE_CHOICE_LABELS[c]}
                  </Text>
                ))}
              </View>
            ) : null}
          </View>
        )
      })}
      {save.error ? <Text className='council-error'>{save.error}</Text> : null}
      <View className='council-actions'>
        <Button
          type='primary'
          size='small'
          loading={save.busy}
          onClick={() =>
            void save.run(
              () =>
                recordInPersonVotes(
                  m.id,
                  item.index,
                  present,
                  present.flatMap((p) => (choices[p] ? [{ personId: p, choice: choices[p] }] : [])),
                ),
              onSaved,
            )
          }
        >
          保存现场表决
        </Button>
      </View>
    </View>
  )
}

function CloseForm({
  m,
  item,
  onSaved,
}: {
  m: MeetingDetail
  item: MeetingItemView
  onSaved: (m: MeetingDetail) => void
}) {
  const [reason, setReason] = useState('')
  const [needsWork, setNeedsWork] = useState(false)
  const [owner, setOwner] = useState('')
  const [due, setDue] = useState(() => new Date(Date.now() + 14 * 86_400_000))
  const save = useAction()
  return (
    <View className='council-panel council-close'>
      <Text className='council-label'>
        现有 {item.turnout} 人参加，至少需要 {m.quorum.needed} 人。表决结果将连同理由公布给全网格
      </Text>
      <Textarea
        className='council-textarea'
        value={reason}
        maxlength={COUNCIL_LIMITS.reason}
        placeholder='公开的理由，如：多数同意，由楼栋长牵头落实'
        onInput={(e) => setReason(e.detail.value)}
      />
      <View className='council-check' onClick={() => setNeedsWork(!needsWork)}>
        <Text className={`council-box${needsWork ? ' council-box--on' : ''}`}>{needsWork ? '✓' : ''}</Text>
        <Text>通过后需要落实（指定负责人和完成期限）</Text>
      </View>
      {needsWork ? (
        <View>
          <View className='council-choices'>
            {m.members.map((x) => (
              <Text
                key={x.personId}
                className={`council-choice${owner === x.personId ? ' council-choice--on' : ''}`}
                onClick={() => setOwner(x.personId)}
              >
                {x.name}
              </Text>
            ))}
          </View>
          <DateTimeField label='完成期限' value={due} onChange={setDue} />
        </View>
      ) : null}
      {save.error ? <Text className='council-error'>{save.error}</Text> : null}
      <View className='council-actions'>
        <Button
          type='primary'
          size='small'
          loading={save.busy}
          disabled={!reason.trim() || (needsWork && !owner)}
          onClick={() =>
            void save.run(
              () =>
                closeMeetingItem(
                  m.id,
                  item.index,
                  reason,
                  needsWork && owner ? { ownerId: owner, dueAt: due.toISOString() } : undefined,
                ),
              onSaved,
            )
          }
        >
          确认结束表决
        </Button>
      </View>
    </View>
  )
}

function Minutes({ m, onChange }: { m: MeetingDetail; onChange: (m: MeetingDetail) => void }) {
  const [text, setText] = useState(m.minutes)
  const [saved, setSaved] = useState(false)
  const save = useAction()
  const end = useAction()
  if (!m.canChair || m.status === 'closed')
    return (
      <View className='card'>
        <Text className='card__title'>会议纪要</Text>
        <Text className='council-minutes'>{m.minutes || '还没有会议纪要'}</Text>
      </View>
    )
  return (
    <View className='card'>
      <Text className='card__title'>会议纪要</Text>
      <Textarea
        className='council-textarea'
        value={text}
        maxlength={MEETING_LIMITS.minutes}
        placeholder='到会情况、讨论要点、表决结果'
        onInput={(e) => (setSaved(false), setText(e.detail.value))}
      />
      {save.error || end.error ? <Text className='council-error'>{save.error || end.error}</Text> : null}
      {saved && !save.busy ? <Text className='council-meta council-saved'>纪要已保存</Text> : null}
      <View className='council-actions'>
        <Button
          size='small'
          fill='outline'
          loading={save.busy}
          onClick={() =>
            void save.run(
              () => saveMeetingMinutes(m.id, text),
              (r) => (setSaved(true), onChange(r)),
            )
          }
        >
          保存纪要
        </Button>
        <Button
          size='small'
          type='primary'
          loading={end.busy}
          onClick={() => void end.run(() => closeMeeting(m.id, text), onChange)}
        >
          结束会议
        </Button>
      </View>
    </View>
  )
}
