/**
 * 网格管理 (building heads, party group leaders, grid chiefs, community staff): the households of the unit
 * they lead with filters and members' phones in full, claims waiting to be confirmed, invite cards for
 * residents, and (grid chiefs) the binding card and bound group chats of the grid.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { CARE_FLAG_LABELS } from '../../../core/model'
import type { HouseholdFilter } from '../../../core/contract'
import { RoleTag } from '../../components/RoleTag'
import { useRemote } from '../../hooks/use-remote'
import {
  getHouseholds,
  getOverview,
  type HouseholdRow,
  type MemberView,
  type RoleView,
  type UnitRef,
} from '../../services/grid'
import {
  createBindCard,
  createInvite,
  decideClaim,
  getGridGroups,
  getPendingClaims,
  unbindGroup,
  type ClaimView,
  type InviteView,
} from '../../services/join'
import { roleMay } from '../../../core/permissions'
import { pageUrl, posterUrl } from '../../routes'
import { formatTime, messageOf } from '../format'
import { cardLink, cardPath } from '../links'
import { scopeFor } from '../scope'
import { Button, Input, Tag } from '../ui'
import { LeaderGate } from '../components/LeaderGate'
import { usePaged } from '../use-paged'
import { PagedList } from '../components/PagedList'
import { InlineError } from '../components/InlineError'
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

const isGridLevel = (level: UnitRef['level']): boolean => level === 'grid' || level === 'microgrid'

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

/** The grids under a community (from its overview), as chips; the first is chosen when none is. */
function UnitPicker({
  parentId,
  value,
  onChange,
}: {
  parentId: string
  value: UnitRef | null
  onChange: (u: UnitRef) => void
}) {
  const { state, reload } = useRemote(() => getOverview(parentId))
  const first = state.status === 'ok' ? state.data.children[0] : undefined
  useEffect(() => {
    if (!value && first) onChange({ id: first.id, name: first.name, level: first.level })
  }, [value, first, onChange])
  const children = state.status === 'ok' ? state.data.children : []
  if (state.status === 'loading') return <Text className='manage-hint'>加载网格…</Text>
  if (state.status === 'error') return <InlineError message={state.error.message} onRetry={() => void reload()} />
  return (
    <View className='unit-chips'>
      {children.map((c) => (
        <View
          key={c.id}
          className={`unit-chip${value?.id === c.id ? ' unit-chip--active' : ''}`}
          onClick={() => onChange({ id: c.id, name: c.name, level: c.level })}
        >
          <Text>{c.name}</Text>
        </View>
      ))}
    </View>
  )
}

/* ---------- 待确认入户 ---------- */

function ClaimsCard({ unit, onDecided }: { unit: UnitRef; onDecided: () => void }) {
  const { state, reload } = useRemote(() => getPendingClaims(unit.id))
  const [rejecting, setRejecting] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)

  const decide = async (claim: ClaimView, approve: boolean) => {
    const why = reason.trim()
    if (!approve && !why) {
      setMessage({ text: '拒绝时请填写原因，申请人会看到它', error: true })
      return
    }
    setBusy(true)
    try {
      await decideClaim(claim.id, approve, approve ? undefined : why)
      setMessage({
        text: approve ? `已同意 ${claim.name} 入户 ${claim.door}` : `已拒绝 ${claim.name} 的申请`,
        error: false,
      })
      setRejecting(null)
      setReason('')
      await reload()
      onDecided()
    } catch (e) {
      setMessage({ text: messageOf(e), error: true })
    } finally {
      setBusy(false)
    }
  }

  const claims = state.status === 'ok' ? state.data : []
  return (
    <View className='card claims'>
      <View className='card__head'>
        <Text className='card__title'>待确认入户</Text>
        <Text className='card__hint'>{state.status === 'ok' ? `${claims.length} 条` : ''}</Text>
      </View>
      {message ? <Text className={message.error ? 'manage-error' : 'manage-message'}>{message.text}</Text> : null}
      {state.status === 'loading' ? <Text className='manage-hint'>加载中…</Text> : null}
      {state.status === 'error' ? <Text className='manage-error'>{state.error.message}</Text> : null}
      {state.status === 'ok' && claims.length === 0 ? <Text className='manage-hint'>没有待确认的申请</Text> : null}
      {claims.map((c) => (
        <View className='pending-claim' key={c.id}>
          <View className='pending-claim__body'>
            <View className='pending-claim__title'>
              <Text className='pending-claim__name'>{c.name}</Text>
              <Text className='pending-claim__door'>{c.door}</Text>
            </View>
            <Text className='pending-claim__phone'>{c.phone}</Text>
            <Text className='pending-claim__time'>申请于 {formatTime(c.createdAt)}</Text>
          </View>
          {rejecting === c.id ? (
            <View className='pending-claim__reject-form'>
              <Input
                className='pending-claim__reason'
                placeholder='拒绝原因（申请人会看到），如：房号不符'
                maxLength={100}
                value={reason}
                onChange={(v: string) => setReason(v)}
              />
              <View className='pending-claim__actions'>
                <Button size='small' fill='outline' onClick={() => setRejecting(null)}>
                  取消
                </Button>
                <Button
                  className='pending-claim__confirm-reject'
                  size='small'
                  type='danger'
                  disabled={busy}
                  onClick={() => void decide(c, false)}
                >
                  确认拒绝
                </Button>
              </View>
            </View>
          ) : (
            <View className='pending-claim__actions'>
              <Button
                className='pending-claim__reject'
                size='small'
                fill='outline'
                disabled={busy}
                onClick={() => {
                  setRejecting(c.id)
                  setReason('')
                  setMessage(null)
                }}
              >
                拒绝
              </Button>
              <Button
                className='pending-claim__approve'
                size='small'
                type='primary'
                disabled={busy}
                onClick={() => void decide(c, true)}
              >
                同意
              </Button>
            </View>
          )}
        </View>
      ))}
    </View>
  )
}

