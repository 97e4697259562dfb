/**
 * 议事 (?grid=<gridId>; else my grid): the grid's proposals (议题) by tab — 征集中, 待议, 已决 — newest change first,
 * a page at a time (加载更多); 发起议题 for residents and heads of the grid; the grid chief changes how many supports put
 * a proposal on the agenda.
 */
import { useEffect, useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { ChunkedList } from '../../components/ChunkedList'
import { ErrorState, LoadingState, NotJoinedState } from '../../components/PageState'
import { useRemotePage } from '../../hooks/use-page-reload'
import { pageUrl } from '../../routes'
import {
  COUNCIL_LIMITS,
  listProposals,
  PROPOSAL_OUTCOME_LABELS,
  PROPOSAL_STAGE_LABELS,
  PROPOSAL_STAGES,
  setSupportThreshold,
  type ProposalRow,
  type ProposalsPage,
  type ProposalStage,
} from '../../services/council'
import { knownMe } from '../../services/grid'
import { Button } from '../../ui/nutui'
import { CouncilPage, formatDay, StatusMark, useAction, ListFoot } from '../common'

export default function ProposalsPageView() {
  const param = useRouter().params.grid ?? ''
  return <CouncilPage className='council-proposals'>{() => <Loaded param={param} />}</CouncilPage>
}

function Loaded({ param }: { param: string }) {
  const [stage, setStage] = useState<ProposalStage>('open')
  return (
    <View>
      <View className='council-tabs'>
        {PROPOSAL_STAGES.map((s) => (
          <Text key={s} className={`council-tab${s === stage ? ' council-tab--on' : ''}`} onClick={() => setStage(s)}>
            {PROPOSAL_STAGE_LABELS[s]}
          </Text>
        ))}
      </View>
      <Tab key={stage} param={param} stage={stage} />
    </View>
  )
}

/** One tab: its first page in one call (the grid named, or mine from who I am, already known). */
function Tab({ param, stage }: { param: string; stage: ProposalStage }) {
  const { state, reload } = useRemotePage(
    async () => {
      const gridId = param || (await knownMe()).grid?.id || ''
      return gridId ? { gridId, page: await listProposals(gridId, stage) } : null
    },
    { onReturn: true },
  )
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  if (!state.data) return <NotJoinedState />
  return <List gridId={state.data.gridId} first={state.data.page} stage={stage} onSaved={() => void reload()} />
}

function List({
  gridId,
  first,
  stage,
  onSaved,
}: {
  gridId: string
  first: ProposalsPage
  stage: ProposalStage
  onSaved: () => void
}) {
  const [more, setMore] = useState<ProposalRow[]>([])
  const [cursor, setCursor] = useState<string | null>(first.nextCursor)
  const load = useAction()
  useEffect(() => {
    setMore([])
    setCursor(first.nextCursor)
  }, [first])
  // one array while nothing changes: ChunkedList measures again whenever its rows are a new array
  const rows = useMemo(() => [...first.rows, ...more], [first, more])
  const empty: Record<ProposalStage, string> = {
    open: '还没有正在征集支持的议题',
    agenda: '还没有待议的议题',
    closed: '还没有已决的议题',
  }
  return (
    <View>
      <View className='card'>
        <View className='card__head'>
          <Text className='card__title'>{first.gridName} · 三长议事</Text>
        </View>
        <Text className='council-meta'>
          议题满 {first.threshold} 位邻居支持即列入议程（待议），由网格长、党小组长、楼栋长商议决定
        </Text>
        <View className='council-actions'>
          {first.canPropose ? (
            <Button
              type='primary'
              size='small'
              className='council-propose'
              onClick={() => void Taro.navigateTo({ url: pageUrl('councilPropose', { grid: gridId }) })}
            >
              发起议题
            </Button>
          ) : null}
          <Button
            size='small'
            className='council-meetings-link'
            onClick={() => void Taro.navigateTo({ url: pageUrl('councilMeetings', { grid: gridId }) })}
          >
            议事会
          </Button>
        </View>
      </View>
      {first.canSetThreshold ? <Threshold gridId={gridId} threshold={first.threshold} onSaved={onSaved} /> : null}
      <View className='card'>
        {/* a tab read to the end is a long list: drawn in chunks, so a 加载更多 sends only the new rows */}
        <ChunkedList className='council-list' rows={rows} keyOf={(r: ProposalRow) => r.id}>
          {(r) => (
            <View
              className='council-row'
              onClick={() => void Taro.navigateTo({ url: pageUrl('councilProposal', { id: r.id }) })}
            >
              <Text className='council-row__title'>{r.title}</Text>
              <Text className='council-meta'>
                <StatusMark status={r.status} />
                {r.outcome ? `${PROPOSAL_OUTCOME_LABELS[r.outcome]} · ` : ''}
                {r.supports} 人支持 · {r.mine ? '我发起的' : r.proposer} · {formatDay(r.at)}
              </Text>
            </View>
          )}
        </ChunkedList>
        <ListFoot
          empty={rows.length === 0 ? empty[stage] : null}
          moreClass='council-more'
          busy={load.busy}
          error={load.error}
          more={
            cursor
              ? () =>
                  void load.run(
                    () => listProposals(gridId, stage, cursor),
                    (p) => {
                      setMore((m) => [...m, ...p.rows])
                      setCursor(p.nextCursor)
                    },
                  )
              : null
          }
        />
      </View>
    </View>
  )
}

function Threshold({ gridId, threshold, onSaved }: { gridId: string; threshold: number; onSaved: () => void }) {
  const [value, setValue] = useState(String(threshold))
  const save = useAction()
  return (
    <View className='card'>
      <Text className='council-label'>
        列入议程所需的支持人数（{COUNCIL_LIMITS.thresholdMin}–{COUNCIL_LIMITS.thresholdMax}）
      </Text>
      <Input
        className='council-input council-threshold'
        type='number'
        value={value}
        onInput={(e) => setValue(e.detail.value)}
      />
      <View className='council-actions'>
        <Button
          size='small'
          fill='outline'
          loading={save.busy}
          onClick={() => void save.run(() => setSupportThreshold(gridId, Number(value)), onSaved)}
        >
          保存
        </Button>
      </View>
      {save.error ? <Text className='council-error'>{save.error}</Text> : null}
    </View>
  )
}
