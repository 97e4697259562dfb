/** What the 三长议事 pages share (sub-package council/): the loader, a button's call, dates and status marks. */
import { useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { monthDayTime } from '../../core/beijing-time'
import { AppPage } from '../components/AppPage'
import { usePersonaReady } from '../hooks/use-persona'
import { PROPOSAL_STATUS_LABELS, type ProposalRow } from '../services/council'
import { toServiceError } from '../services/errors'
import { Button } from '../ui/nutui'
import './council.css'

/** The page root, once the signed-in person is known. */
export function CouncilPage({ className, children }: { className: string; children: () => ReactNode }) {
  return <AppPage className={`council ${className}`}>{usePersonaReady() ? children() : null}</AppPage>
}

/** 11月22日 08:05, Beijing time. */
export const formatDay = (iso: string): string => monthDayTime(iso)

export const messageOf = (e: unknown): string => toServiceError(e).message

/** One button's call: busy while it runs, its error in Chinese, `then` with the answer. */
export function useAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const run = async <T,>(work: () => Promise<T>, then?: (r: T) => void) => {
    setBusy(true)
    setError('')
    try {
      then?.(await work())
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, run, setError }
}

export function StatusMark({ status }: { status: ProposalRow['status'] }) {
  const tone = status === 'open' ? '' : status === 'agenda' ? ' council-status--agenda' : ' council-status--closed'
  return <Text className={`council-status${tone}`}>{PROPOSAL_STATUS_LABELS[status]}</Text>
}

/**
 * What stands below a list's rows, in a block of its own so the rows are never sent again with it: the empty line,
 * 加载更多 while there is more (`more`), and its error.
 */
export function ListFoot({
  empty,
  more,
  moreClass,
  busy,
  error,
}: {
  /** shown when there is no row */
  empty: string | null
  more: (() => void) | null
  moreClass: string
  busy: boolean
  error: string
}) {
  return (
    <View className='council-list__foot'>
      {empty ? <Text className='council-muted'>{empty}</Text> : null}
      {more ? (
        <View className='council-actions'>
          <Button size='small' fill='outline' className={moreClass} loading={busy} onClick={more}>
            加载更多
          </Button>
        </View>
      ) : null}
      {error ? <Text className='council-error'>{error}</Text> : null}
    </View>
  )
}
