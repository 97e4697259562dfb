/**
 * 战时网格 (?grid=<gridId>): a grid's 战时网格 for the emergency in force over it — each with its leader, buildings and
 * households — and, for its grid chief or the staff over it, 划分: a name, how it is drawn (按楼栋 / 按巷道 / 按院落), the
 * grid's buildings not yet in one, and a temporary leader from the reserve force (a page at a time). The ones retired
 * stay listed below for the record. Party leaders read. Staff pick the grid a level at a time (OrgPicker: their
 * street's communities, a community's grids, a page of each with 加载更多), one call a step whatever the street's size.
 */
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Picker, Text, View } from '@tarojs/components'
import { ChunkedList } from '../../../components/ChunkedList'
import { OrgPicker, type OrgRef } from '../../../components/OrgPicker'
import { ErrorState, LoadingState } from '../../../components/PageState'
import { useRemotePage } from '../../../hooks/use-page-reload'
import { pageUrl } from '../../../routes'
import {
  createMicroGrid,
  EMERGENCY_LIMITS,
  getMicroGridCandidates,
  getMicroGrids,
  MICROGRID_KIND_LABELS,
  MICROGRID_KINDS,
  newEmergencyTap,
  RESERVE_KIND_LABELS,
  type MicroGridCandidate,
  type MicroGridKind,
  type MicroGridView,
} from '../../../services/emergency'
import type { MeResult, RoleView } from '../../../services/grid'
import { Button } from '../../../ui/nutui'
import { Chips, Gate, PagedFoot, useAction, usePaged } from '../../common'
import '../microgrid.css'

const GRID_ROLES = ['gridChief', 'partyLeader']
const STAFF = ['communityStaff', 'streetStaff']
const mayOpen = (me: MeResult) => me.roles.some((r) => GRID_ROLES.includes(r.role) || STAFF.includes(r.role))

interface GridChoice {
  id: string
  name: string
}

export default function MicroGridsPage() {
  return (
    <Gate className='app-page microgrids-page' what='战时网格' allow={mayOpen}>
      {(me) => <Grids me={me} />}
    </Gate>
  )
}

function Grids({ me }: { me: MeResult }) {
  const asked = useRouter().params.grid
  const own = me.roles
    .filter((r) => GRID_ROLES.includes(r.role) && r.level === 'grid')
    .map((r) => ({ id: r.unitId, name: r.unitName }))
  const staff = me.roles.find((r) => STAFF.includes(r.role))
  if (staff) return <StaffGrids scope={staff} own={own} asked={asked} />
  if (!own.length) return <Text className='em-muted'>你负责的范围里还没有网格</Text>
  return <OwnGrids grids={own} asked={asked} />
}

/** A grid chief's (or party leader's) own grids: the first, or the one asked for; a picker when they lead several. */
function OwnGrids({ grids, asked }: { grids: GridChoice[]; asked?: string }) {
  const [at, setAt] = useState<string | null>(asked ?? null)
  const gridId = at && grids.some((g) => g.id === at) ? at : grids[0].id
  const index = grids.findIndex((g) => g.id === gridId)
  return (
    <View>
      {grids.length > 1 ? (
        <View className='card'>
          <Text className='em-label'>网格</Text>
          <Picker
            mode='selector'
            range={grids.map((g) => g.name)}
            value={index}
            onChange={(e) => setAt(grids[Number(e.detail.value)].id)}
          >
            <View className='em-picker microgrids-grid-picker'>{grids[index].name} ›</View>
          </Picker>
        </View>
      ) : null}
      <Grid key={gridId} gridId={gridId} />
    </View>
  )
}

/** A grid picked by staff, with the community it was listed under (where 换一个网格 opens again). */
interface Picked extends GridChoice {
  under: OrgRef | null
}

/**
 * Community or street staff pick the grid a level at a time (one org.tree call a step, 加载更多 for long lists):
 * their community's grids, or their street's communities and then one community's grids. The grid asked for (or
 * the one they lead themselves) is open at first, the picker folded to its name.
 */
function StaffGrids({ scope, own, asked }: { scope: RoleView; own: GridChoice[]; asked?: string }) {
  const first: Picked | null = asked
    ? { id: asked, name: own.find((g) => g.id === asked)?.name ?? '', under: null }
    : own[0]
      ? { ...own[0], under: null }
      : null
  const [picked, setPicked] = useState<Picked | null>(first)
  const [picking, setPicking] = useState(!first)
  return (
    <View>
      <View className='card microgrids-where'>
        <Text className='em-label'>网格</Text>
        {picking ? (
          // keyed apart: on h5 a tap's click would otherwise reach the folded row that takes this element's place
          <View key='picking'>
            {picked ? null : <Text className='em-muted microgrids-pick-hint'>选一个网格，查看和划分它的战时网格</Text>}
            <OrgPicker
              className='microgrids-picker'
              rootId={picked?.under?.id ?? scope.unitId}
              scopeId={scope.unitId}
              target='grid'
              hereId={picked?.id}
              hereLabel='正在查看'
              pickLabel='查看 ›'
              empty='这里还没有网格'
              onPick={(g, under) => {
                setPicked({ id: g.id, name: g.name, under })
                setPicking(false)
              }}
            />
            {picked ? (
              <View className='microgrids-picker-fold' onClick={() => setPicking(false)}>
                <Text>收起</Text>
              </View>
            ) : null}
          </View>
        ) : (
          <View key='folded' className='em-picker microgrids-grid-picker' onClick={() => setPicking(true)}>
            <Text className='microgrids-grid-picker__name'>
              {picked?.name
                ? `${picked.name}${picked.under && picked.under.id !== scope.unitId ? `（${picked.under.name}）` : ''}`
                : ''}
            </Text>
            <Text className='microgrids-grid-picker__change'>{picked?.name ? '换一个 ›' : '换一个网格 ›'}</Text>
          </View>
        )}
      </View>
      {picked ? <Grid key={picked.id} gridId={picked.id} /> : null}
    </View>
  )
}