/* ---------- 邀请居民 / 绑定网格群 ---------- */

function useCardMaker(make: () => Promise<InviteView>, onCard: (card: InviteView) => void) {
  const [card, setCard] = useState<InviteView | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const create = async () => {
    setBusy(true)
    setError('')
    try {
      const c = await make()
      onCard(c)
      setCard(c)
      // A binding card must come back with the group's share ticket, or the group cannot be told apart.
      if (c.kind === 'bindGroup' && process.env.TARO_ENV === 'weapp') {
        void Taro.showShareMenu({ withShareTicket: true }).catch(() => undefined)
      }
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  return { card, busy, error, create }
}

function CardLink({ card, prefix, shareText }: { card: InviteView; prefix: string; shareText: string }) {
  const link = cardLink(card)
  return (
    <View className={`${prefix} share-card`}>
      <Text className='share-card__title'>
        {card.kind === 'bindGroup' ? `绑定卡片 · ${card.unit.name}` : `加入邀请 · ${card.unit.name}`}
      </Text>
      <Text className={`${prefix}__link share-card__link`} selectable>
        {link}
      </Text>
      <Text className='share-card__expires'>有效期至 {formatTime(card.expiresAt)}</Text>
      <View className='share-card__actions'>
        <Button
          className={`${prefix}__copy`}
          size='small'
          fill='outline'
          type='primary'
          onClick={() => void Taro.setClipboardData({ data: link }).catch(() => undefined)}
        >
          复制链接
        </Button>
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className={`${prefix}__share`} size='small' type='primary' openType='share' data-kind={card.kind}>
            {shareText}
          </Button>
        ) : null}
      </View>
    </View>
  )
}

function InviteCard({ unit, onCard }: { unit: UnitRef; onCard: (card: InviteView) => void }) {
  const { card, busy, error, create } = useCardMaker(() => createInvite(unit.id), onCard)
  return (
    <View className='card invite'>
      <View className='card__head'>
        <Text className='card__title'>邀请居民</Text>
        <Text className='card__hint'>居民打开邀请即可申请入户</Text>
      </View>
      <Button className='invite-create' type='primary' block disabled={busy} onClick={() => void create()}>
        {card ? '重新生成邀请' : '生成邀请'}
      </Button>
      {error ? <Text className='manage-error'>{error}</Text> : null}
      {card ? <CardLink card={card} prefix='invite-card' shareText='分享给居民' /> : null}
      {card && process.env.TARO_ENV === 'h5' ? (
        <Text className='manage-hint'>复制链接发给居民，在浏览器中打开即进入“加入网格”。</Text>
      ) : null}
      <Button
        className='invite-poster'
        type='primary'
        fill='outline'
        block
        onClick={() => void Taro.navigateTo({ url: posterUrl(unit.id) })}
      >
        入格海报（打印张贴，扫码加入）
      </Button>
    </View>
  )
}

