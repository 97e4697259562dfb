/**
 * The opening every leader page shares: wait for the signed-in person, load who they are, and render the page
 * only for someone whose roles give them a scope here (the server checks again on every call).
 */
import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import { ErrorState, LoadingState, NotJoinedState } from '../../components/PageState'
import { usePersonaReady } from '../../hooks/use-persona'
import { useRemote } from '../../hooks/use-remote'
import { useElderClass } from '../../hooks/use-elder-mode'
import { getMe, type RoleView } from '../../services/grid'
import { NoAccess } from './NoAccess'

export interface LeaderGateProps<S> {
  className: string
  /** What the page is for, as the no-access message names it: 审计日志, 发布通知… */
  what: string
  scopeOf: (roles: RoleView[]) => S | null
  children: (scope: S) => ReactNode
}

export function LeaderGate<S>(props: LeaderGateProps<S>) {
  return usePersonaReady() ? <Gate {...props} /> : null
}

function Gate<S>({ className, what, scopeOf, children }: LeaderGateProps<S>) {
  const { state, reload } = useRemote(getMe)
  let body: ReactNode
  if (state.status === 'loading') body = <LoadingState />
  else if (state.status === 'error') body = <ErrorState error={state.error} onRetry={() => void reload()} />
  else if (!state.data.person) body = <NotJoinedState />
  else {
    const scope = scopeOf(state.data.roles)
    body = scope ? children(scope) : <NoAccess what={what} />
  }
  return <View className={useElderClass(className)}>{body}</View>
}
