/**
 * 巡查台账. A grid's chief or party leader logs today's patrol — the route, when it started and ended (time
 * pickers), and what was found, each finding with a description, a category, photos and 转为诉求 (it becomes a
 * request of the grid in the same call) — and reads the grid's log, newest first, a page at a time. Community staff
 * see their grids, a page at a time, 今日已巡查 or 未巡查, and open a grid's log.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Image, Picker, Text, Textarea, View } from '@tarojs/components'
import { pageUrl } from '../../../routes'
import {
  CATEGORY_LABELS,
  getPatrols,
  getRequestSettings,
  logPatrol,
  newTapId,
  REQUEST_CATEGORIES,
  REQUEST_LIMITS,
  type PatrolView,
  type RequestCategory,
} from '../../../services/requests'
import { pickImages, type UploadedImage } from '../../../services/upload'
import { messageOf } from '../../format'
import { Button, Input, Switch } from '../../ui'
import { LeaderGate } from '../../components/LeaderGate'
import { PagedList } from '../../components/PagedList'
import { PhotoGrid } from '../../../components/PhotoGrid'
import { ScopeChips } from '../ScopeChips'
import { beijingClock, beijingToday, beijingTodayAt, patrolScopes, type RequestScope } from '../scope'
import { useCursorList } from '../use-cursor'
import '../../manage.css'
import '../requests-manage.css'

export default function PatrolPage() {
  return (
    <LeaderGate className='app-page manage requests-patrol' what='巡查台账' scopeOf={patrolScopes}>
      {(scopes) => <Patrol scopes={scopes} />}
    </LeaderGate>
  )
}

function Patrol({ scopes }: { scopes: RequestScope[] }) {
  const [scope, setScope] = useState(scopes[0])
  // a logged patrol reads the log again
  const [logged, setLogged] = useState(0)
  return (
    <View>
      <ScopeChips scopes={scopes} value={scope} onChange={setScope} />
      {scope.level === 'grid' ? (
        <View key={scope.key}>
          <PatrolForm gridId={scope.unitId} gridName={scope.name} onLogged={() => setLogged((n) => n + 1)} />
          <GridLog key={logged} gridId={scope.unitId} title={`${scope.name} · 巡查记录`} />
        </View>
      ) : (
        <CommunityDay key={scope.key} communityId={scope.unitId} name={scope.name} />
      )}
    </View>
  )
}

// ---- logging a patrol ----

interface FindingDraft {
  key: number
  description: string
  category: RequestCategory
  spot: string
  photos: UploadedImage[]
  asRequest: boolean
}

/** The patrol's default start: an hour ago, but not before today began (Beijing), so it stays before the end. */
const defaultStart = (): string => {
  const start = new Date(Math.max(Date.now() - 3600_000, beijingTodayAt('00:00').getTime()))
  return beijingClock(start)
}

let findingSeq = 0
const blankFinding = (category: RequestCategory): FindingDraft => ({
  key: ++findingSeq,
  description: '',
  category,
  spot: '',
  photos: [],
  asRequest: true,
})

