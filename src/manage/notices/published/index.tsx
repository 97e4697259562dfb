/**
 * 我发布的: the notices the leader published, newest first, each with the share of households reached so far;
 * a notice opens its 通知触达 page (a notice sent to several units: each of them, too). Drawn in chunks
 * (ChunkedList): a page added sends only its rows.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { type UnitRef } from '../../../services/grid'
import { getPublished, percent, URGENCY_LABELS } from '../../../services/notices'
import { pageUrl, reachUrl } from '../../../routes'
import type { NoticesApi } from '../../../../core/contract'
import { toServiceError, type ServiceError } from '../../../services/errors'
import { formatTime } from '../../format'
import { Button, Tag } from '../../ui'
import { publishScope, reachUnitOf } from '../publish-scope'
import { LeaderGate } from '../../components/LeaderGate'
import { ChunkedList } from '../../../components/ChunkedList'
import '../../manage.css'
import '../notices.css'

type Published = NoticesApi['published']['result']['rows'][number]
const PAGE_SIZE = 20
const publishedKey = (n: Published): string => n.id

export default function MinePage() {
  return (
    <LeaderGate className='app-page manage notices-published' what='发布通知' scopeOf={publishScope}>
      {(scope) => <PublishedList whole={scope.whole} />}
    </LeaderGate>
  )
}

function PublishedList({ whole }: { whole: UnitRef | null }) {
  const [rows, setRows] = useState<Published[]>([])
  const [page, setPage] = useState(0)
  const [more, setMore] = useState(false)
  const [status, setStatus] = useState<'loading' | 'more' | 'ok' | 'error'>('loading')
  const [error, setError] = useState<ServiceError | null>(null)
  const loaded = useRef(false)

  const load = useCallback(async (p: number) => {
    setStatus((s) => (p === 0 && s !== 'ok' ? 'loading' : p === 0 ? s : 'more'))
    try {
      const res = await getPublished(p, PAGE_SIZE)
      setRows((r) => (p === 0 ? res.rows : [...r, ...res.rows]))
      setMore(res.rows.length === PAGE_SIZE)
      setPage(p)
      setStatus('ok')
      loaded.current = true
    } catch (e) {
      setError(toServiceError(e))
      setStatus('error')
    }
  }, [])
  useEffect(() => {
    void load(0)
  }, [load])
  // Back from a reach page or a new notice: read the list again.
  useDidShow(() => {
    if (loaded.current) void load(0)
  })
  usePullDownRefresh(() => void load(0).finally(() => Taro.stopPullDownRefresh()))

  if (status === 'loading') return <LoadingState />
  if (status === 'error' && error && rows.length === 0) return <ErrorState error={error} onRetry={() => void load(0)} />
  return (
    <View>
      <View className='manage-row-actions published-actions'>
        <Button
          className='published-publish'
          type='primary'
          size='small'
          onClick={() => void Taro.navigateTo({ url: pageUrl('publish') })}
        >
          发布通知
        </Button>
      </View>
      <View className='published-empty-slot'>
        {rows.length === 0 ? <Text className='manage-hint published-empty'>还没有发布过通知</Text> : null}
      </View>
      <ChunkedList rows={rows} keyOf={publishedKey}>
        {(n) => <PublishedRow notice={n} whole={whole} />}
      </ChunkedList>
      {/* in a block of its own: what changes here must not make Taro send the rows again */}
      <View className='published-footer'>
        {status === 'error' && error ? <Text className='manage-error'>{error.message}</Text> : null}
        {more ? (
          <Button
            className='published-more'
            fill='outline'
            block
            disabled={status === 'more'}
            onClick={() => void load(page + 1)}
          >
            {status === 'more' ? '加载中…' : '加载更多'}
          </Button>
        ) : null}
      </View>
    </View>
  )
}

function PublishedRow({ notice, whole }: { notice: Published; whole: UnitRef | null }) {
  const open = (unitId: string) => void Taro.navigateTo({ url: reachUrl(notice.id, unitId) })
  const expired = new Date(notice.expiresAt).getTime() < Date.now()
  return (
    <View className='card published-row' onClick={() => open(reachUnitOf(notice.targets, whole))}>
      <View className='card__head'>
        <Text className='card__title published-row__title'>{notice.title}</Text>
        {notice.urgency !== 'normal' ? (
          <Tag className={`published-row__urgency published-row__urgency--${notice.urgency}`} type='danger'>
            {URGENCY_LABELS[notice.urgency]}
          </Tag>
        ) : null}
      </View>
      <Text className='published-row__meta'>
        {formatTime(notice.publishedAt)} · {notice.targets.map((t) => t.name).join('、')}
        {expired ? ' · 已过期' : ''}
      </Text>
      <View className='published-row__reach'>
        <Text className='published-row__percent'>{percent(notice.reached, notice.households)}%</Text>
        <Text className='published-row__count'>
          已触达 {notice.reached}/{notice.households} 户
        </Text>
      </View>
      <View className='reach-bar'>
        <View className='reach-bar__fill' style={{ width: `${percent(notice.reached, notice.households)}%` }} />
      </View>
      {notice.targets.length > 1 ? (
        <View className='choice-row published-row__targets'>
          {notice.targets.map((t) => (
            <View
              key={t.id}
              className='choice published-row__target'
              onClick={(e) => {
                e.stopPropagation()
                open(t.id)
              }}
            >
              <Text>{t.name} 触达 ›</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
