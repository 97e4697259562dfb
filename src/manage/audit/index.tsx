/**
 * 审计日志 (community staff): every time a leader saw residents' data in full — when, who, what they
 * opened, whose data — newest first, paged.
 */
import { useCallback, useEffect } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { auditLabel } from '../../../core/privacy/audit'
import { type RoleView } from '../../services/grid'
import { getAuditLog, type AuditEntry } from '../../services/privacy'
import { formatTime } from '../format'
import { scopeFor } from '../scope'
import { LeaderGate } from '../components/LeaderGate'
import { usePaged } from '../use-paged'
import { PagedList } from '../components/PagedList'
import '../manage.css'
import './index.css'

export default function AuditPage() {
  return (
    <LeaderGate className='app-page audit' what='审计日志' scopeOf={(roles) => scopeFor(roles, 'privacy.auditLog')}>
      {(scope) => <AuditLog scope={scope} />}
    </LeaderGate>
  )
}

const PAGE_SIZE = 20
const SHOWN_SUBJECTS = 10

/** Whose data: a page of households names many people; the first ten and a count. */
function subjectsText(subjects: AuditEntry['subjects']): string {
  if (!subjects.length) return '无'
  const names = subjects
    .slice(0, SHOWN_SUBJECTS)
    .map((s) => s.name)
    .join('、')
  return subjects.length > SHOWN_SUBJECTS ? `${names} 等 ${subjects.length} 人` : names
}

function AuditLog({ scope }: { scope: RoleView }) {
  const fetchPage = useCallback((p: number) => getAuditLog(scope.unitId, p, PAGE_SIZE), [scope.unitId])
  const list = usePaged<AuditEntry>(fetchPage)
  const { total, status, load } = list
  useEffect(() => {
    void load(0)
  }, [load])
  usePullDownRefresh(() => void load(0).finally(() => Taro.stopPullDownRefresh()))

  return (
    <View className='card audit-log'>
      <View className='card__head'>
        <Text className='card__title'>{scope.unitName} · 审计日志</Text>
        <Text className='card__hint'>{status === 'loading' ? '' : `共 ${total} 条`}</Text>
      </View>
      <Text className='manage-hint'>干部每次查看居民的完整手机号或门牌，都会记录在这里。</Text>
      <PagedList list={list} empty='还没有记录' moreClass='audit-more' keyOf={(r) => r._id}>
        {(r) => (
          <View className='audit-row'>
            <View className='audit-row__head'>
              <Text className='audit-row__actor'>{r.actorName}</Text>
              <Text className='audit-row__time'>{formatTime(r.at)}</Text>
            </View>
            <Text className='audit-row__action'>{auditLabel(r.action)}</Text>
            <Text className='audit-row__subjects'>涉及：{subjectsText(r.subjects)}</Text>
          </View>
        )}
      </PagedList>
    </View>
  )
}
