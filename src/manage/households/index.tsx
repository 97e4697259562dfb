/**
 * 网格管理 (building heads, party group leaders, grid chiefs, community staff): the households of the unit
 * they lead with filters and members' phones in full (HouseholdList), claims waiting to be confirmed
 * (ClaimsCard), invite cards for residents (InviteCard), and (grid chiefs) the binding card and bound group
 * chats of the grid (GroupsCard); community staff first pick one of their grids (UnitPicker).
 */
import { useCallback, useRef, useState } from 'react'
import { useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { roleMay } from '../../../core/permissions'
import { RoleTag } from '../../components/RoleTag'
import { pageUrl } from '../../routes'
import type { RoleView, UnitRef } from '../../services/grid'
import type { InviteView } from '../../services/join'
import { cardPath } from '../links'
import { scopeFor } from '../scope'
import { LeaderGate } from '../components/LeaderGate'
import { ClaimsCard } from './ClaimsCard'
import { GroupsCard } from './GroupsCard'
import { HouseholdList } from './HouseholdList'
import { InviteCard } from './InviteCard'
import { isGridLevel, UnitPicker } from './UnitPicker'
import '../manage.css'
import './index.css'

type Cards = Partial<Record<InviteView['kind'], InviteView>>

export default function HouseholdsPage() {
  // The share buttons of the invite and binding cards share through the page: it answers with the card's path.
  const cards = useRef<Cards>({})
  useShareAppMessage((res) => {
    const kind = (res.target as { dataset?: { kind?: string } } | undefined)?.dataset?.kind
    const card = kind === 'bindGroup' ? cards.current.bindGroup : cards.current.join
    if (!card) return { title: '网格通', path: pageUrl('home') }
    const title = card.kind === 'bindGroup' ? `绑定网格群：${card.unit.name}` : `邀请你加入${card.unit.name}`
    return { title, path: cardPath(card) }
  })
  const onCard = useCallback((card: InviteView) => {
    cards.current[card.kind] = card
  }, [])
  return (
    <LeaderGate className='app-page manage' what='网格管理' scopeOf={(roles) => scopeFor(roles, 'join.createInvite')}>
      {(scope) => <ScopeView scope={scope} onCard={onCard} />}
    </LeaderGate>
  )
}

/** A grid chief's grid or a building head's building; community staff first pick one of their grids. */
function ScopeView({ scope, onCard }: { scope: RoleView; onCard: (card: InviteView) => void }) {
  const own: UnitRef = { id: scope.unitId, name: scope.unitName, level: scope.level }
  const [unit, setUnit] = useState<UnitRef | null>(isGridLevel(scope.level) ? own : null)
  const [claimsDecided, setClaimsDecided] = useState(0)
  return (
    <View>
      <View className='card manage-scope'>
        <View className='card__head'>
          <Text className='card__title'>{unit?.name ?? scope.unitName}</Text>
          <RoleTag role={scope.role} />
        </View>
        {isGridLevel(scope.level) ? null : <UnitPicker parentId={scope.unitId} value={unit} onChange={setUnit} />}
      </View>
      {unit ? (
        <View key={unit.id}>
          {roleMay('join.pendingClaims', scope.role) ? (
            <ClaimsCard unit={unit} onDecided={() => setClaimsDecided((n) => n + 1)} />
          ) : null}
          <InviteCard unit={unit} onCard={onCard} />
          {unit.level === 'grid' && roleMay('join.createBindCard', scope.role) ? (
            <GroupsCard grid={unit} onCard={onCard} />
          ) : null}
          <HouseholdList unit={unit} refresh={claimsDecided} />
        </View>
      ) : null}
    </View>
  )
}