function GroupsCard({ grid, onCard }: { grid: UnitRef; onCard: (card: InviteView) => void }) {
  const { card, busy, error, create } = useCardMaker(() => createBindCard(grid.id), onCard)
  const groups = useRemote(() => getGridGroups(grid.id))
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)

  const unbind = async (groupId: string) => {
    try {
      await unbindGroup(groupId)
      setMessage({ text: '已解绑', error: false })
      await groups.reload()
    } catch (e) {
      setMessage({ text: messageOf(e), error: true })
    }
  }

  return (
    <View className='card groups'>
      <View className='card__head'>
        <Text className='card__title'>绑定网格群</Text>
        <Text className='card__hint'>在群里打开绑定卡片即完成绑定</Text>
      </View>
      <Button className='bind-create' type='primary' fill='outline' block disabled={busy} onClick={() => void create()}>
        {card ? '重新生成绑定卡片' : '生成绑定卡片'}
      </Button>
      {error ? <Text className='manage-error'>{error}</Text> : null}
      {card ? <CardLink card={card} prefix='bind-card' shareText='分享到网格群' /> : null}
      {card && process.env.TARO_ENV === 'weapp' ? (
        <Text className='manage-hint'>请分享到本网格的微信群，群里第一次打开卡片时绑定该群。</Text>
      ) : null}
      {card && process.env.TARO_ENV === 'h5' ? (
        <Text className='manage-hint bind-card__howto'>
          浏览器里没有微信群：在“本地演示”页的“从微信群打开（模拟）”里选一个群，再打开这个链接，
          就如同在该群里点开了绑定卡片，该群随即绑定到本网格。
        </Text>
      ) : null}

      <View className='groups__list'>
        <View className='groups__head'>
          <Text className='groups__title'>已绑定的群</Text>
          <Text className='groups__refresh' onClick={() => void groups.reload()}>
            刷新
          </Text>
        </View>
        {message ? <Text className={message.error ? 'manage-error' : 'manage-message'}>{message.text}</Text> : null}
        {groups.state.status === 'loading' ? <Text className='manage-hint'>加载中…</Text> : null}
        {groups.state.status === 'error' ? <Text className='manage-error'>{groups.state.error.message}</Text> : null}
        {groups.state.status === 'ok' && groups.state.data.length === 0 ? (
          <Text className='manage-hint'>还没有绑定的群</Text>
        ) : null}
        {groups.state.status === 'ok'
          ? groups.state.data.map((g) => (
              <View className='group-row' key={g.groupId}>
                <View className='group-row__body'>
                  <Text className='group-row__id'>群 {g.groupId}</Text>
                  <Text className='group-row__time'>绑定于 {formatTime(g.boundAt)}</Text>
                </View>
                <Button
                  className='group-row__unbind'
                  size='small'
                  fill='outline'
                  onClick={() => void unbind(g.groupId)}
                >
                  解绑
                </Button>
              </View>
            ))
          : null}
      </View>
    </View>
  )
}

/* ---------- 住户 ---------- */

const FILTERS: { value: HouseholdFilter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'unconfirmed', label: '未确认' },
  { value: 'unreachable', label: '未触达' },
  { value: 'care', label: '关爱对象' },
]
const PAGE_SIZE = 20

function HouseholdList({ unit, refresh }: { unit: UnitRef; refresh: number }) {
  const [filter, setFilter] = useState<HouseholdFilter>('all')
  const fetchPage = useCallback((p: number) => getHouseholds(unit.id, filter, p, PAGE_SIZE), [unit.id, filter])
  const list = usePaged<HouseholdRow>(fetchPage)
  const { total, status, load } = list

  useEffect(() => {
    void load(0)
  }, [load, refresh])

  return (
    <View className='card households'>
      <View className='card__head'>
        <Text className='card__title'>住户</Text>
        <Text className='card__hint households__total'>{status === 'loading' ? '' : `共 ${total} 户`}</Text>
      </View>
      <View className='filter-tabs'>
        {FILTERS.map((f) => (
          <View
            key={f.value}
            className={`filter-tab filter-tab--${f.value}${filter === f.value ? ' filter-tab--active' : ''}`}
            onClick={() => setFilter(f.value)}
          >
            <Text>{f.label}</Text>
          </View>
        ))}
      </View>
      <PagedList list={list} empty='没有符合条件的住户' moreClass='households-more' countWord='户'>
        {(h) => <Household key={h.id} row={h} />}
      </PagedList>
    </View>
  )
}

function Household({ row }: { row: HouseholdRow }) {
  return (
    <View className='household-row'>
      <View className='household-row__head'>
        <Text className='household-row__door'>{row.door}</Text>
        <Text className='household-row__building'>{row.microgrid.name}</Text>
        {row.pendingClaims ? (
          <Tag className='household-row__pending' background='#fff4e5' color='#b45309'>
            {row.pendingClaims} 条待确认
          </Tag>
        ) : null}
      </View>
      {row.members.length === 0 ? <Text className='manage-hint'>暂无登记的居民</Text> : null}
      {row.members.map((m) => (
        <Member key={m.id} member={m} />
      ))}
    </View>
  )
}

function Member({ member }: { member: MemberView }) {
  const call = () => void Taro.makePhoneCall({ phoneNumber: member.phone }).catch(() => undefined)
  return (
    <View className='member-row'>
      <View className='member-row__body'>
        <View className='member-row__title'>
          <Text className='member-row__name'>{member.name}</Text>
          {member.joined ? (
            <Tag className='member-row__joined' background='#e8f5ee' color='#15803d'>
              已加入
            </Tag>
          ) : (
            <Tag className='member-row__not-joined' background='#f2f3f5' color='#6b7280'>
              未加入
            </Tag>
          )}
          {member.careFlags.map((f) => (
            <Tag key={f} className='member-row__care' background='#fdecec' color='#c8161d'>
              {CARE_FLAG_LABELS[f]}
            </Tag>
          ))}
        </View>
        <Text className='member-row__phone'>{member.phone}</Text>
      </View>
      {member.phone ? (
        <Button className='member-row__call' type='primary' size='small' onClick={call}>
          拨打
        </Button>
      ) : null}
    </View>
  )
}
