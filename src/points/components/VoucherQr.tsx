/** A QR code of `text` (a voucher, a check-in code), drawn on the phone from the text: no server image. */
import { useMemo } from 'react'
import { Image } from '@tarojs/components'
import { qrDataUrl } from '../qr'

export function QrImage({ text, className }: { text: string; className?: string }) {
  const src = useMemo(() => qrDataUrl(text), [text])
  return <Image className={className ?? 'points-qr__image'} src={src} mode='aspectFit' />
}
