/**
 * Picking a unit of the grid tree a level at a time, like 组织架构 itself: one call of org.tree per step, whatever the
 * size of the street. It opens at `rootId` with a page of its child units (加载更多 for the next): a unit of the
 * level picked is offered, one above it opens (打开 ›), and the path back up (面包屑) never goes above the caller's
 * own unit. 组织架构's 移动 picks the new parent with it, 战时网格 the grid to look at.
 *
 *   <OrgPicker rootId={communityId} scopeId={myUnitId} target='grid' pickLabel='查看 ›' onPick={(g) => …} />
 */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { Level } from '../../core/units'
import { useOrgLevel } from '../hooks/use-org-level'
import type { OrgTreeResult, OrgUnit } from '../services/org'
import { Button } from '../ui/nutui'
import { ChunkedList } from './ChunkedList'
import './OrgPicker.css'

export type OrgRef = { id: string; name: string; level: Level }

/** The units from the caller's own unit down to the one open (the ones above theirs are not theirs to open). */
export function crumbsOf(data: OrgTreeResult, scopeId: string): OrgRef[] {
  const chain: OrgRef[] = [...data.unit.path, data.unit]
  const from = chain.findIndex((u) => u.id === scopeId)
  return chain.slice(Math.max(from, 0))
}

/** 面包屑: the path to the unit open, each unit above it tappable; nothing while the caller's own unit is open. */
export function Crumbs({
  crumbs,
  onOpen,
  className,
}: {
  crumbs: OrgRef[]
  onOpen: (id: string) => void
  className: string
}) {
  if (crumbs.length < 2) return null
  return (
    <View className={`org-crumbs ${className}`}>
      {crumbs.map((c, i) =>
        i === crumbs.length - 1 ? (
          <Text key={c.id} className='org-crumb org-crumb--here'>
            {c.name}
          </Text>
        ) : (
          <View key={c.id} className='org-crumb' onClick={() => onOpen(c.id)}>
            <Text className='org-crumb__name'>{c.name}</Text>
            <Text className='org-crumb__sep'>›</Text>
          </View>
        ),
      )}
    </View>
  )
}

export interface OrgPickerProps {
  /** Where the picker opens. */
  rootId: string
  /** The caller's own unit: the picker goes no higher. */
  scopeId: string
  /** The level picked; a unit of another level opens. */
  target: Level
  /** A unit left out (the one being moved). */
  skipId?: string
  /** A unit of the target level shown but not offered (where the unit is now, the grid open), with `hereLabel`. */
  hereId?: string | null
  hereLabel?: string
  /** What a unit offered says beside its name (移到这里 ›). */
  pickLabel: string
  /** Said where no unit of the target level is listed. */
  empty: string
  /** The unit picked, and the unit it was listed under. */
  onPick: (picked: OrgUnit, under: OrgRef) => void
  className?: string
}

export function OrgPicker(props: OrgPickerProps) {
  const [at, setAt] = useState(props.rootId)
  return <PickerLevel key={at} {...props} unitId={at} onOpen={setAt} />
}

function PickerLevel({
  unitId,
  onOpen,
  scopeId,
  target,
  skipId,
  hereId,
  hereLabel,
  pickLabel,
  empty,
  onPick,
  className,
}: OrgPickerProps & { unitId: string; onOpen: (id: string) => void }) {
  const { state, loadMore, more, reload } = useOrgLevel(unitId)
  const cls = className ? `org-picker ${className}` : 'org-picker'
  if (state.status === 'loading') {
    return (
      <View className={cls}>
        <Text className='org-picker__hint'>加载中…</Text>
      </View>
    )
  }
  if (state.status === 'error') {
    return (
      <View className={cls}>
        <Text className='org-picker__error'>{state.error.message}</Text>
        <Button className='org-picker__retry' size='small' fill='outline' onClick={() => void reload()}>
          重试
        </Button>
      </View>
    )
  }
  const data = state.data
  const under: OrgRef = { id: data.unit.id, name: data.unit.name, level: data.unit.level }
  const rows = data.children.filter((c) => !c.retired && c.id !== skipId)
  return (
    <View className={cls}>
      <Crumbs crumbs={crumbsOf(data, scopeId)} onOpen={onOpen} className='org-crumbs--picker' />
      {rows.length === 0 && !data.nextCursor ? <Text className='org-picker__hint'>{empty}</Text> : null}
      <ChunkedList rows={rows} keyOf={(c) => c.id} className='org-picker__rows'>
        {(c) =>
          c.level !== target ? (
            <View className='org-move-open' onClick={() => onOpen(c.id)}>
              <Text>{c.name}</Text>
              <Text className='org-move-target__open'>打开 ›</Text>
            </View>
          ) : c.id === hereId ? (
            <View className='org-move-target org-move-target--here'>
              <Text>{c.name}</Text>
              <Text className='org-picker__here'>{hereLabel}</Text>
            </View>
          ) : (
            <View className='org-move-target' onClick={() => onPick(c, under)}>
              <Text>{c.name}</Text>
              <Text className='org-move-target__go'>{pickLabel}</Text>
            </View>
          )
        }
      </ChunkedList>
      {data.nextCursor ? (
        <Button
          className='org-picker__more'
          size='small'
          fill='outline'
          disabled={more.busy}
          onClick={() => void loadMore()}
        >
          {more.busy ? '加载中…' : '加载更多'}
        </Button>
      ) : null}
      {more.error ? <Text className='org-picker__error'>{more.error}</Text> : null}
    </View>
  )
}
