/**
 * 志愿服务记录: my total hours, points and star, and every confirmed activity with its post, hours and the community
 * that recorded it (the issuer of the record). 复制记录 puts it as text on the clipboard to send on; sharing the
 * page invites others to see their own.
 */
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { AppPage } from '../../components/AppPage'
import { usePersonaReady } from '../../hooks/use-persona'
import { pageUrl } from '../../routes'
import { dayTime, getRecord, hoursText, STAR_LABELS, type RecordRow, type VolunteerRecord } from '../../services/points'
import { Button } from '../../ui/nutui'
import { listState, PagedRows } from '../components/PagedRows'
import { useListPage } from '../use-pages'
import '../points.css'

const keyOf = (r: RecordRow) => r.signupId

export default function RecordPage() {
  return usePersonaReady() ? <Record /> : null
}

/** The record as text: who, totals, and each activity with its issuer. */
function recordText(rec: VolunteerRecord, rows: RecordRow[]): string {
  const head = `${rec.name} 志愿服务记录：累计服务 ${hoursText(rec.minutes)}，参加 ${rec.activities} 次活动，获得 ${rec.points} 积分`
  return [
    head,
    ...rows.map((r) => `${dayTime(r.startAt)} ${r.title}（${r.roleName}）${hoursText(r.minutes)}，${r.issuer}记录`),
  ].join('\n')
}

function Record() {
  const list = useListPage(async (page: number) => {
    const record = await getRecord(page)
    return { rows: record.rows, total: record.total, record }
  }, keyOf)
  const record = list.last?.record
  useShareAppMessage(() => ({
    title: record ? `我已累计志愿服务 ${hoursText(record.minutes)}，一起来参加吧` : '志愿服务记录',
    path: pageUrl('activities'),
  }))

  let body = listState(list, { shown: !!record })
  if (!body && record)
    body = (
      <View>
        <View className='card record-head'>
          <Text className='points-title record-name'>{record.name}</Text>
          <Text className='points-meta record-totals'>
            累计服务 {hoursText(record.minutes)} · 参加 {record.activities} 次 · 获得 {record.points} 积分
          </Text>
          <Text className='points-meta'>
            {record.star > 0 ? `${STAR_LABELS[record.star - 1]}志愿者` : '尚未评星'}
            {record.nextStarHours !== null ? `，累计满 ${record.nextStarHours} 小时升下一星` : ''}
          </Text>
        </View>
        <View className='card'>
          <View className='card__head'>
            <Text className='card__title'>服务明细</Text>
            <Text className='card__hint'>由记录活动的社区出具</Text>
          </View>
          {list.rows.length ? null : <Text className='points-hint'>还没有经组织者确认的服务记录</Text>}
          <PagedRows list={list} keyOf={keyOf}>
            {(r) => (
              <View className='points-row record-row'>
                <View className='points-row__main'>
                  <Text className='points-row__title record-row__title'>{r.title}</Text>
                  <Text className='points-row__sub'>
                    {dayTime(r.startAt)} · {r.roleName} · {r.place}
                  </Text>
                  <Text className='points-row__sub'>{r.issuer} 记录</Text>
                </View>
                <View className='points-row__side'>
                  <Text className='points-status record-row__hours'>{hoursText(r.minutes)}</Text>
                  <Text className='points-row__sub'>+{r.points} 分</Text>
                </View>
              </View>
            )}
          </PagedRows>
        </View>
        <View className='card points-actions'>
          <Button
            className='record-copy'
            fill='outline'
            type='primary'
            onClick={() => void Taro.setClipboardData({ data: recordText(record, list.rows) }).catch(() => undefined)}
          >
            复制记录
          </Button>
          {process.env.TARO_ENV === 'weapp' ? (
            <Button className='record-share' type='primary' openType='share'>
              分享
            </Button>
          ) : null}
        </View>
      </View>
    )
  return <AppPage className='points-page record'>{body}</AppPage>
}
