/**
 * 组织架构 (community and street staff): one level of the tree at a time. It opens at their community (or street):
 * the unit with its households and residents and 战时 / 已撤销 tags, and a page of its child units (加载更多 for
 * the next), each with its counts and how many units it has below; tapping one opens it, the path above (面包屑)
 * leads back up. Create, rename, move and retire work from the row of the unit; 移动 picks the new place a level
 * at a time too. Below, the roster: template, export, import (every bad row of a refused file listed).
 * Every screen is one call of org.tree, whatever the size of the street.
 */
import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { FIELD_LIMITS } from '../../../core/contract/fields'
import { LEVEL_LABELS, LEVELS, type Level } from '../../../core/units'
import { ChunkedList } from '../../components/ChunkedList'
import { ErrorState, LoadingState } from '../../components/PageState'
import { RoleTag } from '../../components/RoleTag'
import { Crumbs, crumbsOf, OrgPicker } from '../../components/OrgPicker'
import { useOrgLevel } from '../../hooks/use-org-level'
import { type RoleView } from '../../services/grid'
import { createUnit, moveUnit, renameUnit, retireUnit, type CreatableLevel, type OrgUnit } from '../../services/org'
import { RosterCard } from '../components/RosterCard'
import { messageOf } from '../format'
import { scopeFor } from '../scope'
import { Button, Input, Switch, Tag } from '../ui'
import { LeaderGate } from '../components/LeaderGate'
import '../manage.css'
import './index.css'

export default function OrgPage() {
  return (
    <LeaderGate className='app-page org' what='组织架构管理' scopeOf={(roles) => scopeFor(roles, 'org.createUnit')}>
      {(scope) => <OrgBrowser scope={scope} />}
    </LeaderGate>
  )
}

/** What staff may create under each level (streets and households come from setup and rosters). */
const CHILD_LEVEL: Partial<Record<Level, CreatableLevel>> = {
  street: 'community',
  community: 'grid',
  grid: 'microgrid',
}
const CREATE_LABEL: Record<CreatableLevel, string> = { community: '新建社区', grid: '新建网格', microgrid: '新建楼栋' }
/** Only grids (to another community) and micro-grids (to another grid) move. */
const MOVE_TARGET: Partial<Record<Level, Level>> = { grid: 'community', microgrid: 'grid' }

/** What the level below is called (网格 under a community); null under a building (households are not listed). */
function belowLabel(level: Level): string | null {
  const below = LEVELS[LEVELS.indexOf(level) + 1]
  return below && below !== 'household' ? LEVEL_LABELS[below] : null
}

/** 下设 4 个网格: how many units a unit has below it. */
function childrenLabel(u: Shown): string | null {
  const below = belowLabel(u.level)
  return below && u.children !== undefined ? `下设 ${u.children} 个${below}` : null
}

/** A unit on the screen: the one open has no count of its children (they are its pages). */
type Shown = Omit<OrgUnit, 'children'> & { children?: number }

function OrgBrowser({ scope }: { scope: RoleView }) {
  const [at, setAt] = useState(scope.unitId)
  return <OrgLevel key={at} scope={scope} unitId={at} onOpen={setAt} />
}

/** Where a unit shown on the screen sits: its parent (null for the caller's own unit) and the parent's parent
 * when the caller may open it (where 移动 looks for the new place). */
interface Row {
  node: Shown
  parentId: string | null
  grandId: string | null
}

type Mode = 'create' | 'rename' | 'move' | 'retire'
type Message = { text: string; error: boolean } | null

