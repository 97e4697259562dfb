/**
 * 入格海报 (the three heads, community staff): the printable poster of a grid or building — its name, where it
 * is, the mini-program code residents scan to join, and what to do in plain words. Opened from 网格管理 with
 * `?unit=<id>`. The live poster comes back every time (a printed one keeps working); 重新生成 replaces it.
 */
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { useRemote } from '../../hooks/use-remote'
import { ErrorState, LoadingState } from '../../components/PageState'
import { openFile } from '../../services/files'
import { getJoinPoster, renewJoinPoster, type PosterView } from '../../services/join'
import { formatTime, messageOf } from '../format'
import { scopeFor } from '../scope'
import { Button } from '../ui'
import { LeaderGate } from '../components/LeaderGate'
import '../manage.css'
import './index.css'

export default function PosterPage() {
  const unitId = useRouter().params.unit ?? ''
  return (
    <LeaderGate
      className='app-page manage poster-page'
      what='入格海报'
      scopeOf={(roles) => scopeFor(roles, 'join.poster')}
    >
      {() => <Poster unitId={unitId} />}
    </LeaderGate>
  )
}

function Poster({ unitId }: { unitId: string }) {
  const { state, reload } = useRemote(() => getJoinPoster(unitId))
  const [renewed, setRenewed] = useState<PosterView | null>(null)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const [busy, setBusy] = useState(false)

  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  const poster = renewed ?? state.data
  const what = poster.unit.level === 'microgrid' ? '本楼' : '本网格'

  const renew = async () => {
    const { confirm } = await Taro.showModal({
      title: '重新生成海报',
      content: '重新生成后，已经张贴的旧海报扫了将无法加入，需要换上新海报。确定吗？',
      confirmText: '重新生成',
    })
    if (!confirm) return
    setBusy(true)
    setMessage(null)
    try {
      setRenewed(await renewJoinPoster(unitId))
      setMessage({ text: '已生成新海报，旧海报已失效', error: false })
    } catch (e) {
      setMessage({ text: messageOf(e), error: true })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View>
      <View className='card poster'>
        <Text className='poster__kicker'>扫码入格</Text>
        <Text className='poster__name'>{poster.unit.name}</Text>
        {poster.place ? <Text className='poster__place'>{poster.place}</Text> : null}
        <Image className='poster__code' src={poster.imageUrl} mode='scaleToFill' showMenuByLongpress />
        <Text className='poster__howto'>
          {`${what}居民请用微信扫一扫，选好楼栋，填写单元、房号、姓名和手机号，楼栋长或网格长确认后即加入${what}，收得到通知。`}
        </Text>
        <Text className='poster__expires'>有效期至 {formatTime(poster.expiresAt)}</Text>
      </View>
      {message ? <Text className={message.error ? 'manage-error' : 'manage-message'}>{message.text}</Text> : null}
      <View className='poster-actions'>
        <SaveButton url={poster.imageUrl} name={poster.unit.name} />
        <Button
          className='poster-renew'
          fill='outline'
          type='primary'
          block
          disabled={busy}
          onClick={() => void renew()}
        >
          重新生成
        </Button>
      </View>
      <Text className='manage-hint poster-tip'>
        打印后贴在楼道口、电梯旁或小区公告栏。海报丢失或被涂改时，点“重新生成”，旧海报随即失效。
      </Text>
    </View>
  )
}

/** weapp: into the phone's album, to print from there; h5: a download of the image. */
function SaveButton({ url, name }: { url: string; name: string }) {
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null)
  const save = async () => {
    setNote(null)
    try {
      if (process.env.TARO_ENV === 'h5') {
        await openFile(url, `入格海报-${name}.png`)
        return
      }
      const { tempFilePath } = await Taro.downloadFile({ url })
      await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
      setNote({ text: '已保存到手机相册，可以从相册打印', error: false })
    } catch {
      setNote({ text: '没有保存：请允许保存到相册，或长按海报图片保存', error: true })
    }
  }
  return (
    <View>
      <Button className='poster-save' type='primary' block onClick={() => void save()}>
        {process.env.TARO_ENV === 'h5' ? '保存图片' : '保存到相册'}
      </Button>
      {note ? <Text className={note.error ? 'manage-error' : 'manage-message'}>{note.text}</Text> : null}
    </View>
  )
}
