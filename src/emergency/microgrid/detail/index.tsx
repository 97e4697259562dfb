/**
 * 一个战时网格 (?id=<microGridId>): its temporary leader with 拨打, its buildings with their households, how far the
 * emergency's notices reached its households, and 发通知 (the publish page with its buildings chosen); its leader
 * opens 住户 of a building from here. The grid chief or staff over it rename it, give it another leader from the
 * reserve force, or retire it (the record stays).
 */
import { useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { ChunkedList } from '../../../components/ChunkedList'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { useRemotePage } from '../../../hooks/use-page-reload'
import { pageUrl } from '../../../routes'
import {
  changeMicroGridLeader,
  EMERGENCY_LIMITS,
  getMicroGrid,
  getMicroGridCandidates,
  MICROGRID_KIND_LABELS,
  MICROGRID_KINDS,
  RESERVE_KIND_LABELS,
  renameMicroGrid,
  retireMicroGrid,
  type MicroGridCandidate,
  type MicroGridDetail,
  type MicroGridKind,
} from '../../../services/emergency'
import { Button } from '../../../ui/nutui'
import { Chips, formatTime, Gate, PagedFoot, useAction, usePaged } from '../../common'
import '../microgrid.css'

export default function MicroGridPage() {
  return <Gate className='app-page microgrid-page'>{() => <Detail />}</Gate>
}

function Detail() {
  const id = useRouter().params.id ?? ''
  const { state, reload } = useRemotePage(() => getMicroGrid(id))
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  return <Shown w={state.data} onChanged={() => void reload()} />
}

function Shown({ w, onChanged }: { w: MicroGridDetail; onChanged: () => void }) {
  const retired = w.retiredAt !== null
  const call = () => void Taro.makePhoneCall({ phoneNumber: w.leaderPhone }).catch(() => undefined)
  const publish = () =>
    void Taro.navigateTo({
      url: pageUrl('publish', { units: JSON.stringify(w.buildings.map((b) => ({ id: b.id, name: b.name }))) }),
    })
  return (
    <View>
      <View className='card'>
        <Text className={retired ? 'em-level em-level--ended' : 'em-level'}>{retired ? '已撤销' : '战时网格'}</Text>
        <Text className='em-row__title microgrid-title'>{w.name}</Text>
        <Text className='em-row__meta'>
          {w.grid.name} · {MICROGRID_KIND_LABELS[w.kind]} · {w.emergencyName}
        </Text>
        <Text className='em-row__meta'>
          {w.createdByName}划分于 {formatTime(w.createdAt)}
          {retired && w.retiredAt ? ` · ${w.retiredByName ?? ''}撤销于 ${formatTime(w.retiredAt)}` : ''}
        </Text>
      </View>
      <View className='card microgrid-leader-card'>
        <Text className='em-label'>临时负责人</Text>
        <View className='microgrid-leader-row'>
          <View className='microgrid-leader-who'>
            <Text className='em-row__title'>{w.leader.name}</Text>
            <Text className='em-row__meta'>
              {w.leader.kind ? RESERVE_KIND_LABELS[w.leader.kind] : ''}
              {w.leaderPhone ? ` · ${w.leaderPhone}` : ''}
            </Text>
          </View>
          {w.leaderPhone && !w.mine ? (
            <Button className='microgrid-call' type='primary' size='small' onClick={call}>
              拨打
            </Button>
          ) : null}
        </View>
      </View>
      <View className='card'>
        <Text className='em-label'>楼栋 · 共 {w.households} 户</Text>
        {w.buildingCounts.map((b) => (
          <View
            key={b.id}
            className='em-row microgrid-building'
            onClick={() =>
              !retired && (w.mine || w.mayManage) ? void Taro.navigateTo({ url: pageUrl('households') }) : undefined
            }
          >
            <Text className='em-row__title'>{b.name}</Text>
            <Text className='em-row__meta'>
              {b.households} 户{!retired && (w.mine || w.mayManage) ? ' · 查看住户 ›' : ''}
            </Text>
          </View>
        ))}
      </View>
      <View className='card microgrid-reach'>
        <Text className='em-label'>应急通知触达</Text>
        {w.notices.length ? (
          w.notices.map((n) => (
            <View key={n.noticeId} className='em-row'>
              <Text className='em-row__title'>{n.title}</Text>
              <Text className='em-row__meta'>
                已触达 {n.reached} / {w.households} 户 · {formatTime(n.publishedAt)}
              </Text>
            </View>
          ))
        ) : (
          <Text className='em-muted'>这次应急期间还没有发到这些楼栋的通知</Text>
        )}
        {!retired && (w.mine || w.mayManage) ? (
          <View className='em-actions'>
            <Button className='microgrid-publish' type='primary' fill='outline' onClick={publish}>
              发通知
            </Button>
          </View>
        ) : null}
      </View>
      {w.mayManage ? <Manage w={w} onChanged={onChanged} /> : null}
    </View>
  )
}

function Manage({ w, onChanged }: { w: MicroGridDetail; onChanged: () => void }) {
  const [name, setName] = useState(w.name)
  const [kind, setKind] = useState<MicroGridKind[]>([w.kind])
  const [choosing, setChoosing] = useState(false)
  const { busy, error, run } = useAction()
  const done = (title: string) => () => {
    void Taro.showToast({ title, icon: 'success' })
    setChoosing(false)
    onChanged()
  }
  const retire = async () => {
    const { confirm } = await Taro.showModal({
      title: '撤销战时网格',
      content: `撤销后${w.leader.name}不再负责这些楼栋，记录仍可查看。`,
      confirmText: '撤销',
      confirmColor: '#c8161d',
      cancelText: '取消',
    })
    if (confirm) await run(() => retireMicroGrid(w.id), done('已撤销'))
  }
  return (
    <View className='card microgrid-manage'>
      <Text className='em-label'>名称</Text>
      <Input
        className='em-input microgrid-rename'
        maxlength={EMERGENCY_LIMITS.microGridName}
        value={name}
        onInput={(e) => setName(e.detail.value)}
      />
      <Chips options={MICROGRID_KINDS} labels={MICROGRID_KIND_LABELS} value={kind} onChange={setKind} single />
      {error ? <Text className='em-error'>{error}</Text> : null}
      <View className='em-actions'>
        <Button
          type='primary'
          loading={busy}
          disabled={!name.trim() || kind.length !== 1 || (name === w.name && kind[0] === w.kind)}
          onClick={() => void run(() => renameMicroGrid(w.id, name.trim(), kind[0]), done('已保存'))}
        >
          保存
        </Button>
        <Button className='microgrid-change' fill='outline' disabled={busy} onClick={() => setChoosing(!choosing)}>
          换负责人
        </Button>
        <Button className='microgrid-retire' type='danger' fill='outline' disabled={busy} onClick={() => void retire()}>
          撤销
        </Button>
      </View>
      {choosing ? (
        <Leaders
          gridId={w.grid.id}
          current={w.leader.personId}
          onPick={(id) => void run(() => changeMicroGridLeader(w.id, id), done('已更换'))}
        />
      ) : null}
    </View>
  )
}

function Leaders({ gridId, current, onPick }: { gridId: string; current: string; onPick: (id: string) => void }) {
  const list = usePaged((cursor) => getMicroGridCandidates(gridId, cursor))
  const rows = useMemo(() => list.rows.filter((c) => c.personId !== current), [list.rows, current])
  return (
    <View className='microgrid-leaders'>
      <ChunkedList rows={rows} keyOf={(c: MicroGridCandidate) => c.personId}>
        {(c: MicroGridCandidate) => (
          <View className='em-row microgrid-leader' onClick={() => onPick(c.personId)}>
            <Text className='em-row__title'>{c.name}</Text>
            <Text className='em-row__meta'>
              {RESERVE_KIND_LABELS[c.kind]}
              {c.placeName ? ` · ${c.placeName}` : ''}
            </Text>
          </View>
        )}
      </ChunkedList>
      <PagedFoot list={list} empty='没有其他可选的应急力量' />
    </View>
  )
}
