/**
 * 发布通知 (building heads, grid chiefs, community and street staff): title, body, up to 9 images, urgency,
 * whether 收到 is asked for, an expiry, and where it goes — only inside the publisher's scope. Title and body
 * count their characters against the contract's own limits. A text the content check refuses (CONTENT_RISKY)
 * says why and the form stays as typed; editing it clears the message. A published notice opens its 通知触达 page.
 */
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Image, Text, Textarea, View } from '@tarojs/components'
import { RoleTag } from '../../../components/RoleTag'
import { useRemote } from '../../../hooks/use-remote'
import { pickImages, type UploadedImage } from '../../../services/upload'
import { getOverviewWhole, type UnitRef } from '../../../services/grid'
import { publishNotice, URGENCIES, URGENCY_LABELS, type Urgency } from '../../../services/notices'
import { reachUrl } from '../../../routes'
import { NOTICE_LIMITS } from '../../../../core/contract/notices'
import { messageOf } from '../../format'
import { Button, Input, Switch } from '../../ui'
import { PART_NAMES, publishScope, reachUnitOf, type PublishScope } from '../publish-scope'
import { LeaderGate } from '../../components/LeaderGate'
import { InlineError } from '../../components/InlineError'
import '../../manage.css'
import '../notices.css'

/** The most images, and the longest title and body, notices.publish accepts (the contract holds the numbers). */
const { images: MAX_IMAGES, title: TITLE_MAX, body: BODY_MAX } = NOTICE_LIMITS
/** Expiry choices in days; 3 is the default. */
const EXPIRY_DAYS = [1, 3, 7, 30] as const
const DEFAULT_EXPIRY = 3
const DAY_MS = 24 * 60 * 60 * 1000

export default function PublishPage() {
  return (
    <LeaderGate className='app-page manage notices-publish' what='发布通知' scopeOf={publishScope}>
      {(scope) => <PublishForm scope={scope} />}
    </LeaderGate>
  )
}

function PublishForm({ scope }: { scope: PublishScope }) {
  const [title, setTitle] = useState('')
  const [text, setText] = useState('')
  const [urgency, setUrgency] = useState<Urgency>('normal')
  const [ackRequired, setAckRequired] = useState(true)
  const [days, setDays] = useState<number>(DEFAULT_EXPIRY)
  // Nothing chosen below the whole means the whole (a building head chooses among their buildings); a page that
  // opens this one for some buildings (a 战时网格's) names them in `units`.
  const preset = presetUnits(useRouter().params.units, scope)
  const [chosen, setChosen] = useState<UnitRef[]>(
    preset.length ? preset : scope.whole ? [] : scope.parts === 'load' ? [] : scope.parts,
  )
  const [pictures, setPictures] = useState<UploadedImage[]>([])
  const [uploading, setUploading] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  // A refusal is about what was sent: once the leader changes it, the message no longer holds.
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v)
      setError('')
    }

  const targets: UnitRef[] = chosen.length ? chosen : scope.whole ? [scope.whole] : []
  const ready = title.trim().length > 0 && text.trim().length > 0 && targets.length > 0 && !uploading

  const toggle = (u: UnitRef) => {
    setError('')
    setChosen((c) => (c.some((x) => x.id === u.id) ? c.filter((x) => x.id !== u.id) : [...c, u]))
  }

  const addImages = async () => {
    setError('')
    try {
      setUploading(true)
      // picked, size-checked, uploaded under the leader's own folder and checked by the cloud (services/upload)
      const uploaded = await pickImages('notice', MAX_IMAGES - pictures.length)
      setPictures((ps) => [...ps, ...uploaded].slice(0, MAX_IMAGES))
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setUploading(false)
    }
  }

  const submit = async () => {
    if (!ready) {
      setError(targets.length ? '请填写标题和正文' : '请选择发布范围')
      return
    }
    setBusy(true)
    setError('')
    try {
      const notice = await publishNotice({
        title: title.trim(),
        body: text.trim(),
        images: pictures.map((p) => p.fileID),
        urgency,
        ackRequired,
        expiresAt: new Date(Date.now() + days * DAY_MS).toISOString(),
        unitIds: targets.map((t) => t.id),
      })
      void Taro.showToast({ title: '已发布', icon: 'success' }).catch(() => undefined)
      await Taro.redirectTo({ url: reachUrl(notice.id, reachUnitOf(notice.targets, scope.whole)) })
    } catch (e) {
      // CONTENT_RISKY and every other refusal: say why, keep what was typed.
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View>
      <View className='card publish-card'>
        <View className='card__head'>
          <Text className='card__title'>发布通知</Text>
          <RoleTag role={scope.role} />
        </View>
        <Counted label='标题' count={title.length} max={TITLE_MAX} kind='title' />
        <Input
          className='publish-title'
          placeholder='如：明日停水通知'
          maxLength={TITLE_MAX}
          value={title}
          onChange={edit(setTitle)}
        />
        <Counted label='正文' count={text.length} max={BODY_MAX} kind='body' />
        <Textarea
          className='publish-body'
          placeholder='通知内容，居民会完整看到'
          maxlength={BODY_MAX}
          value={text}
          onInput={(e) => edit(setText)(e.detail.value)}
        />
        <View className='publish-images'>
          {pictures.map((p) => (
            <View className='publish-image' key={p.fileID}>
              <Image className='publish-image__img' src={p.preview} mode='aspectFill' />
              <Text
                className='publish-image__remove'
                onClick={() => setPictures((ps) => ps.filter((x) => x.fileID !== p.fileID))}
              >
                ×
              </Text>
            </View>
          ))}
          {pictures.length < MAX_IMAGES ? (
            <View className='publish-images__add' onClick={() => void addImages()}>
              <Text>{uploading ? '上传中…' : `+ 图片（${pictures.length}/${MAX_IMAGES}）`}</Text>
            </View>
          ) : null}
        </View>
        {pictures.length ? (
          <Text className='manage-hint publish-images__hint'>
            图片发布后先经内容安全审核：审核中只有你和负责这些范围的干部看得到，通过后居民才能看到
          </Text>
        ) : null}
      </View>

      <View className='card'>
        <Text className='manage-form__label'>紧急程度</Text>
        <View className='choice-row'>
          {URGENCIES.map((u) => (
            <View
              key={u}
              className={`choice urgency-option urgency-option--${u}${urgency === u ? ' choice--active urgency-option--active' : ''}`}
              onClick={() => setUrgency(u)}
            >
              <Text>{URGENCY_LABELS[u]}</Text>
            </View>
          ))}
        </View>
        <View className='manage-form__row'>
          <Text>需要回执（居民点“收到”）</Text>
          <Switch className='publish-ack' checked={ackRequired} onChange={(v: boolean) => setAckRequired(v)} />
        </View>
        <Text className='manage-form__label publish-label'>有效期</Text>
        <View className='choice-row'>
          {EXPIRY_DAYS.map((d) => (
            <View
              key={d}
              className={`choice expiry-option expiry-option--${d}${days === d ? ' choice--active expiry-option--active' : ''}`}
              onClick={() => setDays(d)}
            >
              <Text>{d} 天</Text>
            </View>
          ))}
        </View>
      </View>

      <View className='card'>
        <Text className='manage-form__label'>发布范围</Text>
        <ScopePicker scope={scope} chosen={chosen} onToggle={toggle} onWhole={() => edit(setChosen)([])} />
        <Text className='publish-targets'>发送到：{targets.map((t) => t.name).join('、') || '未选择'}</Text>
      </View>

      {error ? <Text className='manage-error publish-error'>{error}</Text> : null}
      <View className='publish-actions'>
        <Button className='publish-submit' type='primary' block disabled={busy} onClick={() => void submit()}>
          {busy ? '发布中…' : '发布'}
        </Button>
      </View>
    </View>
  )
}

