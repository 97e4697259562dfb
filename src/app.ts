/** The app shell. In weapp the cloud is initialised at launch; in h5 the transport needs no setup, and the
 * navigation bar Taro draws gets names for its buttons. Each time the app shows, the 通知 tab's unread badge is
 * fetched again. */
import type { PropsWithChildren } from 'react'
import { useDidShow, useLaunch } from '@tarojs/taro'
import { refreshNoticeBadge } from './services/notices'
import { initCloud } from './services/transport'
import { labelH5NavBar } from './components/H5NavBar'
// Every page uses NutUI: load it with the app so the h5 build does not copy it into each lazy page chunk.
import './ui/nutui'
import './app.css'

export default function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initCloud()
    labelH5NavBar()
  })
  useDidShow(() => void refreshNoticeBadge())
  return children
}
