/**
 * 导出志愿时长 (community staff): attendance and hours to Excel — of one activity (those they posted, or the one the
 * 签到管理 page sent with ?activity=<id>), of one of the community's 服务队 (in a period), or of the whole community in
 * a period (at most a year, from and to picked on the date wheels). The file opens as the roster export does: WeChat's
 * document viewer, or a download in the browser. Names in the file are audit-logged by the cloud.
 */
import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { beijingAt, beijingDay } from '../../../../core/beijing-time'
import { ChunkedList } from '../../../components/ChunkedList'
import { RoleTag } from '../../../components/RoleTag'
import type { RoleView } from '../../../services/grid'
import { openFile } from '../../../services/files'
import {
  exportHours,
  getActivities,
  getTeams,
  timeRange,
  type ActivityCard,
  type TeamCard,
} from '../../../services/points'
import { usePages } from '../../../points/use-pages'
import { MoreFooter } from '../../../points/components/MoreFooter'
import { messageOf } from '../../format'
import { Button } from '../../ui'
import { DateTimeField } from '../../components/DateTimeField'
import { LeaderGate } from '../../components/LeaderGate'
import { Choices, Field } from '../components/FormField'
import { communityStaffScope } from '../scopes'
import '../../manage.css'
import '../points-manage.css'
import '../../../points/points.css'

export default function ExportHoursPage() {
  return (
    <LeaderGate className='app-page manage points-export' what='导出志愿时长' scopeOf={communityStaffScope}>
      {(scope) => <ExportHours scope={scope} />}
    </LeaderGate>
  )
}

const BY = ['activity', 'team', 'period'] as const
type By = (typeof BY)[number]
const BY_WORDS: Record<By, string> = { activity: '按活动', team: '按服务队', period: '按时间段' }
const DAY_MS = 24 * 60 * 60 * 1000
/** The first moment and the last second of a moment's Beijing day. */
const startOfDay = (d: Date) => beijingAt(beijingDay(d))
const endOfDay = (d: Date) => new Date(+beijingAt(beijingDay(d), '23:59') + 59_000)

function ExportHours({ scope }: { scope: RoleView }) {
  const sent = useRouter().params.activity
  const [by, setBy] = useState<By>('activity')
  const [activityId, setActivityId] = useState<string | null>(sent ?? null)
  const [teamId, setTeamId] = useState<string | null>(null)
  const [from, setFrom] = useState(() => startOfDay(new Date(Date.now() - 30 * DAY_MS)))
  const [to, setTo] = useState(() => endOfDay(new Date()))
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)

  const submit = async () => {
    if (by === 'activity' && !activityId) return setMessage({ text: '请选择一个活动', error: true })
    if (by === 'team' && !teamId) return setMessage({ text: '请选择一个服务队', error: true })
    if (by !== 'activity' && to <= from) return setMessage({ text: '结束日期应晚于开始日期', error: true })
    const period = { from: startOfDay(from).toISOString(), to: endOfDay(to).toISOString() }
    setBusy(true)
    setMessage(null)
    try {
      const file = await exportHours(
        by === 'activity'
          ? { by, activityId: activityId as string }
          : by === 'team'
            ? { by, teamId: teamId as string, ...period }
            : { by, unitId: scope.unitId, ...period },
      )
      setMessage({ text: `已导出 ${file.rows} 条记录：${file.fileName}`, error: false })
      await openFile(file.url || file.fileID, file.fileName)
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
          <Text className='card__title'>导出志愿时长</Text>
          <RoleTag role={scope.role} />
        </View>
        <Text className='manage-hint'>导出为表格文件：姓名、活动、岗位、签到签退与时长、积分。导出记入审计日志。</Text>
        <Field label='导出范围'>
          <Choices
            options={BY}
            value={by}
            onChange={(b) => {
              setBy(b)
              setMessage(null)
            }}
            label={(b) => BY_WORDS[b]}
            chipClass={(b) => `ex-by ex-by--${b}`}
          />
        </Field>
        {by === 'activity' ? null : (
          <View className='pm-pair'>
            <DateTimeField className='ex-from' label='从' dateOnly value={from} onChange={setFrom} />
            <DateTimeField className='ex-to' label='到' dateOnly value={to} onChange={setTo} />
          </View>
        )}
        {message ? (
          <Text className={message.error ? 'manage-error ex-error' : 'manage-message ex-done'}>{message.text}</Text>
        ) : null}
        <View className='pm-field'>
          <Button className='ex-submit' type='primary' block loading={busy} onClick={() => void submit()}>
            导出表格
          </Button>
        </View>
      </View>
      {by === 'activity' ? <ActivityChoice chosen={activityId} onPick={setActivityId} /> : null}
      {by === 'team' ? <TeamChoice chosen={teamId} onPick={setTeamId} /> : null}
    </View>
  )
}

const activityKey = (a: ActivityCard) => a.id
const teamKey = (t: TeamCard) => t.id

/** The activities I posted (我组织的), latest first. */
function ActivityChoice({ chosen, onPick }: { chosen: string | null; onPick: (id: string) => void }) {
  const list = usePages((page: number) => getActivities(page, undefined, 'organising'), activityKey)
  return (
    <PickList
      title='选择活动'
      hint='我组织的'
      empty='还没有组织过活动'
      list={list}
      keyOf={activityKey}
      chosen={chosen}
      onPick={onPick}
      rowClass='ex-activity'
      main={(a) => a.title}
      sub={(a) => `${timeRange(a.startAt, a.endAt)} · ${a.status === 'confirmed' ? '已确认考勤' : '未确认考勤'}`}
    />
  )
}

/** The community's teams. */
function TeamChoice({ chosen, onPick }: { chosen: string | null; onPick: (id: string) => void }) {
  const list = usePages((page: number) => getTeams(page), teamKey)
  return (
    <PickList
      title='选择服务队'
      empty='社区还没有服务队'
      list={list}
      keyOf={teamKey}
      chosen={chosen}
      onPick={onPick}
      rowClass='ex-team'
      main={(t) => t.name}
      sub={(t) => `${t.unit.name} · ${t.members} 人`}
    />
  )
}

/** One of a paged list, picked by tapping its row. */
function PickList<T>(props: {
  title: string
  hint?: string
  empty: string
  list: ReturnType<typeof usePages<T, { rows: T[]; more: boolean }>>
  keyOf: (row: T) => string
  chosen: string | null
  onPick: (id: string) => void
  rowClass: string
  main: (row: T) => string
  sub: (row: T) => string
}) {
  const { list, keyOf, chosen } = props
  return (
    <View className='card'>
      <View className='card__head'>
        <Text className='card__title'>{props.title}</Text>
        {props.hint ? <Text className='card__hint'>{props.hint}</Text> : null}
      </View>
      {list.rows.length || list.status === 'loading' ? null : <Text className='manage-hint'>{props.empty}</Text>}
      <ChunkedList rows={list.rows} keyOf={keyOf}>
        {(row) => (
          <View
            className={`points-row ${props.rowClass}${chosen === keyOf(row) ? ' ex-pick--active' : ''}`}
            onClick={() => props.onPick(keyOf(row))}
          >
            <View className='points-row__main'>
              <Text className='points-row__title'>{props.main(row)}</Text>
              <Text className='points-row__sub'>{props.sub(row)}</Text>
            </View>
            <Text className='ex-pick__mark'>{chosen === keyOf(row) ? '已选' : '选择'}</Text>
          </View>
        )}
      </ChunkedList>
      <MoreFooter
        status={list.status}
        more={list.more}
        error={list.error}
        onMore={() => void list.load(list.page + 1)}
      />
    </View>
  )
}