function OrgLevel({ scope, unitId, onOpen }: { scope: RoleView; unitId: string; onOpen: (id: string) => void }) {
  const { state, reload, loadMore, more } = useOrgLevel(unitId)
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))
  const [selected, setSelected] = useState<string | null>(null)
  const [message, setMessage] = useState<Message>(null)

  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  const data = state.data
  const crumbs = crumbsOf(data, scope.unitId)
  // crumbs[0] is the caller's unit: the open unit's parent and grandparent are theirs when on the crumbs
  const up = (n: number): string | null => crumbs[crumbs.length - 1 - n]?.id ?? null
  const head: Row = { node: data.unit, parentId: up(1), grandId: up(2) }
  const rows: Row[] = data.children.map((c) => ({ node: c, parentId: data.unit.id, grandId: up(1) }))
  const community = crumbs.find((c) => c.level === 'community')
  const communities = community
    ? [community]
    : data.unit.level === 'street'
      ? data.children.filter((c) => c.level === 'community' && !c.retired)
      : []

  const done = async (text: string) => {
    setMessage({ text, error: false })
    setSelected(null)
    await reload()
  }
  const toggle = (id: string) => {
    setSelected(selected === id ? null : id)
    setMessage(null)
  }
  const actions = (r: Row) =>
    selected === r.node.id && !r.node.retired ? (
      <NodeActions row={r} scopeId={scope.unitId} onDone={(text) => void done(text)} />
    ) : null
  const below = belowLabel(data.unit.level)

  return (
    <View>
      <View className='card org-tree'>
        <View className='card__head'>
          <Text className='card__title'>组织架构</Text>
          <RoleTag role={scope.role} />
        </View>
        <Crumbs crumbs={crumbs} onOpen={onOpen} className='org-crumbs--tree' />
        <Text className='manage-hint'>点选单位名称进入下一级；点“操作”新建、重命名、移动或撤销。</Text>
        {message ? <Text className={message.error ? 'manage-error' : 'manage-message'}>{message.text}</Text> : null}
        <NodeRow
          row={head}
          current
          active={selected === head.node.id}
          onTap={() => toggle(head.node.id)}
          onAct={() => toggle(head.node.id)}
        />
        {actions(head)}
        {below ? (
          <Text className='org-children__title'>
            {data.nextCursor
              ? `下设${below}，已列出 ${data.children.length} 个`
              : data.children.length
                ? `下设 ${data.children.length} 个${below}`
                : `还没有${below}`}
          </Text>
        ) : null}
        <ChunkedList rows={rows} keyOf={(r) => r.node.id} className='org-children'>
          {(r) => (
            <View>
              <NodeRow
                row={r}
                active={selected === r.node.id}
                onTap={() => (r.node.level === 'microgrid' ? toggle(r.node.id) : onOpen(r.node.id))}
                onAct={() => toggle(r.node.id)}
              />
              {actions(r)}
            </View>
          )}
        </ChunkedList>
        {data.nextCursor ? (
          <Button
            className='org-more'
            size='small'
            fill='outline'
            block
            disabled={more.busy}
            onClick={() => void loadMore()}
          >
            {more.busy ? '加载中…' : '加载更多'}
          </Button>
        ) : null}
        {more.error ? <Text className='manage-error'>{more.error}</Text> : null}
      </View>
      {communities.length ? <RosterCard communities={communities} onImported={() => void reload()} /> : null}
    </View>
  )
}

function NodeRow({
  row,
  active,
  current = false,
  onTap,
  onAct,
}: {
  row: Row
  active: boolean
  current?: boolean
  onTap: () => void
  onAct?: () => void
}) {
  const { node } = row
  const cls = [
    'org-node',
    `org-node--${node.level}`,
    current ? 'org-node--current' : '',
    node.retired ? 'org-node--retired' : '',
    active ? 'org-node--active' : '',
  ]
  const below = childrenLabel(node)
  return (
    <View className={cls.filter(Boolean).join(' ')} onClick={onTap}>
      <View className='org-node__main'>
        <View className='org-node__title'>
          <Text className='org-node__name'>{node.name}</Text>
          <Text className='org-node__level'>{LEVEL_LABELS[node.level]}</Text>
          {node.wartime ? (
            <Tag className='org-node__tag org-node__tag--wartime' background='#fff4e5' color='#b45309'>
              战时
            </Tag>
          ) : null}
          {node.retired ? (
            <Tag className='org-node__tag org-node__tag--retired' background='#f2f3f5' color='#6b7280'>
              已撤销
            </Tag>
          ) : null}
        </View>
        <Text className='org-node__counts'>
          {node.households} 户 · {node.residents} 人{below ? ` · ${below}` : ''}
        </Text>
      </View>
      {onAct && !node.retired ? (
        <View
          className='org-node__act'
          onClick={(e) => {
            e.stopPropagation()
            onAct()
          }}
        >
          <Text>操作</Text>
        </View>
      ) : null}
      {!current && node.level !== 'microgrid' ? <Text className='org-node__open'>›</Text> : null}
    </View>
  )
}

