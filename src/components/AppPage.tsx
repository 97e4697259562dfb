/** The root of every page: the shared page style (.app-page) and, when it is on, 长辈模式. */
import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import { useElderClass } from '../hooks/use-elder-mode'

export interface AppPageProps {
  /** The page's own class, e.g. 'me' or 'manage notices-reach'. */
  className: string
  children?: ReactNode
}

export function AppPage({ className, children }: AppPageProps) {
  return <View className={useElderClass(`app-page ${className}`)}>{children}</View>
}
