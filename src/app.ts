/** The app shell. In weapp the cloud is initialised at launch; in h5 the transport needs no setup. */
import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { initCloud } from './services/transport'
import './app.css'

export default function App({ children }: PropsWithChildren) {
  useLaunch(() => initCloud())
  return children
}
