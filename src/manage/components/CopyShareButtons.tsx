/** 复制链接 and, in WeChat, the share button: how a card (an invite, a binding card, a relayed notice) leaves the app. */
import Taro from '@tarojs/taro'
import { Button } from '../ui'

export interface CopyShareButtonsProps {
  /** prefix of the buttons' classes: `${prefix}__copy`, `${prefix}__share` */
  prefix: string
  link: string
  shareText: string
  /** what the page's onShareAppMessage shares, when it has several cards */
  kind?: string
}

export function CopyShareButtons({ prefix, link, shareText, kind }: CopyShareButtonsProps) {
  return (
    <>
      <Button
        className={`${prefix}__copy`}
        size='small'
        fill='outline'
        type='primary'
        onClick={() => void Taro.setClipboardData({ data: link }).catch(() => undefined)}
      >
        复制链接
      </Button>
      {process.env.TARO_ENV === 'weapp' ? (
        <Button className={`${prefix}__share`} size='small' type='primary' openType='share' data-kind={kind}>
          {shareText}
        </Button>
      ) : null}
    </>
  )
}
