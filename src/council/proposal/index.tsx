/**
 * 议题详情 (?id=<proposalId>): the matter, who raised it, how many neighbours support it against the grid's threshold,
 * 支持 / 取消支持 while it gathers support; its status history; for the grid's heads 列入议程 and 不予上会 (with a public
 * reason); once decided, the outcome and its public reason (or why it was declined).
 */
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { ErrorState, LoadingState } from '../../components/PageState'
import { PhotoGrid } from '../../components/PhotoGrid'
import { useRemotePage } from '../../hooks/use-page-reload'
import { pageUrl } from '../../routes'
import {
  COUNCIL_LIMITS,
  declineProposal,
  getProposal,
  PROPOSAL_OUTCOME_LABELS,
  PROPOSAL_STATUS_LABELS,
  putOnAgenda,
  supportProposal,
  withdrawSupport,
  type ProposalDetail,
} from '../../services/council'
import { Button } from '../../ui/nutui'
import { CouncilPage, formatDay, StatusMark, useAction } from '../common'

export default function ProposalPage() {
  const id = useRouter().params.id ?? ''
  return <CouncilPage className='council-proposal'>{() => <Loaded id={id} />}</CouncilPage>
}

function Loaded({ id }: { id: string }) {
  const { state, reload } = useRemotePage(() => getProposal(id))
  const [fresh, setFresh] = useState<ProposalDetail | null>(null)
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  return <Detail d={fresh ?? state.data} onChange={setFresh} />
}

function progress(d: ProposalDetail): string {
  if (d.status === 'open') {
    const left = Math.max(0, d.threshold - d.supports)
    return `已有 ${d.supports} 人支持，再有 ${left} 人支持即列入议程`
  }
  return `${d.supports} 人支持`
}

function Detail({ d, onChange }: { d: ProposalDetail; onChange: (d: ProposalDetail) => void }) {
  const act = useAction()
  return (
    <View>
      <View className='card'>
        <Text className='council-row__title council-title-text'>{d.title}</Text>
        <Text className='council-meta'>
          <StatusMark status={d.status} />
          {d.isProposer ? '我发起的' : d.proposer} · {d.gridName} · {formatDay(d.createdAt)}
        </Text>
        <Text className='council-text'>{d.text}</Text>
        {/* 审核中 ones reach only the proposer and the grid's heads; the refused ones' count, the proposer alone */}
        <PhotoGrid photos={d.photos} checking={d.checkingPhotos} withheld={d.withheldPhotos} />
        {d.request ? (
          <Text
            className='council-meta council-link'
            onClick={() => void Taro.navigateTo({ url: pageUrl('requestDetail', { id: d.request?.id }) })}
          >
            相关诉求：{d.request.title} ›
          </Text>
        ) : null}
        <Text className='council-progress council-supports'>{progress(d)}</Text>
        {d.canSupport || d.canWithdraw ? (
          <View className='council-actions'>
            {d.canSupport ? (
              <Button
                type='primary'
                className='council-support'
                loading={act.busy}
                onClick={() => void act.run(() => supportProposal(d.id), onChange)}
              >
                支持
              </Button>
            ) : (
              <Button
                fill='outline'
                className='council-withdraw'
                loading={act.busy}
                onClick={() => void act.run(() => withdrawSupport(d.id), onChange)}
              >
                取消支持
              </Button>
            )}
          </View>
        ) : null}
        {d.iSupport && !d.canWithdraw ? <Text className='council-muted'>你支持了这个议题</Text> : null}
        {act.error ? <Text className='council-error'>{act.error}</Text> : null}
      </View>

      <Outcome d={d} />
      {d.canManage ? <Manage d={d} onChange={onChange} /> : null}

      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>进展</Text>
        </View>
        {d.history.map((h, i) => (
          <View key={i} className='council-row'>
            <Text className='council-row__title'>{PROPOSAL_STATUS_LABELS[h.status]}</Text>
            <Text className='council-meta'>
              {h.by} · {formatDay(h.at)}
            </Text>
            {h.note ? <Text className='council-reason'>{h.note}</Text> : null}
          </View>
        ))}
      </View>
    </View>
  )
}

function Outcome({ d }: { d: ProposalDetail }) {
  if (d.decision)
    return (
      <View className='card council-outcome'>
        <View className='card__head'>
          <Text className='card__title'>议事结果：{PROPOSAL_OUTCOME_LABELS[d.decision.outcome]}</Text>
        </View>
        <Text className='council-meta'>{formatDay(d.decision.at)}</Text>
        {d.decision.reason ? <Text className='council-reason'>{d.decision.reason}</Text> : null}
      </View>
    )
  if (d.status === 'declined')
    return (
      <View className='card council-outcome'>
        <View className='card__head'>
          <Text className='card__title'>不予上会</Text>
        </View>
        <Text className='council-reason'>{d.declineReason}</Text>
      </View>
    )
  if (d.status === 'agenda')
    return (
      <View className='card council-outcome'>
        <Text className='council-meta'>已列入议程，等待三长议事会商议表决</Text>
      </View>
    )
  return null
}

function Manage({ d, onChange }: { d: ProposalDetail; onChange: (d: ProposalDetail) => void }) {
  const [declining, setDeclining] = useState(false)
  const [reason, setReason] = useState('')
  const act = useAction()
  return (
    <View className='card council-manage'>
      <View className='card__head'>
        <Text className='card__title'>三长处理</Text>
      </View>
      {declining ? (
        <View>
          <Text className='council-label'>不予上会的理由（邻居和发起人都能看到）</Text>
          <Textarea
            className='council-textarea council-decline-reason'
            value={reason}
            maxlength={COUNCIL_LIMITS.reason}
            onInput={(e) => setReason(e.detail.value)}
          />
          <View className='council-actions'>
            <Button
              type='primary'
              size='small'
              disabled={!reason.trim()}
              loading={act.busy}
              onClick={() => void act.run(() => declineProposal(d.id, reason.trim()), onChange)}
            >
              确认不予上会
            </Button>
            <Button size='small' fill='outline' onClick={() => setDeclining(false)}>
              取消
            </Button>
          </View>
        </View>
      ) : (
        <View className='council-actions'>
          {d.status === 'open' ? (
            <Button
              type='primary'
              size='small'
              className='council-to-agenda'
              loading={act.busy}
              onClick={() => void act.run(() => putOnAgenda(d.id), onChange)}
            >
              列入议程
            </Button>
          ) : null}
          <Button size='small' fill='outline' className='council-decline' onClick={() => setDeclining(true)}>
            不予上会
          </Button>
        </View>
      )}
      {act.error ? <Text className='council-error'>{act.error}</Text> : null}
    </View>
  )
}
