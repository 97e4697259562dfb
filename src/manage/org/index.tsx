/**
 * 组织架构 (community and street staff): one level of the tree at a time. It opens at their community (or street):
 * the unit with its households and residents and 战时 / 已撤销 tags, and a page of its child units (加载更多 for
 * the next), each with its counts and how many units it has below; tapping one opens it, the path above (面包屑)
 * leads back up. Create, rename, move and retire work from the row of the unit; 移动 picks the new place a level
 * at a time too. Below, the roster: template, export, import (every bad row of a refused file listed).
 * Every screen is one call of org.tree, whatever the size of the street.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { FIELD_LIMITS } from '../../../core/contract/fields'
import { LEVEL_LABELS, LEVELS, type Level } from '../../../core/units'
import { ChunkedList } from '../../components/ChunkedList'
import { ErrorState, LoadingState } from '../../components/PageState'
import { RoleTag } from '../../components/RoleTag'
import type { Remote } from '../../hooks/use-remote'
import { toServiceError } from '../../services/errors'
import { type RoleView } from '../../services/grid'
import {
  createUnit,
  getOrgLevel,
  moveUnit,
  renameUnit,
  retireUnit,
  type CreatableLevel,
  type OrgTreeResult,
  type OrgUnit,
} from '../../services/org'
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

type Ref = { id: string; name: string; level: Level }

/**
 * One level of the tree, as shown: its first page read at once, 加载更多 appending the next. A reload (after an
 * action, a pull-down) reads again as many pages as are shown, so every row shown is fresh.
 */
function useOrgLevel(unitId: string) {
  const [state, setState] = useState<Remote<OrgTreeResult>>({ status: 'loading' })
  const [more, setMore] = useState<{ busy: boolean; error: string }>({ busy: false, error: '' })
  const pages = useRef(1)
  const seq = useRef(0)
  const shown = useRef<OrgTreeResult | null>(null)

  const reload = useCallback(async () => {
    const mine = ++seq.current
    try {
      const first = await getOrgLevel(unitId)
      const children = [...first.children]
      let next = first.nextCursor
      for (let i = 1; i < pages.current && next; i++) {
        const page = await getOrgLevel(unitId, next)
        children.push(...page.children)
        next = page.nextCursor
      }
      if (mine !== seq.current) return
      const { nextCursor: _first, ...rest } = first
      shown.current = { ...rest, children, ...(next ? { nextCursor: next } : {}) }
      setState({ status: 'ok', data: shown.current })
    } catch (e) {
      if (mine === seq.current) setState({ status: 'error', error: toServiceError(e) })
    }
  }, [unitId])

  useEffect(() => {
    void reload()
  }, [reload])

  const loadMore = useCallback(async () => {
    const was = shown.current
    if (!was?.nextCursor) return
    const mine = ++seq.current
    setMore({ busy: true, error: '' })
    try {
      const page = await getOrgLevel(unitId, was.nextCursor)
      if (mine !== seq.current) return
      const ids = new Set(was.children.map((c) => c.id))
      pages.current++
      shown.current = {
        unit: page.unit,
        children: [...was.children, ...page.children.filter((c) => !ids.has(c.id))],
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      }
      setState({ status: 'ok', data: shown.current })
      setMore({ busy: false, error: '' })
    } catch (e) {
      if (mine === seq.current) setMore({ busy: false, error: messageOf(e) })
    }
  }, [unitId])

  return { state, reload, loadMore, more }
}

/** The units from the caller's own unit down to the one open (the ones above theirs are not theirs to open). */
function crumbsOf(data: OrgTreeResult, scopeId: string): Ref[] {
  const chain: Ref[] = [...data.unit.path, data.unit]
  const from = chain.findIndex((u) => u.id === scopeId)
  return chain.slice(Math.max(from, 0))
}

function Crumbs({ crumbs, onOpen, className }: { crumbs: Ref[]; onOpen: (id: string) => void; className: string }) {
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
            <MovePicker
              rootId={row.grandId}
              scopeId={scopeId}
              unit={node}
              parentId={row.parentId}
              target={moveLevel}
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

interface PickerProps {
  /** Where the picker opens: the parent of the unit's parent (its siblings' parents are listed there). */
  rootId: string
  /** The caller's own unit: the picker goes no higher. */
  scopeId: string
  unit: Shown
  parentId: string | null
  target: Level
  onPick: (target: OrgUnit) => void
}

/** 移动's new place, a level at a time like the tree: a page of candidates with 加载更多, other parts opened. */
function MovePicker(props: PickerProps) {
  const [at, setAt] = useState(props.rootId)
  return <PickerLevel key={at} {...props} unitId={at} onOpen={setAt} />
}

function PickerLevel({
  unitId,
  onOpen,
  scopeId,
  unit,
  parentId,
  target,
  onPick,
}: PickerProps & { unitId: string; onOpen: (id: string) => void }) {
  const { state, loadMore, more, reload } = useOrgLevel(unitId)
  if (state.status === 'loading') return <Text className='manage-hint'>加载中…</Text>
  if (state.status === 'error') {
    return (
      <View className='org-picker'>
        <Text className='manage-error'>{state.error.message}</Text>
        <Button size='small' fill='outline' onClick={() => void reload()}>
          重试
        </Button>
      </View>
    )
  }
  const data = state.data
  const rows = data.children.filter((c) => !c.retired && c.id !== unit.id)
  return (
    <View className='org-picker'>
      <Crumbs crumbs={crumbsOf(data, scopeId)} onOpen={onOpen} className='org-crumbs--picker' />
      {rows.length === 0 && !data.nextCursor ? (
        <Text className='manage-hint'>没有可移动到的{LEVEL_LABELS[target]}</Text>
      ) : null}
      {rows.map((c) =>
        c.level !== target ? (
          <View key={c.id} className='org-move-open' onClick={() => onOpen(c.id)}>
            <Text>{c.name}</Text>
            <Text className='org-move-target__open'>打开 ›</Text>
          </View>
        ) : c.id === parentId ? (
          <View key={c.id} className='org-move-target org-move-target--here'>
            <Text>{c.name}</Text>
            <Text className='manage-hint'>现在所在</Text>
          </View>
        ) : (
          <View key={c.id} className='org-move-target' onClick={() => onPick(c)}>
            <Text>{c.name}</Text>
            <Text className='org-move-target__go'>移到这里 ›</Text>
          </View>
        ),
      )}
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
      {more.error ? <Text className='manage-error'>{more.error}</Text> : null}
    </View>
  )
}
