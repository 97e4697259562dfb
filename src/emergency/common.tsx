/**
 * What the emergency pages share (sub-package emergency/): the gate that loads who I am, a server-paged list (加载更多),
 * time and error text, and the chips of a multiple choice (kinds, skills).
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import { beijingMinute } from '../../core/beijing-time'
import { EmptyMark, ErrorState, LoadingState, NotJoinedState } from '../components/PageState'
import { useElderClass } from '../hooks/use-elder-mode'
import { usePersonaReady } from '../hooks/use-persona'
import { useRemote } from '../hooks/use-remote'
import { toServiceError } from '../services/errors'
import { getMe, type MeResult, type RoleView } from '../services/grid'
import { Button, Empty } from '../ui/nutui'
import './emergency.css'

/** 2026-11-22 08:05, Beijing time. */
export const formatTime = (iso: string): string => beijingMinute(iso)

export const messageOf = (e: unknown): string => toServiceError(e).message

interface GateProps {
  className: string
  what?: string
  /** Whether my roles fit the page (staff pages); absent: every joined person. */
  allow?: (me: MeResult) => boolean
  children: (me: MeResult) => ReactNode
}

/** Waits for the signed-in person and renders the page for a joined one whose roles fit it. */
export function Gate(props: GateProps) {
  return usePersonaReady() ? <Loaded {...props} /> : null
}

function Loaded({ className, what, allow, children }: GateProps) {
  const { state, reload } = useRemote(getMe)
  let body: ReactNode
  if (state.status === 'loading') body = <LoadingState />
  else if (state.status === 'error') body = <ErrorState error={state.error} onRetry={() => void reload()} />
  else if (!state.data.person) body = <NotJoinedState />
  else if (allow && !allow(state.data))
    body = (
      <View className='page-state'>
        <Empty
          image={<EmptyMark glyph='应' />}
          title={`没有${what ?? '这项'}权限`}
          description='这一页只对社区和街道的工作人员开放。'
        />
      </View>
    )
  else body = children(state.data)
  return <View className={useElderClass(className)}>{body}</View>
}

/** One button's call: busy while it runs, its error in Chinese, `then` after it succeeded. */
export function useAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const run = async (work: () => Promise<unknown>, then?: () => void) => {
    setBusy(true)
    setError('')
    try {
      await work()
      then?.()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, run }
}

/** Which of my units a page works on, when I hold more than one. */
export function useUnitPicker(units: RoleView[]): { unit: RoleView; picker: ReactNode } {
  const [at, setAt] = useState(0)
  const unit = units[Math.min(at, units.length - 1)]
  const picker =
    units.length > 1 ? (
      <View className='card'>
        <Text className='em-label'>范围</Text>
        <Picker
          mode='selector'
          range={units.map((u) => u.unitName)}
          value={at}
          onChange={(e) => setAt(Number(e.detail.value))}
        >
          <View className='em-picker'>{unit.unitName} ›</View>
        </Picker>
      </View>
    ) : null
  return { unit, picker }
}

/** A list the server pages (nextCursor): the first page replaces it, 加载更多 appends; only the latest ask writes. */
export function usePaged<T>(fetchPage: (cursor?: string) => Promise<{ rows: T[]; nextCursor: string | null }>) {
  const [rows, setRows] = useState<T[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [status, setStatus] = useState<'loading' | 'more' | 'ok' | 'error'>('loading')
  const [error, setError] = useState('')
  const seq = useRef(0)
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage
  const load = useCallback(async (cursor?: string) => {
    const mine = ++seq.current
    setStatus(cursor ? 'more' : 'loading')
    try {
      const page = await fetchRef.current(cursor)
      if (mine !== seq.current) return
      setRows((old) => (cursor ? [...old, ...page.rows] : page.rows))
      setNext(page.nextCursor)
      setStatus('ok')
    } catch (e) {
      if (mine !== seq.current) return
      setError(messageOf(e))
      setStatus('error')
    }
  }, [])
  useEffect(() => {
    void load()
  }, [load])
  return { rows, status, error, reload: () => load(), more: next ? () => load(next) : null }
}

/**
 * The foot of a paged list: loading, its error, empty, or 加载更多. It sits in a block of its own that is always
 * there: Taro sends a parent's whole child list again when one of its children comes or goes, and the rows beside
 * the foot (a ChunkedList) must never be part of that.
 */
export function PagedFoot({ list, empty }: { list: ReturnType<typeof usePaged<unknown>>; empty: string }) {
  let body: ReactNode = null
  if (list.status === 'loading') body = <Text className='em-muted'>加载中…</Text>
  else if (list.status === 'error') body = <Text className='em-error'>{list.error}</Text>
  else if (!list.rows.length) body = <Text className='em-muted'>{empty}</Text>
  else if (list.more)
    body = (
      <View className='em-more'>
        <Button
          className='em-more__button'
          size='small'
          fill='outline'
          loading={list.status === 'more'}
          onClick={() => list.more?.()}
        >
          加载更多
        </Button>
      </View>
    )
  return <View className='em-foot'>{body}</View>
}

/** Chips of a multiple (or single, `single`) choice. */
export function Chips<K extends string>({
  options,
  labels,
  value,
  onChange,
  single,
}: {
  options: readonly K[]
  labels: Record<K, string>
  value: readonly K[]
  onChange: (next: K[]) => void
  single?: boolean
}) {
  const toggle = (k: K) => {
    if (single) onChange(value.includes(k) ? [] : [k])
    else onChange(value.includes(k) ? value.filter((x) => x !== k) : [...value, k])
  }
  return (
    <View className='em-chips'>
      {options.map((k) => (
        <Text key={k} className={value.includes(k) ? 'em-chip em-chip--on' : 'em-chip'} onClick={() => toggle(k)}>
          {labels[k]}
        </Text>
      ))}
    </View>
  )
}

/** Community and street staff: their units (where they declare, list and call up). */
export const staffUnits = (me: MeResult) =>
  me.roles.filter((r) => r.role === 'communityStaff' || r.role === 'streetStaff')
