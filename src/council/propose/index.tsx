/**
 * 发起议题 (?grid=<gridId>; else my grid): a title and what the matter is; while writing, the grid's open proposals most
 * like it are shown (相似议题); up to six photos (uploaded as every image is) — supporting one of them is often better than a second. A text the content check
 * refuses says so and the form stays as typed; a filed proposal opens its page. One tap's id: a retry files once.
 */
import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { NotJoinedState } from '../../components/PageState'
import { pageUrl } from '../../routes'
import { COUNCIL_LIMITS, findSimilarProposals, proposeMatter, type SimilarProposal } from '../../services/council'
import { knownMe } from '../../services/grid'
import { newTapId } from '../../services/requests'
import type { UploadedImage } from '../../services/upload'
import { PhotoPicker } from '../../components/PhotoPicker'
import { Button } from '../../ui/nutui'
import { CouncilPage, useAction } from '../common'

export default function ProposePage() {
  const param = useRouter().params.grid ?? ''
  return <CouncilPage className='council-propose-page'>{() => <Form param={param} />}</CouncilPage>
}

function Form({ param }: { param: string }) {
  const [gridId, setGridId] = useState(param)
  const [known, setKnown] = useState(!!param)
  const [title, setTitle] = useState('')
  const [text, setText] = useState('')
  const [similar, setSimilar] = useState<SimilarProposal[]>([])
  const [photos, setPhotos] = useState<UploadedImage[]>([])
  const [uploading, setUploading] = useState(false)
  const [photoError, setPhotoError] = useState('')
  const tapId = useRef(newTapId())
  const send = useAction()

  useEffect(() => {
    if (param) return
    void knownMe().then(
      (me) => {
        setGridId(me.grid?.id ?? '')
        setKnown(true)
      },
      () => setKnown(true),
    )
  }, [param])

  // 相似议题: asked once the draft says something, a moment after the last keystroke
  useEffect(() => {
    if (!gridId || title.trim().length + text.trim().length < 4) {
      setSimilar([])
      return
    }
    const timer = setTimeout(() => {
      void findSimilarProposals(gridId, title.trim(), text.trim()).then(
        (r) => setSimilar(r.rows),
        () => setSimilar([]),
      )
    }, 500)
    return () => clearTimeout(timer)
  }, [gridId, title, text])

  if (known && !gridId) return <NotJoinedState />
  const missing =
    title.trim().length < COUNCIL_LIMITS.titleMin
      ? `标题至少 ${COUNCIL_LIMITS.titleMin} 个字`
      : text.trim().length < COUNCIL_LIMITS.textMin
        ? `内容至少 ${COUNCIL_LIMITS.textMin} 个字`
        : ''
  return (
    <View>
      <View className='card'>
        <Text className='council-label'>议题标题</Text>
        <Input
          className='council-input council-title'
          value={title}
          maxlength={COUNCIL_LIMITS.title}
          placeholder='一句话说清楚，如：东门口路灯不亮'
          onInput={(e) => {
            setTitle(e.detail.value)
            send.setError('')
          }}
        />
        <Text className='council-label'>
          具体情况（{text.length}/{COUNCIL_LIMITS.text}）
        </Text>
        <Textarea
          className='council-textarea council-body'
          value={text}
          maxlength={COUNCIL_LIMITS.text}
          placeholder='在哪里、影响了谁、希望怎么解决'
          onInput={(e) => {
            setText(e.detail.value)
            send.setError('')
          }}
        />
        <Text className='council-label'>图片（选填，最多 {COUNCIL_LIMITS.photos} 张）</Text>
        <PhotoPicker
          className='council-photos-pick'
          purpose='proposal'
          photos={photos}
          onChange={setPhotos}
          max={COUNCIL_LIMITS.photos}
          onError={setPhotoError}
          onBusy={setUploading}
        />
        {photoError ? <Text className='council-error'>{photoError}</Text> : null}
      </View>
      {similar.length ? (
        <View className='card council-similar'>
          <Text className='card__title'>相似议题</Text>
          <Text className='council-meta'>邻居已经提过类似的事，去支持它能更快列入议程</Text>
          {similar.map((s) => (
            <View
              key={s.id}
              className='council-row'
              onClick={() => void Taro.navigateTo({ url: pageUrl('councilProposal', { id: s.id }) })}
            >
              <Text className='council-row__title'>{s.title}</Text>
              <Text className='council-meta'>{s.supports} 人支持 · 去看看</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className='card'>
        <Text className='council-meta'>提交后，本网格的邻居可以看到并支持；三长会看到并商议</Text>
        {send.error ? <Text className='council-error'>{send.error}</Text> : null}
        {missing && (title || text) ? <Text className='council-muted'>{missing}</Text> : null}
        <View className='council-actions'>
          <Button
            type='primary'
            block
            className='council-submit'
            disabled={!!missing || !gridId || uploading}
            loading={send.busy}
            onClick={() =>
              void send.run(
                () =>
                  proposeMatter({
                    tapId: tapId.current,
                    gridId,
                    title: title.trim(),
                    text: text.trim(),
                    photos: photos.map((p) => p.fileID),
                  }),
                (r) => void Taro.redirectTo({ url: pageUrl('councilProposal', { id: r.id }) }),
              )
            }
          >
            提交议题
          </Button>
        </View>
      </View>
    </View>
  )
}
