/**
 * The photos of an item as the viewer may see them (server/uploads.ts seenImages): the passed ones; those still
 * 审核中, marked so (only their uploader and the scope's leaders get them); and, for the uploader alone, how many of
 * theirs the image check refused (the photos themselves are hidden from everyone, the uploader too). 诉求详情,
 * 巡查台账, 隔离服务任务 and 议题详情 draw their photos with it.
 */
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { withheldLine } from '../../core/uploads'
import './PhotoGrid.css'

export interface PhotoGridProps {
  /** every photo shown, in the item's order */
  photos: readonly string[]
  /** those of `photos` still 审核中 */
  checking?: readonly string[]
  /** how many of the viewer's own photos the check refused */
  withheld?: number
  /** smaller tiles, for a row in a list */
  small?: boolean
  className?: string
}

const preview = (urls: readonly string[], current: string) =>
  void Taro.previewImage({ current, urls: [...urls] }).catch(() => undefined)

export function PhotoGrid({ photos, checking = [], withheld = 0, small = false, className = '' }: PhotoGridProps) {
  const held = new Set(checking)
  const anyHeld = photos.some((url) => held.has(url))
  if (!photos.length && withheld <= 0) return null
  return (
    <View className={`photo-grid${small ? ' photo-grid--small' : ''} ${className}`}>
      {photos.length ? (
        <View className='photo-grid__photos'>
          {photos.map((url) => (
            <View key={url} className={`photo-grid__item${held.has(url) ? ' photo-grid__item--checking' : ''}`}>
              <Image
                className='photo-grid__photo'
                src={url}
                mode='aspectFill'
                lazyLoad
                onClick={() => preview(photos, url)}
              />
              {held.has(url) ? <Text className='photo-grid__checking'>审核中</Text> : null}
            </View>
          ))}
        </View>
      ) : null}
      {anyHeld ? (
        <Text className='photo-grid__hint'>审核中的图片只有上传人和负责干部看得到，审核通过后大家才能看到</Text>
      ) : null}
      {withheld > 0 ? <Text className='photo-grid__withheld'>{withheldLine(withheld)}</Text> : null}
    </View>
  )
}