function Grid({ gridId }: { gridId: string }) {
  const { state, reload } = useRemotePage(() => getMicroGrids(gridId))
  if (state.status === 'loading') return <LoadingState />
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void reload()} />
  const g = state.data
  const free = g.buildings.filter((b) => b.microGridId === null)
  return (
    <View>
      <View className='card'>
        <Text className='em-row__title'>{g.grid.name}</Text>
        <Text className='em-row__meta'>
          {g.emergency
            ? `${g.emergency.name}期间 · ${g.rows.length} 个战时网格 · ${free.length} 栋未划分`
            : '现在没有进行中的应急状态，不能划分战时网格'}
        </Text>
        {g.rows.length ? (
          g.rows.map((w) => <Row key={w.id} w={w} />)
        ) : (
          <Text className='em-muted'>还没有划分战时网格</Text>
        )}
      </View>
      {g.mayManage && g.emergency ? (
        free.length ? (
          <Split gridId={gridId} free={free} onMade={() => void reload()} />
        ) : (
          <View className='card'>
            <Text className='em-muted'>这个网格的楼栋都已划入战时网格</Text>
          </View>
        )
      ) : null}
      {g.retired.length ? (
        <View className='card microgrids-retired'>
          <Text className='em-row__title'>已撤销</Text>
          {g.retired.map((w) => (
            <Row key={w.id} w={w} />
          ))}
        </View>
      ) : null}
    </View>
  )
}

function Row({ w }: { w: MicroGridView }) {
  return (
    <View
      className='em-row microgrid-row'
      onClick={() => void Taro.navigateTo({ url: pageUrl('microGrid', { id: w.id }) })}
    >
      <Text className='em-row__title'>
        {w.name} · {MICROGRID_KIND_LABELS[w.kind]}
      </Text>
      <Text className='em-row__meta'>
        负责人 {w.leader.name}
        {w.leader.kind ? `（${RESERVE_KIND_LABELS[w.leader.kind]}）` : ''} · {w.households} 户
      </Text>
      <Text className='em-row__meta'>{w.buildings.map((b) => b.name).join('、')}</Text>
      {w.retiredAt ? <Text className='em-row__meta'>{w.emergencyName} · 已撤销</Text> : null}
    </View>
  )
}

function Split({
  gridId,
  free,
  onMade,
}: {
  gridId: string
  free: { id: string; name: string; households: number }[]
  onMade: () => void
}) {
  const [name, setName] = useState('')
  const [kind, setKind] = useState<MicroGridKind[]>(['building'])
  const [buildings, setBuildings] = useState<string[]>([])
  const [leader, setLeader] = useState<string | null>(null)
  const [tap, setTap] = useState(newEmergencyTap)
  const candidates = usePaged((cursor) => getMicroGridCandidates(gridId, cursor))
  const { busy, error, run } = useAction()
  const ready = name.trim() && kind.length === 1 && buildings.length > 0 && leader
  const labels = Object.fromEntries(free.map((b) => [b.id, `${b.name}（${b.households} 户）`]))
  const submit = () =>
    run(
      () =>
        createMicroGrid({
          gridId,
          tapId: tap,
          name: name.trim(),
          kind: kind[0],
          buildingIds: buildings,
          leaderId: leader as string,
        }),
      () => {
        void Taro.showToast({ title: '已划分', icon: 'success' })
        setTap(newEmergencyTap())
        setName('')
        setBuildings([])
        setLeader(null)
        onMade()
      },
    )
  return (
    <View className='card microgrid-split'>
      <Text className='em-row__title'>划分战时网格</Text>
      <Text className='em-label'>名称</Text>
      <Input
        className='em-input microgrid-name'
        placeholder='如：东巷、3号院、1-3号楼'
        maxlength={EMERGENCY_LIMITS.microGridName}
        value={name}
        onInput={(e) => setName(e.detail.value)}
      />
      <Text className='em-label'>划分方式</Text>
      <Chips options={MICROGRID_KINDS} labels={MICROGRID_KIND_LABELS} value={kind} onChange={setKind} single />
      <Text className='em-label'>包含的楼栋</Text>
      <View className='microgrid-buildings'>
        <Chips options={free.map((b) => b.id)} labels={labels} value={buildings} onChange={setBuildings} />
      </View>
      <Text className='em-label'>临时负责人（从应急力量中选）</Text>
      <View className='microgrid-leaders'>
        <ChunkedList rows={candidates.rows} keyOf={(c: MicroGridCandidate) => c.personId}>
          {(c: MicroGridCandidate) => (
            <View
              className={
                leader === c.personId ? 'em-row microgrid-leader microgrid-leader--on' : 'em-row microgrid-leader'
              }
              onClick={() => setLeader(leader === c.personId ? null : c.personId)}
            >
              <Text className='em-row__title'>
                {leader === c.personId ? '✓ ' : ''}
                {c.name}
              </Text>
              <Text className='em-row__meta'>
                {RESERVE_KIND_LABELS[c.kind]}
                {c.placeName ? ` · ${c.placeName}` : ''}
              </Text>
            </View>
          )}
        </ChunkedList>
        <PagedFoot list={candidates} empty='本次应急范围内还没有登记的下沉干部、党员或志愿者' />
      </View>
      {error ? <Text className='em-error'>{error}</Text> : null}
      <View className='em-actions'>
        <Button
          className='microgrid-submit'
          type='primary'
          loading={busy}
          disabled={!ready}
          onClick={() => void submit()}
        >
          划分
        </Button>
      </View>
    </View>
  )
}
