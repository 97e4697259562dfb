/**
 * 组织架构 (community and street staff): the tree from their community (or street) down to buildings, with
 * counts and 战时 / 已撤销 tags; create, rename, move and retire units; and the roster: template, export,
 * import (every bad row of a refused file listed).
 */
import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { FIELD_LIMITS } from '../../../core/contract/fields'
import { LEVEL_LABELS, type Level } from '../../../core/units'
import { ErrorState, LoadingState } from '../../components/PageState'
import { RoleTag } from '../../components/RoleTag'
import { useRemote } from '../../hooks/use-remote'
import { type RoleView } from '../../services/grid'
import {
  createUnit,
  getTree,
  moveUnit,
  renameUnit,
  retireUnit,
  type CreatableLevel,
  type TreeNode,
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
      {(scope) => <OrgTree scope={scope} />}
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

interface Row {
  node: TreeNode
  depth: number
  parentId: string | null
}

function flatten(node: TreeNode, depth = 0, parentId: string | null = null, out: Row[] = []): Row[] {
  out.push({ node, depth, parentId })
  for (const c of node.children) flatten(c, depth + 1, node.id, out)
  return out
}

type Mode = 'create' | 'rename' | 'move' | 'retire'
type Message = { text: string; error: boolean } | null

function OrgTree({ scope }: { scope: RoleView }) {
  const { state, reload } = useRemote(() => getTree(scope.unitId))
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))
  const [selected, setSelected] = useState<string | null>(null)
  const [message, setMessage] = useState<Message>(null)

  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  const rows = flatten(state.data)

  const done = async (text: string) => {
    setMessage({ text, error: false })
    setSelected(null)
    await reload()
  }

  return (
    <View>
      <View className='card org-tree'>
        <View className='card__head'>
          <Text className='card__title'>组织架构</Text>
          <RoleTag role={scope.role} />
        </View>
        <Text className='manage-hint'>点选一个单位进行新建、重命名、移动或撤销。</Text>
        {message ? <Text className={message.error ? 'manage-error' : 'manage-message'}>{message.text}</Text> : null}
        {rows.map((r) => (
          <View key={r.node.id}>
            <NodeRow
              row={r}
              active={selected === r.node.id}
              onTap={() => {
                setSelected(selected === r.node.id ? null : r.node.id)
                setMessage(null)
              }}
            />
            {selected === r.node.id && !r.node.retired ? (
              <NodeActions row={r} rows={rows} onDone={(text) => void done(text)} />
            ) : null}
          </View>
        ))}
      </View>
      <RosterCard root={state.data} onImported={() => void reload()} />
    </View>
  )
}

function NodeRow({ row, active, onTap }: { row: Row; active: boolean; onTap: () => void }) {
  const { node, depth } = row
  const cls = [
    'org-node',
    `org-node--${node.level}`,
    node.retired ? 'org-node--retired' : '',
    active ? 'org-node--active' : '',
  ]
  return (
    <View className={cls.filter(Boolean).join(' ')} style={{ paddingLeft: `${depth * 32 + 8}px` }} onClick={onTap}>
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
        {node.households} 户 · {node.residents} 人
      </Text>
    </View>
  )
}

function NodeActions({ row, rows, onDone }: { row: Row; rows: Row[]; onDone: (text: string) => void }) {
  const { node } = row
  const [mode, setMode] = useState<Mode | null>(null)
  const [name, setName] = useState('')
  const [wartime, setWartime] = useState(false)
  const [busy, setBusy] = useState(false)
  // Shown beside the unit: e.g. UNIT_NOT_EMPTY when a retirement is refused.
  const [error, setError] = useState('')
  const childLevel = CHILD_LEVEL[node.level]
  const moveLevel = MOVE_TARGET[node.level]
  const targets = moveLevel
    ? rows.filter((r) => r.node.level === moveLevel && !r.node.retired && r.node.id !== row.parentId)
    : []

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
          {targets.length === 0 ? <Text className='manage-hint'>没有可移动到的{LEVEL_LABELS[moveLevel]}</Text> : null}
          {targets.map((t) => (
            <View
              key={t.node.id}
              className='org-move-target'
              onClick={() =>
                busy
                  ? undefined
                  : void run(async () => {
                      const res = await moveUnit(node.id, t.node.id)
                      return `已移动到 ${t.node.name}（${res.moved} 个单位，${res.people} 人）`
                    })
              }
            >
              <Text>{t.node.name}</Text>
              <Text className='org-move-target__go'>移到这里 ›</Text>
            </View>
          ))}
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
