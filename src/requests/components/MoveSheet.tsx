/**
 * The one sheet for a move's inputs, over the detail page: what each move asks for — a note (required for 办结 and
 * 补充说明), photos, the reason of a 退回, the department of a 派单, the rating and comment of an 评价, the survivor of a
 * 合并, when to 回头看, and its result — and nothing more; a move that asks nothing still asks once before it is
 * sent (撤回, 接单). Sending it keeps one tap's id, so a retry after a lost answer moves the request once; the
 * cloud's refusal is shown in its own words and the sheet stays as filled.
 */
import { useEffect, useRef, useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import { toServiceError } from '../../services/errors'
import {
  actOnRequest,
  getRequestSettings,
  getSimilarRequests,
  MOVE_LABELS,
  newTapId,
  RATING_LABELS,
  RATINGS,
  REQUEST_LIMITS,
  type DepartmentView,
  type MoveFields,
  type Rating,
  type RequestView,
  type SimilarRow,
  type UserMove,
} from '../../services/requests'
import type { UploadedImage } from '../../services/upload'
import { Button } from '../ui'
import { PhotoPicker } from '../../components/PhotoPicker'

type Need = 'required' | 'optional'

interface SheetSpec {
  title: string
  /** what the note field says, and whether it must be filled */
  note?: { need: Need; placeholder: string }
  photos?: boolean
  /** a 退回's reason (required) */
  reason?: boolean
  department?: boolean
  rating?: boolean
  /** a yes/no choice, as pass: [yes label, no label] */
  pass?: [string, string]
  into?: boolean
  reinspect?: boolean
  /** said above the buttons of a move that asks nothing else */
  confirm?: string
}

export const SHEETS: Record<UserMove, SheetSpec> = {
  accept: { title: '受理', note: { need: 'optional', placeholder: '说明（选填），如：已安排维修人员' } },
  respond: {
    title: '已联系 / 已到场',
    note: { need: 'optional', placeholder: '如：已电话联系反映人，约定明早到现场查看' },
  },
  escalate: {
    title: '上报上级',
    note: { need: 'optional', placeholder: '上报原因（选填），如：需要街道协调城管处理' },
  },
  dispatch: { title: '吹哨派单', department: true, note: { need: 'optional', placeholder: '交办说明（选填）' } },
  checkIn: { title: '报到', note: { need: 'optional', placeholder: '说明（选填），如：已安排人员今天到场' } },
  return: { title: '退回', reason: true },
  complete: {
    title: '办结',
    note: { need: 'required', placeholder: '处理结果，如：已更换灯泡，恢复照明' },
    photos: true,
  },
  confirmUrgent: { title: '确认紧急', pass: ['确认紧急，按 2 小时处理', '不算紧急，按一般诉求处理'] },
  comment: { title: '补充说明', note: { need: 'required', placeholder: '补充的情况' }, photos: true },
  rate: { title: '评价处理结果', rating: true },
  withdraw: { title: '撤回', confirm: '撤回后网格不再处理这条诉求。确定撤回吗？' },
  merge: { title: '合并重复诉求', into: true, note: { need: 'optional', placeholder: '说明（选填）' } },
  takeErrand: { title: '接单', confirm: '接单后请尽快联系反映人，办好后点“办结”。' },
  scheduleReinspection: { title: '安排回头看', reinspect: true },
  reinspect: {
    title: '回头看结果',
    pass: ['问题已解决，销项', '问题又出现了，重新办理'],
    note: { need: 'optional', placeholder: '回头看情况（选填）' },
  },
}

/** What the page says once a move went through. */
export function doneMessage(move: UserMove, view: RequestView, fields: MoveFields): string {
  switch (move) {
    case 'escalate':
      return '已上报上级'
    case 'dispatch':
      return view.department ? `已派单给${view.department.name}` : '已派单'
    case 'complete':
      return '已办结，等待反映人评价'
    case 'confirmUrgent':
      return fields.pass ? '已确认紧急' : '已按一般诉求处理'
    case 'rate':
      return fields.rating === 'unsatisfied' ? '已评价：不满意，诉求已重新办理' : '感谢评价，诉求已办结'
    case 'reinspect':
      return fields.pass ? '回头看通过，已销项' : '回头看未通过，已重新办理'
    case 'respond':
      return '已记录：已联系反映人'
    case 'comment':
      return '已补充说明'
    default:
      return `已${MOVE_LABELS[move]}`
  }
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000
const REINSPECT_WEEKS = [1, 2, 4, 8]
/** The weeks offered: the usual ones and the community's own interval (its settings), in order. */
const weeksOffered = (own: number): number[] => [...new Set([...REINSPECT_WEEKS, own])].sort((a, b) => a - b)

export interface MoveSheetProps {
  request: RequestView
  move: UserMove
  onDone: (view: RequestView, message: string) => void
  onClose: () => void
}

export function MoveSheet({ request, move, onDone, onClose }: MoveSheetProps) {
  const spec = SHEETS[move]
  const [note, setNote] = useState('')
  const [photos, setPhotos] = useState<UploadedImage[]>([])
  const [uploading, setUploading] = useState(false)
  const [reason, setReason] = useState('')
  const [departmentId, setDepartmentId] = useState('')
  const [rating, setRating] = useState<Rating | null>(null)
  const [pass, setPass] = useState<boolean | null>(null)
  const [into, setInto] = useState('')
  const [weeks, setWeeks] = useState<number>(request.reinspectWeeks)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const tapId = useRef(newTapId())
  const options = useOptions(request, spec)

  const missing =
    spec.note?.need === 'required' && !note.trim()
      ? `请填写${move === 'complete' ? '处理结果' : '说明'}`
      : spec.reason && !reason.trim()
        ? '请写明退回原因'
        : spec.department && !departmentId
          ? '请选择派往的部门'
          : spec.rating && !rating
            ? '请选择满意程度'
            : spec.pass && pass === null
              ? '请选择一项'
              : spec.into && !into
                ? '请选择保留的那条诉求'
                : ''

  const fields = (): MoveFields => {
    const f: MoveFields = {}
    if (spec.note && note.trim()) f.note = note.trim()
    if (spec.photos && photos.length) f.photos = photos.map((p) => p.fileID)
    if (spec.reason) f.reason = reason.trim()
    if (spec.department) f.departmentId = departmentId
    if (spec.rating && rating) {
      f.rating = rating
      if (note.trim()) f.comment = note.trim()
      delete f.note
    }
    if (spec.pass && pass !== null) f.pass = pass
    if (spec.into) f.into = into
    if (spec.reinspect) f.reinspectAt = new Date(Date.now() + weeks * WEEK_MS).toISOString()
    return f
  }

  const send = async () => {
    if (missing) {
      setError(missing)
      return
    }
    setBusy(true)
    setError('')
    try {
      const f = fields()
      const view = await actOnRequest(request.id, move, tapId.current, f)
      onDone(view, doneMessage(move, view, f))
    } catch (e) {
      setError(toServiceError(e).message)
    } finally {
      setBusy(false)
    }
  }

  const choice = (key: string, label: string, active: boolean, onClick: () => void, extra = '') => (
    <View
      key={key}
      className={`requests-choice ${extra}${active ? ' requests-choice--active' : ''}`}
      onClick={() => {
        onClick()
        setError('')
      }}
    >
      <Text>{label}</Text>
    </View>
  )

  // the rating's comment is the note field, worded for it
  const noteSpec = spec.rating ? { need: 'optional' as const, placeholder: '说说处理得怎么样（选填）' } : spec.note
  const noteMax = spec.rating ? REQUEST_LIMITS.comment : REQUEST_LIMITS.note
  return (
    <View className='move-sheet-mask' catchMove>
      <View className={`move-sheet move-sheet--${move}`}>
        <Text className='move-sheet__title'>{spec.title}</Text>

        {spec.confirm ? <Text className='move-sheet__confirm'>{spec.confirm}</Text> : null}

        {spec.rating ? (
          <View className='requests-choices move-sheet__ratings'>
            {RATINGS.map((r) =>
              choice(
                r,
                RATING_LABELS[r],
                rating === r,
                () => setRating(r),
                `move-sheet__rating move-sheet__rating--${r}`,
              ),
            )}
          </View>
        ) : null}
        {spec.rating && rating === 'unsatisfied' ? (
          <Text className='requests-hint'>选择不满意，诉求会退回处理人重新办理。</Text>
        ) : null}

        {spec.pass ? (
          <View className='requests-choices move-sheet__pass'>
            {choice('yes', spec.pass[0], pass === true, () => setPass(true), 'move-sheet__pass--yes')}
            {choice('no', spec.pass[1], pass === false, () => setPass(false), 'move-sheet__pass--no')}
          </View>
        ) : null}

        {spec.department ? (
          <View>
            <Text className='requests-label'>派往部门</Text>
            {options.status === 'loading' ? <Text className='requests-hint'>加载中…</Text> : null}
            <View className='requests-choices move-sheet__departments'>
              {options.departments.map((d) =>
                choice(
                  d.id,
                  d.name,
                  departmentId === d.id,
                  () => setDepartmentId(d.id),
                  `move-sheet__department move-sheet__department--${d.id}`,
                ),
              )}
            </View>
          </View>
        ) : null}

        {spec.into ? (
          <View>
            <Text className='requests-label'>合并到（保留的那条）</Text>
            {options.status === 'loading' ? <Text className='requests-hint'>加载中…</Text> : null}
            {options.status === 'ok' && !options.similar.length ? (
              <Text className='requests-hint'>附近没有同类的办理中诉求</Text>
            ) : null}
            <View className='move-sheet__into'>
              {options.similar.map((s) =>
                choice(
                  s.id,
                  `${s.title}（${s.placeLabel}）`,
                  into === s.id,
                  () => setInto(s.id),
                  'move-sheet__survivor',
                ),
              )}
            </View>
          </View>
        ) : null}

        {spec.reinspect ? (
          <View className='requests-choices move-sheet__weeks'>
            {weeksOffered(request.reinspectWeeks).map((w) =>
              choice(String(w), `${w} 周后`, weeks === w, () => setWeeks(w), `move-sheet__week--${w}`),
            )}
          </View>
        ) : null}

        {spec.reason ? (
          <Textarea
            className='requests-textarea move-sheet__reason'
            placeholder='退回原因，反映人会看到，如：不属于本网格处理范围，请拨打供电热线'
            maxlength={REQUEST_LIMITS.reason}
            value={reason}
            onInput={(e) => {
              setReason(e.detail.value)
              setError('')
            }}
          />
        ) : null}

        {noteSpec ? (
          <Textarea
            className='requests-textarea move-sheet__note'
            placeholder={noteSpec.placeholder}
            maxlength={noteMax}
            value={note}
            onInput={(e) => {
              setNote(e.detail.value)
              setError('')
            }}
          />
        ) : null}

        {spec.photos ? (
          <PhotoPicker
            className='move-sheet__photos'
            photos={photos}
            onChange={setPhotos}
            max={REQUEST_LIMITS.photos}
            onError={setError}
            onBusy={setUploading}
          />
        ) : null}

        {options.status === 'error' ? <Text className='requests-error'>{options.error}</Text> : null}
        {error ? <Text className='requests-error move-sheet__error'>{error}</Text> : null}
        <View className='move-sheet__actions'>
          <Button className='move-sheet__cancel' fill='outline' disabled={busy} onClick={onClose}>
            取消
          </Button>
          <Button
            className='move-sheet__submit'
            type='primary'
            disabled={busy || uploading}
            onClick={() => void send()}
          >
            {busy ? '提交中…' : `确定${spec.title.length <= 4 ? spec.title : ''}`}
          </Button>
        </View>
      </View>
    </View>
  )
}

/** What a sheet offers to pick: the street's departments (派单), the open requests of the same kind (合并). */
function useOptions(request: RequestView, spec: SheetSpec) {
  const [state, setState] = useState<{
    status: 'loading' | 'ok' | 'error'
    departments: DepartmentView[]
    similar: SimilarRow[]
    error: string
  }>({ status: spec.department || spec.into ? 'loading' : 'ok', departments: [], similar: [], error: '' })
  useEffect(() => {
    let live = true
    const failed = (e: unknown) =>
      live && setState({ status: 'error', departments: [], similar: [], error: toServiceError(e).message })
    if (spec.department)
      getRequestSettings(request.grid.id).then(
        (s) => live && setState({ status: 'ok', departments: s.departments, similar: [], error: '' }),
        failed,
      )
    else if (spec.into)
      getSimilarRequests(request.category, request.grid.id).then(
        (res) =>
          live &&
          setState({ status: 'ok', departments: [], similar: res.rows.filter((r) => r.id !== request.id), error: '' }),
        failed,
      )
    return () => {
      live = false
    }
  }, [request.id, request.grid.id, request.category, spec.department, spec.into])
  return state
}
