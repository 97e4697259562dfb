/**
 * 我要反映: what kind of problem (the categories this community offers), what happened (counted against the
 * contract's limit), up to 6 photos, where (my household, my building, or a spot in my grid described in words, with
 * a point on the map where WeChat can give one), 匿名 (hidden from other residents; handlers still see who) and 紧急
 * where the category allows. While writing, open requests of the same kind in the same building or grid are shown:
 * 我也遇到了 follows one of them instead and opens it. A text the content check refuses says so and the form stays as
 * typed. A sent request opens its detail page.
 */
import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { AppPage } from '../../components/AppPage'
import { ErrorState, LoadingState, NotJoinedState } from '../../components/PageState'
import { usePersonaReady } from '../../hooks/use-persona'
import { useRemote } from '../../hooks/use-remote'
import { pageUrl } from '../../routes'
import { toServiceError } from '../../services/errors'
import { knownMe, type MeResult } from '../../services/grid'
import {
  acceptRequestMessages,
  followRequest,
  getRequestSettings,
  getSimilarRequests,
  newTapId,
  PLACE_KIND_LABELS,
  REQUEST_LIMITS,
  reportRequest,
  STATE_LABELS,
  type CategoryView,
  type PlaceKind,
  type RequestCategory,
  type SettingsView,
  type SimilarRow,
} from '../../services/requests'
import type { UploadedImage } from '../../services/upload'
import { PhotoPicker } from '../../components/PhotoPicker'
import { Button, Input, Switch } from '../ui'
import '../requests.css'
import './index.css'

interface Where {
  me: MeResult
  settings: SettingsView
}

export default function ReportPage() {
  return usePersonaReady() ? <Report /> : null
}

function Report() {
  const { state, reload } = useRemote<Where | null>(async () => {
    const me = await knownMe()
    if (!me.grid) return null
    const settings = await getRequestSettings(me.household?.id ?? me.grid.id)
    return { me, settings }
  })
  let body
  if (state.status === 'loading') body = <LoadingState />
  else if (state.status === 'error')
    body =
      state.error.code === 'NOT_REGISTERED' ? (
        <NotJoinedState />
      ) : (
        <ErrorState error={state.error} onRetry={() => void reload()} />
      )
  else if (!state.data) body = <NotJoinedState />
  else body = <ReportForm me={state.data.me} categories={state.data.settings.categories.filter((c) => c.enabled)} />
  return <AppPage className='requests-page request-report'>{body}</AppPage>
}

interface Location {
  latitude: number
  longitude: number
  name: string
}