function PatrolForm({ gridId, gridName, onLogged }: { gridId: string; gridName: string; onLogged: () => void }) {
  const [categories, setCategories] = useState<RequestCategory[]>([...REQUEST_CATEGORIES])
  const [route, setRoute] = useState('')
  const [start, setStart] = useState(defaultStart)
  const [end, setEnd] = useState(() => beijingClock(new Date()))
  const [findings, setFindings] = useState<FindingDraft[]>([])
  const [busy, setBusy] = useState(false)
  const [uploading, setUploading] = useState<number | null>(null)
  const [error, setError] = useState('')
  const [message, setMessage] = useState('')
  // one tap's id, kept while the same patrol is sent again (a retry files each finding once)
  const tap = useRef(newTapId())

  useEffect(() => {
    let live = true
    // the categories the grid's community offers (a failure leaves every category on offer)
    getRequestSettings(gridId)
      .then((s) => {
        const on = s.categories.filter((c) => c.enabled).map((c) => c.id)
        if (live && on.length) setCategories(on)
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [gridId])

  const change = (key: number, patch: Partial<FindingDraft>) => {
    setError('')
    setFindings((fs) => fs.map((f) => (f.key === key ? { ...f, ...patch } : f)))
  }

  const addPhotos = async (f: FindingDraft) => {
    setError('')
    setUploading(f.key)
    try {
      const picked = await pickImages('request', REQUEST_LIMITS.photos - f.photos.length)
      setFindings((fs) =>
        fs.map((x) =>
          x.key === f.key ? { ...x, photos: [...x.photos, ...picked].slice(0, REQUEST_LIMITS.photos) } : x,
        ),
      )
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setUploading(null)
    }
  }

  /** The payload, or the first thing to fix (in plain words). */
  function draft(): Parameters<typeof logPatrol>[0] | string {
    if (!route.trim()) return '请填写巡查路线'
    const startedAt = beijingTodayAt(start)
    const endedAt = beijingTodayAt(end)
    if (endedAt <= startedAt) return '结束时间要晚于开始时间'
    if (endedAt.getTime() > Date.now() + 60_000) return '结束时间不能晚于现在'
    const blank = findings.findIndex((f) => !f.description.trim())
    if (blank >= 0) return `请填写第 ${blank + 1} 条发现的情况，或删除它`
    return {
      gridId,
      tapId: tap.current,
      route: route.trim(),
      startedAt: startedAt.toISOString(),
      endedAt: endedAt.toISOString(),
      findings: findings.map((f) => ({
        description: f.description.trim(),
        category: f.category,
        photos: f.photos.map((p) => p.fileID),
        asRequest: f.asRequest,
        spot: f.spot.trim(),
      })),
    }
  }

  const submit = async () => {
    const input = draft()
    if (typeof input === 'string') return setError(input)
    setBusy(true)
    setError('')
    setMessage('')
    try {
      const res = await logPatrol(input)
      tap.current = newTapId()
      setRoute('')
      setFindings([])
      setMessage(res.requestIds.length ? `已记录巡查，${res.requestIds.length} 条发现已转为诉求` : '已记录巡查')
      onLogged()
    } catch (e) {
      // a refused text (content check) or anything else: say why, keep what was typed
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card patrol-form'>
      <View className='card__head'>
        <Text className='card__title'>记录今日巡查</Text>
        <Text className='card__hint'>{gridName}</Text>
      </View>
      <Text className='manage-form__label'>巡查路线</Text>
      <Input
        className='rq-input patrol-route'
        placeholder='如：3号楼—东门—农贸市场'
        maxLength={REQUEST_LIMITS.route}
        value={route}
        onChange={(v: string) => {
          setRoute(v)
          setError('')
        }}
      />
      <View className='patrol-times rq-field'>
        <View>
          <Text className='manage-form__label'>开始时间</Text>
          <Picker
            className='patrol-start-picker'
            mode='time'
            value={start}
            onChange={(e) => setStart(String(e.detail.value))}
          >
            <View className='patrol-time patrol-start'>{start}</View>
          </Picker>
        </View>
        <View>
          <Text className='manage-form__label'>结束时间</Text>
          <Picker
            className='patrol-end-picker'
            mode='time'
            value={end}
            onChange={(e) => setEnd(String(e.detail.value))}
          >
            <View className='patrol-time patrol-end'>{end}</View>
          </Picker>
        </View>
      </View>

      {findings.map((f, i) => (
        <View key={f.key} className={`finding finding--${i}`}>
          <View className='finding__head'>
            <Text className='finding__title'>发现 {i + 1}</Text>
            <Text className='finding__remove' onClick={() => setFindings((fs) => fs.filter((x) => x.key !== f.key))}>
              删除
            </Text>
          </View>
          <Textarea
            className='rq-textarea rq-field finding__description'
            placeholder='看到了什么，如：5号楼东侧路灯不亮'
            maxlength={REQUEST_LIMITS.description}
            value={f.description}
            onInput={(e) => change(f.key, { description: e.detail.value })}
          />
          <Text className='manage-form__label rq-field'>类别</Text>
          <View className='choice-row'>
            {categories.map((c) => (
              <Text
                key={c}
                className={`choice choice--small finding__category finding__category--${c}${f.category === c ? ' choice--active' : ''}`}
                onClick={() => change(f.key, { category: c })}
              >
                {CATEGORY_LABELS[c]}
              </Text>
            ))}
          </View>
          <Text className='manage-form__label rq-field'>具体位置（选填）</Text>
          <Input
            className='rq-input finding__spot'
            placeholder='如：5号楼东侧'
            maxLength={REQUEST_LIMITS.spot}
            value={f.spot}
            onChange={(v: string) => change(f.key, { spot: v })}
          />
          <View className='finding__photos'>
            {f.photos.map((p) => (
              <View className='finding__photo' key={p.fileID}>
                <Image className='finding__photo-img' src={p.preview} mode='aspectFill' />
                <Text
                  className='finding__photo-remove'
                  onClick={() => change(f.key, { photos: f.photos.filter((x) => x.fileID !== p.fileID) })}
                >
                  ×
                </Text>
              </View>
            ))}
            {f.photos.length < REQUEST_LIMITS.photos ? (
              <View className='finding__add-photo' onClick={() => void addPhotos(f)}>
                <Text>{uploading === f.key ? '上传中…' : `+ 照片（${f.photos.length}/${REQUEST_LIMITS.photos}）`}</Text>
              </View>
            ) : null}
          </View>
          <View className='finding__switch'>
            <Text>转为诉求（进入本网格待办）</Text>
            <Switch
              className='finding__as-request'
              checked={f.asRequest}
              onChange={(v: boolean) => change(f.key, { asRequest: v })}
            />
          </View>
        </View>
      ))}
      {findings.length < REQUEST_LIMITS.findings ? (
        <Button
          className='patrol-add-finding rq-field'
          fill='outline'
          type='primary'
          block
          onClick={() => setFindings((fs) => [...fs, blankFinding(categories[0] ?? 'other')])}
        >
          + 添加发现的问题
        </Button>
      ) : null}
      {error ? <Text className='manage-error patrol-error'>{error}</Text> : null}
      {message ? <Text className='manage-message patrol-message'>{message}</Text> : null}
      <View className='rq-field'>
        <Button
          className='patrol-submit'
          type='primary'
          block
          loading={busy}
          disabled={busy || uploading !== null}
          onClick={() => void submit()}
        >
          提交巡查记录
        </Button>
      </View>
    </View>
  )
}

// ---- a grid's log ----

const patrolKey = (p: PatrolView): string => p.id
const clock = (iso: string): string => beijingClock(new Date(iso))
function dayText(day: string): string {
  if (day === beijingToday()) return '今天'
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8))}日`
}

function GridLog({ gridId, title }: { gridId: string; title: string }) {
  const fetchPage = useCallback(
    async (cursor: string | undefined) => {
      const res = await getPatrols(gridId, beijingToday(), cursor)
      return res.kind === 'grid' ? res : { rows: [], nextCursor: null }
    },
    [gridId],
  )
  const list = useCursorList(fetchPage, patrolKey)
  const { load } = list
  useEffect(() => {
    void load(0)
  }, [load])
  usePullDownRefresh(() => void load(0).finally(() => Taro.stopPullDownRefresh()))
  return (
    <View className='card patrol-log'>
      <View className='card__head'>
        <Text className='card__title'>{title}</Text>
      </View>
      <PagedList list={list} empty='还没有巡查记录' moreClass='patrol-more' keyOf={patrolKey}>
        {(p) => <PatrolRow patrol={p} />}
      </PagedList>
    </View>
  )
}

function PatrolRow({ patrol }: { patrol: PatrolView }) {
  return (
    <View className='patrol-row'>
      <View className='patrol-row__head'>
        <Text className='patrol-row__when'>
          {dayText(patrol.day)} {clock(patrol.startedAt)}–{clock(patrol.endedAt)}
        </Text>
        <Text className='patrol-row__by'>{patrol.personName}</Text>
      </View>
      <Text className='patrol-row__route'>路线：{patrol.route}</Text>
      {patrol.findings.length ? null : <Text className='patrol-row__finding'>未发现问题</Text>}
      {patrol.findings.map((f, i) => (
        <View key={i}>
          <Text
            className='patrol-row__finding'
            onClick={
              f.requestId
                ? () => void Taro.navigateTo({ url: pageUrl('requestDetail', { id: f.requestId as string }) })
                : undefined
            }
          >
            {CATEGORY_LABELS[f.category]}：{f.description}
            {f.spot ? `（${f.spot}）` : ''}
            {f.requestId ? <Text className='patrol-row__request'> · 已转为诉求 ›</Text> : null}
          </Text>
          {/* 审核中 ones reach only the patroller and the grid's leaders; the refused ones' count, the patroller alone */}
          <PhotoGrid
            className='patrol-row__photos'
            photos={f.photos}
            checking={f.checkingPhotos}
            withheld={f.withheldPhotos}
            small
          />
        </View>
      ))}
    </View>
  )
}

// ---- the community's grids today ----

type GridDay = Extract<Awaited<ReturnType<typeof getPatrols>>, { kind: 'community' }>['grids'][number]
const gridKey = (g: GridDay): string => g.gridId

function CommunityDay({ communityId, name }: { communityId: string; name: string }) {
  const [chosen, setChosen] = useState<GridDay | null>(null)
  const fetchPage = useCallback(
    async (cursor: string | undefined) => {
      const res = await getPatrols(communityId, beijingToday(), cursor)
      return res.kind === 'community' ? { rows: res.grids, nextCursor: res.nextCursor } : { rows: [], nextCursor: null }
    },
    [communityId],
  )
  const list = useCursorList(fetchPage, gridKey)
  const { load } = list
  useEffect(() => {
    void load(0)
  }, [load])
  usePullDownRefresh(() => void load(0).finally(() => Taro.stopPullDownRefresh()))
  const done = list.rows.filter((g) => g.patrolled).length
  return (
    <View>
      <View className='card community-day'>
        <View className='card__head'>
          <Text className='card__title'>{name} · 今日巡查</Text>
          <Text className='card__hint community-day__count'>
            {list.status === 'loading'
              ? ''
              : list.more
                ? `已显示 ${list.rows.length} 个网格，已巡查 ${done} 个`
                : `已巡查 ${done} / ${list.rows.length} 个网格`}
          </Text>
        </View>
        <PagedList list={list} empty='社区下还没有网格' moreClass='grids-more' keyOf={gridKey}>
          {(g) => (
            <View
              className={`grid-day${chosen?.gridId === g.gridId ? ' grid-day--chosen' : ''}`}
              onClick={() => setChosen(g)}
            >
              <Text className='grid-day__name'>{g.name}</Text>
              <Text className={g.patrolled ? 'grid-day__status grid-day__status--done' : 'grid-day__status'}>
                {g.patrolled ? `今日已巡查${g.lastBy ? ` · ${g.lastBy}` : ''}` : '未巡查'}
              </Text>
            </View>
          )}
        </PagedList>
      </View>
      {chosen ? <GridLog key={chosen.gridId} gridId={chosen.gridId} title={`${chosen.name} · 巡查记录`} /> : null}
    </View>
  )
}