/** The buildings `?units=[{id,name}]` names (a 战时网格's), as far as the scope holds them (the server checks again). */
function presetUnits(param: string | undefined, scope: PublishScope): UnitRef[] {
  if (!param) return []
  try {
    const named = (JSON.parse(decodeURIComponent(param)) as { id?: unknown; name?: unknown }[]).filter(
      (u): u is { id: string; name: string } => typeof u?.id === 'string' && typeof u?.name === 'string',
    )
    const units = named.map((u): UnitRef => ({ id: u.id, name: u.name, level: 'microgrid' }))
    const parts = scope.parts
    return parts === 'load' ? units : units.filter((u) => parts.some((p) => p.id === u.id))
  } catch {
    return []
  }
}

/** A field's label with its length so far against the most it may hold (标题 12/40). */
function Counted({ label, count, max, kind }: { label: string; count: number; max: number; kind: string }) {
  return (
    <View className={`publish-field publish-field--${kind}`}>
      <Text className='manage-form__label'>{label}</Text>
      <Text className={`publish-count publish-count--${kind}${count >= max ? ' publish-count--full' : ''}`}>
        {count}/{max}
      </Text>
    </View>
  )
}

/** The whole scope (a community or grid) and its parts, or a building head's buildings. */
function ScopePicker({
  scope,
  chosen,
  onToggle,
  onWhole,
}: {
  scope: PublishScope
  chosen: UnitRef[]
  onToggle: (u: UnitRef) => void
  onWhole: () => void
}) {
  const isChosen = (u: UnitRef) => chosen.some((c) => c.id === u.id)
  const option = (u: UnitRef, active: boolean, onClick: () => void, extra = '') => (
    <View
      key={u.id}
      className={`choice scope-option scope-option--${u.level}${extra}${active ? ' choice--active scope-option--active' : ''}`}
      onClick={onClick}
    >
      <Text>{u.name}</Text>
    </View>
  )
  if (!scope.whole) {
    const parts = scope.parts === 'load' ? [] : scope.parts
    return <View className='choice-row'>{parts.map((u) => option(u, isChosen(u), () => onToggle(u)))}</View>
  }
  return (
    <View>
      <View className='choice-row'>{option(scope.whole, chosen.length === 0, onWhole, ' scope-option--all')}</View>
      <Parts whole={scope.whole} isChosen={isChosen} option={option} onToggle={onToggle} />
    </View>
  )
}

function Parts({
  whole,
  isChosen,
  option,
  onToggle,
}: {
  whole: UnitRef
  isChosen: (u: UnitRef) => boolean
  option: (u: UnitRef, active: boolean, onClick: () => void) => JSX.Element
  onToggle: (u: UnitRef) => void
}) {
  const { state, reload } = useRemote(() => getOverviewWhole(whole.id))
  if (state.status === 'loading') return <Text className='manage-hint'>加载中…</Text>
  if (state.status === 'error') return <InlineError message={state.error.message} onRetry={() => void reload()} />
  const parts = state.data.children.map(({ id, name, level }) => ({ id, name, level }))
  if (!parts.length) return null
  return (
    <View>
      <Text className='manage-hint publish-parts-hint'>
        或只发给其中的{PART_NAMES[parts[0].level] ?? '单位'}（可多选）：
      </Text>
      <View className='choice-row'>{parts.map((u) => option(u, isChosen(u), () => onToggle(u)))}</View>
    </View>
  )
}
