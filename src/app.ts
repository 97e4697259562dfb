/** The app shell. In weapp the cloud is initialised at launch; in h5 the transport needs no setup. */
import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { initCloud } from './services/transport'
// Every page uses NutUI: load it with the app so the h5 build does not copy it into each lazy page chunk.
import './ui/nutui'
import './app.css'

export default function App({ children }: PropsWithChildren) {
  useLaunch(() => initCloud())
  return children
}
