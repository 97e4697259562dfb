/**
 * 隔离服务任务. For the volunteers of a grid (and its building heads, party leader and chief): the tasks I took, each
 * with 完成 (a short note and up to 3 photos, uploaded as the other images are: files.reserve → uploaded) or 放弃; the
 * tasks I finished lately, with their photos as the image check left them (审核中, or how many it refused); then the
 * grid's tasks waiting for someone, soonest first, with 领取. A task taken
 * by someone else meanwhile says so and the list is read again.
 */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { ChunkedList } from '../../../components/ChunkedList'
import { Button, Input } from '../../../manage/ui'
import {
  claimTask,
  finishTask,
  getIsolationTasks,
  ISOLATION_LIMITS,
  ISOLATION_TASK_MINUTES,
  releaseTask,
  type IsolationTaskRow,
} from '../../../services/isolation'
import type { UploadedImage } from '../../../services/upload'
import { PhotoGrid } from '../../../components/PhotoGrid'
import { PhotoPicker } from '../../../components/PhotoPicker'
import { Gate, messageOf, PagedFoot, usePaged } from '../../common'
import { taskLine, taskTitle } from '../isolation'
import '../../../manage/manage.css'
import '../isolation.css'

export default function IsolationTasksPage() {
  return <Gate className='app-page manage iso-tasks'>{() => <Tasks />}</Gate>
}

/** How many of my held tasks (each with its 完成 form) are drawn at first, and how many more each ask adds. */
const HELD_STEP = 5

function Tasks() {
  const [held, setHeld] = useState<IsolationTaskRow[]>([])
  const [finished, setFinished] = useState<IsolationTaskRow[]>([])
  const [shown, setShown] = useState(HELD_STEP)
  const [grid, setGrid] = useState('')
  const [error, setError] = useState('')
  const list = usePaged(async (cursor) => {
    const page = await getIsolationTasks(undefined, cursor)
    if (!cursor) {
      setHeld(page.held)
      setFinished(page.finished)
      setGrid(page.grid.name)
    }
    return page
  })
  const act = async (work: () => Promise<unknown>) => {
    setError('')
    try {
      await work()
    } catch (e) {
      setError(messageOf(e))
    }
    await list.reload()
  }
  return (
    <View>
      <View className='card iso-held'>
        <View className='card__head'>
          <Text className='card__title'>我领取的任务</Text>
          <Text className='card__hint'>完成一项记志愿时长 {ISOLATION_TASK_MINUTES} 分钟</Text>
        </View>
        {error ? <Text className='manage-error'>{error}</Text> : null}
        {list.status !== 'loading' && held.length === 0 ? (
          <Text className='iso-line'>还没有领取任务，可在下面领取</Text>
        ) : null}
        {/* up to 50 held at once, each with its 完成 form (~3.7 KB): HELD_STEP shown at first, more on asking, in
            chunks of two (a chunk not measured yet is drawn whole: 50 forms at once were 1,156 nodes and 188 KB; chunks
            of 10 sent 85 KB in one setData when scrolled back to the top) */}
        <ChunkedList rows={held.slice(0, shown)} keyOf={(t: IsolationTaskRow) => t.id} chunkSize={2}>
          {(t: IsolationTaskRow) => (
            <Held
              task={t}
              onDone={(note, photos) => act(() => finishTask(t.id, note, photos))}
              onRelease={() => act(() => releaseTask(t.id))}
            />
          )}
        </ChunkedList>
        <View className='iso-held-foot'>
          {held.length > shown ? (
            <Text className='iso-link iso-held-more' onClick={() => setShown((n) => n + HELD_STEP)}>
              再显示 {Math.min(HELD_STEP, held.length - shown)} 项（还有 {held.length - shown} 项）
            </Text>
          ) : null}
        </View>
      </View>
      {finished.length ? (
        <View className='card iso-finished'>
          <View className='card__head'>
            <Text className='card__title'>我最近完成的</Text>
          </View>
          {finished.map((t) => (
            <Finished key={t.id} task={t} />
          ))}
        </View>
      ) : null}
      <View className='card iso-open'>
        <View className='card__head'>
          <Text className='card__title'>待领取</Text>
          {grid ? <Text className='card__hint'>{grid}</Text> : null}
        </View>
        <ChunkedList rows={list.rows} keyOf={(t: IsolationTaskRow) => t.id}>
          {(t: IsolationTaskRow) => (
            <View className='iso-row iso-task'>
              <View className='iso-row__head'>
                <Text className='iso-row__title'>{taskTitle(t)}</Text>
                <Button size='small' type='primary' onClick={() => void act(() => claimTask(t.id))}>
                  领取
                </Button>
              </View>
              <Text className='iso-line'>{t.household.name}</Text>
              {t.note ? <Text className='iso-line'>需带：{t.note}</Text> : null}
              {t.overdue ? <Text className='iso-warn'>已超时，请尽快处理</Text> : null}
            </View>
          )}
        </ChunkedList>
        <PagedFoot list={list} empty='现在没有待领取的任务' />
      </View>
    </View>
  )
}

function Held({
  task: t,
  onDone,
  onRelease,
}: {
  task: IsolationTaskRow
  onDone: (note: string, photos: string[]) => Promise<void>
  onRelease: () => Promise<void>
}) {
  const [note, setNote] = useState('')
  const [photos, setPhotos] = useState<UploadedImage[]>([])
  const [uploading, setUploading] = useState(false)
  const [photoError, setPhotoError] = useState('')
  const [busy, setBusy] = useState(false)
  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    await work()
    setBusy(false)
  }
  return (
    <View className='iso-row iso-held-task'>
      <View className='iso-row__head'>
        <Text className='iso-row__title'>{taskTitle(t)}</Text>
        <Text className='iso-row__state'>{taskLine(t)}</Text>
      </View>
      <Text className='iso-line'>{t.household.name}</Text>
      {t.note ? <Text className='iso-line'>需带：{t.note}</Text> : null}
      <Input
        className='iso-input iso-held-task__note'
        placeholder='完成情况（选填），如：已放门口并敲门告知'
        maxLength={ISOLATION_LIMITS.doneNote}
        value={note}
        onChange={(v: string) => setNote(v)}
      />
      <PhotoPicker
        className='iso-held-task__photos photo-picker--small'
        purpose='isolation'
        photos={photos}
        onChange={setPhotos}
        max={ISOLATION_LIMITS.photos}
        onError={setPhotoError}
        onBusy={setUploading}
      />
      {photoError ? <Text className='manage-error'>{photoError}</Text> : null}
      <View className='iso-actions'>
        <Button
          size='small'
          type='primary'
          loading={busy}
          disabled={busy || uploading}
          onClick={() =>
            void run(() =>
              onDone(
                note.trim(),
                photos.map((p) => p.fileID),
              ),
            )
          }
        >
          完成
        </Button>
        <Button size='small' fill='outline' type='primary' disabled={busy} onClick={() => void run(onRelease)}>
          放弃
        </Button>
      </View>
    </View>
  )
}

/** A task I finished lately: its 完成 photos as I see them (审核中 ones too), and how many the check refused. */
function Finished({ task: t }: { task: IsolationTaskRow }) {
  return (
    <View className='iso-row iso-finished-task'>
      <View className='iso-row__head'>
        <Text className='iso-row__title'>{taskTitle(t)}</Text>
        <Text className='iso-row__state'>{taskLine(t)}</Text>
      </View>
      <Text className='iso-line'>{t.household.name}</Text>
      <PhotoGrid photos={t.photos} checking={t.checkingPhotos} withheld={t.withheldPhotos} small />
    </View>
  )
}