function ReportForm({ me, categories }: { me: MeResult; categories: CategoryView[] }) {
  const grid = me.grid as NonNullable<MeResult['grid']>
  const places: { kind: PlaceKind; unitId: string; name: string }[] = [
    ...(me.household ? [{ kind: 'household' as const, unitId: me.household.id, name: me.household.door }] : []),
    ...(grid.microgrid ? [{ kind: 'building' as const, unitId: grid.microgrid.id, name: grid.microgrid.name }] : []),
    { kind: 'spot' as const, unitId: grid.id, name: grid.name },
  ]
  const [category, setCategory] = useState<RequestCategory | null>(null)
  const [description, setDescription] = useState('')
  const [photos, setPhotos] = useState<UploadedImage[]>([])
  const [uploading, setUploading] = useState(false)
  const [placeKind, setPlaceKind] = useState<PlaceKind>(places[0].kind)
  const [spot, setSpot] = useState('')
  const [location, setLocation] = useState<Location | null>(null)
  const [anonymous, setAnonymous] = useState(false)
  const [urgent, setUrgent] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  // one tap's id for this form: a retry after a lost answer reports once
  const tapId = useRef(newTapId())
  const place = places.find((p) => p.kind === placeKind) ?? places[0]
  // 紧急 only where the category allows it (the settings say; a handler then confirms it or handles it as normal)
  const urgentAllowed = categories.some((c) => c.id === category && c.urgentAllowed)

  // A refusal is about what was sent: once the resident changes it, the message no longer holds.
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v)
      setError('')
    }

  const pickLocation = async () => {
    try {
      const res = await Taro.chooseLocation({})
      setLocation({
        latitude: res.latitude,
        longitude: res.longitude,
        name: (res.name || res.address || '').slice(0, REQUEST_LIMITS.locationName),
      })
      if (!spot.trim() && res.name) setSpot(res.name.slice(0, REQUEST_LIMITS.spot))
    } catch (e) {
      if (!/cancel/i.test(String((e as { errMsg?: unknown })?.errMsg ?? e)))
        setError('没能打开地图选点，请用文字写明地点')
    }
  }

  const missing = !category
    ? '请选择问题类型'
    : !description.trim()
      ? '请写明遇到的问题'
      : placeKind === 'spot' && !spot.trim()
        ? '请写明具体地点，如：3号楼东侧路口'
        : ''

  const submit = async () => {
    if (missing || !category) {
      setError(missing)
      return
    }
    setBusy(true)
    setError('')
    // asked inside the tap (WeChat shows it only then): to be told when it is taken up, escalated or done
    await acceptRequestMessages().catch(() => false)
    try {
      const { id } = await reportRequest({
        tapId: tapId.current,
        category,
        description: description.trim(),
        photos: photos.map((p) => p.fileID),
        place: {
          kind: place.kind,
          unitId: place.unitId,
          label: placeKind === 'spot' ? spot.trim() : '',
          ...(placeKind === 'spot' && location ? { location } : {}),
        },
        anonymous,
        urgent: urgentAllowed && urgent,
      })
      void Taro.showToast({ title: '已提交', icon: 'success' }).catch(() => undefined)
      await Taro.redirectTo({ url: pageUrl('requestDetail', { id }) })
    } catch (e) {
      // CONTENT_RISKY and every other refusal: say why, keep what was typed
      setError(toServiceError(e).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View>
      <View className='card report-card'>
        <Text className='requests-label'>问题类型</Text>
        <View className='requests-choices report-categories'>
          {categories.map((c) => (
            <View
              key={c.id}
              className={`requests-choice report-category report-category--${c.id}${category === c.id ? ' requests-choice--active report-category--active' : ''}`}
              onClick={() => edit(setCategory)(c.id)}
            >
              <Text>{c.label}</Text>
            </View>
          ))}
        </View>

        <View className='requests-field'>
          <Text className='requests-label'>问题描述</Text>
          <Text
            className={`requests-count report-count${description.length >= REQUEST_LIMITS.description ? ' requests-count--full' : ''}`}
          >
            {description.length}/{REQUEST_LIMITS.description}
          </Text>
        </View>
        <Textarea
          className='requests-textarea report-description'
          placeholder='写清楚什么问题、从什么时候开始、影响了谁，如：3号楼东侧路灯连续三晚不亮，晚上出行看不清路'
          maxlength={REQUEST_LIMITS.description}
          value={description}
          onInput={(e) => edit(setDescription)(e.detail.value)}
        />
        <Text className='requests-label'>照片（选填，最多 {REQUEST_LIMITS.photos} 张）</Text>
        <PhotoPicker
          className='report-photos'
          photos={photos}
          onChange={setPhotos}
          max={REQUEST_LIMITS.photos}
          onError={setError}
          onBusy={setUploading}
        />
      </View>

      {category ? <Similar category={category} unitId={place.unitId} /> : null}

      <View className='card'>
        <Text className='requests-label'>在哪里</Text>
        <View className='requests-choices report-places'>
          {places.map((p) => (
            <View
              key={p.kind}
              className={`requests-choice report-place report-place--${p.kind}${placeKind === p.kind ? ' requests-choice--active report-place--active' : ''}`}
              onClick={() => edit(setPlaceKind)(p.kind)}
            >
              <Text>
                {PLACE_KIND_LABELS[p.kind]}（{p.name}）
              </Text>
            </View>
          ))}
        </View>
        {placeKind === 'spot' ? (
          <View>
            <Input
              className='requests-input report-spot'
              placeholder='具体地点，如：3号楼东侧路口'
              maxLength={REQUEST_LIMITS.spot}
              value={spot}
              onChange={edit(setSpot)}
            />
            {process.env.TARO_ENV === 'weapp' ? (
              <View className='report-location' onClick={() => void pickLocation()}>
                <Text className='report-location__text'>
                  {location ? `已选位置：${location.name || '地图上的点'}（点此重选）` : '在地图上选位置（选填）'}
                </Text>
              </View>
            ) : null}
          </View>
        ) : null}

        <View className='requests-row'>
          <View className='requests-row__text'>
            <Text>匿名反映</Text>
            <Text className='requests-row__sub'>其他居民看不到你的名字，处理人员仍能看到并联系你</Text>
          </View>
          <Switch className='report-anonymous' checked={anonymous} onChange={(v: boolean) => setAnonymous(v)} />
        </View>
        {urgentAllowed ? (
          <View className='requests-row'>
            <View className='requests-row__text'>
              <Text>紧急</Text>
              <Text className='requests-row__sub'>危及安全或影响生活的急事，处理人员确认后按 2 小时内处理</Text>
            </View>
            <Switch className='report-urgent' checked={urgent} onChange={(v: boolean) => setUrgent(v)} />
          </View>
        ) : null}
      </View>

      {error ? <Text className='requests-error report-error'>{error}</Text> : null}
      <View className='report-actions'>
        <Button
          className='report-submit'
          type='primary'
          block
          disabled={busy || uploading}
          onClick={() => void submit()}
        >
          {busy ? '提交中…' : uploading ? '照片上传中…' : '提交'}
        </Button>
      </View>
    </View>
  )
}

/** Open requests of the same kind nearby: 我也遇到了 follows one (instead of reporting it again) and opens it. */
function Similar({ category, unitId }: { category: RequestCategory; unitId: string }) {
  const [rows, setRows] = useState<SimilarRow[]>([])
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState('')
  useEffect(() => {
    let live = true
    setRows([])
    getSimilarRequests(category, unitId).then(
      (res) => live && setRows(res.rows),
      // hints only: without them the resident can still report
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [category, unitId])
  if (!rows.length) return null

  const follow = async (row: SimilarRow) => {
    setBusy(row.id)
    setError('')
    try {
      if (!row.following) await followRequest(row.id)
      await Taro.redirectTo({ url: pageUrl('requestDetail', { id: row.id }) })
    } catch (e) {
      setError(toServiceError(e).message)
    } finally {
      setBusy(null)
    }
  }
  return (
    <View className='card report-similar'>
      <View className='card__head'>
        <Text className='card__title'>附近已有人反映</Text>
      </View>
      <Text className='requests-hint'>如果是同一个问题，点“我也遇到了”一起关注进度，不必重复反映。</Text>
      {rows.map((r) => (
        <View key={r.id} className='report-similar__row'>
          <View className='requests-row__text'>
            <Text className='report-similar__title'>{r.title}</Text>
            <Text className='requests-row__sub'>
              {r.placeLabel} · {STATE_LABELS[r.state]} · {r.followerCount} 人反映
            </Text>
          </View>
          <Button
            className='report-similar__follow'
            size='small'
            type='primary'
            fill={r.following ? 'outline' : 'solid'}
            disabled={busy !== null}
            onClick={() => void follow(r)}
          >
            {r.following ? '查看' : '我也遇到了'}
          </Button>
        </View>
      ))}
      {error ? <Text className='requests-error report-similar__error'>{error}</Text> : null}
    </View>
  )
}