function NodeActions({ row, scopeId, onDone }: { row: Row; scopeId: string; onDone: (text: string) => void }) {
  const { node } = row
  const [mode, setMode] = useState<Mode | null>(null)
  const [name, setName] = useState('')
  const [wartime, setWartime] = useState(false)
  const [busy, setBusy] = useState(false)
  // Shown beside the unit: e.g. UNIT_NOT_EMPTY when a retirement is refused.
  const [error, setError] = useState('')
  const childLevel = CHILD_LEVEL[node.level]
  const moveLevel = MOVE_TARGET[node.level]

  const run = async (work: () => Promise<string>) => {
    setBusy(true)
    setError('')
    try {
      onDone(await work())
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  const open = (m: Mode) => {
    setMode(mode === m ? null : m)
    setName(m === 'rename' ? node.name : '')
    setWartime(false)
    setError('')
  }

  return (
    <View className='org-actions'>
      <View className='manage-row-actions'>
        {childLevel ? (
          <Button className='org-action org-action--create' size='small' type='primary' onClick={() => open('create')}>
            {CREATE_LABEL[childLevel]}
          </Button>
        ) : null}
        <Button className='org-action org-action--rename' size='small' fill='outline' onClick={() => open('rename')}>
          重命名
        </Button>
        {moveLevel ? (
          <Button className='org-action org-action--move' size='small' fill='outline' onClick={() => open('move')}>
            移动
          </Button>
        ) : null}
        {row.parentId ? (
          <Button className='org-action org-action--retire' size='small' fill='outline' onClick={() => open('retire')}>
            撤销
          </Button>
        ) : null}
      </View>

      {error ? <Text className='manage-error org-actions__error'>{error}</Text> : null}

      {mode === 'create' && childLevel ? (
        <View className='manage-form org-form'>
          <Text className='manage-form__label'>
            在“{node.name}”下{CREATE_LABEL[childLevel]}
          </Text>
          <Input
            className='org-form__name'
            placeholder={childLevel === 'microgrid' ? '楼栋名称，如 7号楼' : '名称'}
            maxLength={FIELD_LIMITS.name}
            value={name}
            onChange={(v: string) => setName(v)}
          />
          {childLevel === 'microgrid' ? (
            <View className='manage-form__row'>
              <Text>战时网格（临时划设）</Text>
              <Switch className='org-form__wartime' checked={wartime} onChange={(v: boolean) => setWartime(v)} />
            </View>
          ) : null}
          <Button
            className='org-form__submit'
            type='primary'
            block
            disabled={busy || !name.trim()}
            onClick={() =>
              void run(async () => {
                const u = await createUnit(node.id, name.trim(), childLevel, wartime)
                return `已新建 ${u.name}`
              })
            }
          >
            确定
          </Button>
        </View>
      ) : null}

      {mode === 'rename' ? (
        <View className='manage-form org-form'>
          <Text className='manage-form__label'>新名称</Text>
          <Input
            className='org-form__name'
            maxLength={FIELD_LIMITS.name}
            value={name}
            onChange={(v: string) => setName(v)}
          />
          <Button
            className='org-form__submit'
            type='primary'
            block
            disabled={busy || !name.trim() || name.trim() === node.name}
            onClick={() =>
              void run(async () => {
                const u = await renameUnit(node.id, name.trim())
                return `已改名为 ${u.name}`
              })
            }
          >
            确定
          </Button>
        </View>
      ) : null}

      {mode === 'move' && moveLevel ? (
        <View className='manage-form org-form'>
          <Text className='manage-form__label'>
            把“{node.name}”连同其下的住户移动到哪个{LEVEL_LABELS[moveLevel]}？
          </Text>
          {row.grandId ? (
            <OrgPicker
              rootId={row.grandId}
              scopeId={scopeId}
              target={moveLevel}
              skipId={node.id}
              hereId={row.parentId}
              hereLabel='现在所在'
              pickLabel='移到这里 ›'
              empty={`没有可移动到的${LEVEL_LABELS[moveLevel]}`}
              onPick={(t) =>
                busy
                  ? undefined
                  : void run(async () => {
                      const res = await moveUnit(node.id, t.id)
                      return `已移动到 ${t.name}（${res.moved} 个单位，${res.people} 人）`
                    })
              }
            />
          ) : (
            <Text className='manage-hint'>没有可移动到的{LEVEL_LABELS[moveLevel]}</Text>
          )}
        </View>
      ) : null}

      {mode === 'retire' ? (
        <View className='manage-form org-form'>
          <Text className='manage-form__label'>
            撤销后“{node.name}”保留在历史中，不再使用。下面还有在用的单位或住户时不能撤销。
          </Text>
          <Button
            className='org-form__retire'
            type='danger'
            block
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const u = await retireUnit(node.id)
                return `已撤销 ${u.name}`
              })
            }
          >
            确认撤销
          </Button>
        </View>
      ) : null}
    </View>
  )
}
