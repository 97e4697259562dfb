/**
 * Photos of a request or a move (办结, 补充说明), a proposal (议题) or a finished isolation task, in whichever
 * sub-package the form lives (its rules come with it, PhotoPicker.css): up to `max`, picked and uploaded
 * through the one upload path (services/upload.ts, purpose 'request' unless told), each removable before sending. A failure is handed to `onError` in plain
 * words (too large, not a picture, the network).
 */
import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { toServiceError } from '../services/errors'
import type { ImagePurpose } from '../../core/uploads'
import { pickImages, type UploadedImage } from '../services/upload'
import './PhotoPicker.css'

export interface PhotoPickerProps {
  photos: UploadedImage[]
  onChange: (photos: UploadedImage[]) => void
  max: number
  onError: (message: string) => void
  /** uploading: the form waits for it before sending */
  onBusy?: (busy: boolean) => void
  /** 'photo-picker--small' for a narrow card */
  className?: string
  /** what the photos are for (the upload's purpose): 'request' by default */
  purpose?: ImagePurpose
}

export function PhotoPicker({ photos, onChange, max, onError, onBusy, className, purpose }: PhotoPickerProps) {
  const [uploading, setUploading] = useState(false)
  const busy = (b: boolean) => {
    setUploading(b)
    onBusy?.(b)
  }
  const add = async () => {
    if (uploading) return
    onError('')
    busy(true)
    try {
      const uploaded = await pickImages(purpose ?? 'request', max - photos.length)
      if (uploaded.length) onChange([...photos, ...uploaded].slice(0, max))
    } catch (e) {
      onError(toServiceError(e).message)
    } finally {
      busy(false)
    }
  }
  return (
    <View className={`photo-picker ${className ?? ''}`}>
      {photos.map((p) => (
        <View className='photo-picker__photo' key={p.fileID}>
          <Image className='photo-picker__img' src={p.preview} mode='aspectFill' />
          <Text className='photo-picker__remove' onClick={() => onChange(photos.filter((x) => x.fileID !== p.fileID))}>
            ×
          </Text>
        </View>
      ))}
      {photos.length < max ? (
        <View className='photo-picker__add' onClick={() => void add()}>
          <Text>{uploading ? '上传中…' : `+ 照片（${photos.length}/${max}）`}</Text>
        </View>
      ) : null}
    </View>
  )
}
