/**
 * The demo's proposals (三长议事, issue 13) in the first grid of 和平里社区 (the resident persona's), as
 * council.propose / support / toAgenda / decline leave them, the threshold the default (3): one a support short of it
 * (the resident persona's support puts it on the agenda), one just raised, one on the agenda by its supports (raised
 * by the resident persona), one the grid chief put there by choice, one declined with a public reason; and in the
 * second grid (第2网格, the other grid chief persona's) one open, a support short of it, so its 议事 has one too.
 * Supporters are neighbours who are not personas, so every persona can still support; each count equals its active
 * support records.
 */
import { THRESHOLD_BY } from '../../core/council/support'
import { proposalId, proposalSupportId } from '../../core/ids'
import type { PersonDoc, ProposalDoc, ProposalStatus, ProposalSupportDoc } from '../../core/model'
import type { Persona } from '../../core/persona'
import { ROLE_LABELS } from '../../core/roles'
import { ancestorAt, isWithin, type Unit } from '../../core/units'
import { seedDay } from './points-wallet'

const HOUR = 3_600_000

/** The demo's proposal ids, for tests and the meetings' seed. */
export const DEMO_PROPOSALS = {
  nearThreshold: 'seed-proposal-lamp',
  fresh: 'seed-proposal-lockers',
  byThreshold: 'seed-proposal-fitness',
  byChief: 'seed-proposal-charging',
  declined: 'seed-proposal-parking',
  /** in the other grid chief persona's grid (第2网格) */
  otherGrid: 'seed-proposal-benches',
} as const

export function seedCouncil({
  units,
  people,
  personas,
}: {
  units: readonly Unit[]
  people: readonly PersonDoc[]
  personas: readonly Persona[]
}): { proposals: ProposalDoc[]; proposalSupports: ProposalSupportDoc[] } {
  const byOpenid = new Map(people.filter((p) => p.openid).map((p) => [p.openid as string, p]))
  const of = (role: string, n = 0) =>
    byOpenid.get(personas.filter((p) => p.role === role)[n]?.openid ?? '') as PersonDoc | undefined
  const resident = of('resident') as PersonDoc
  const grid = units.find((u) => u.level === 'grid' && isWithin(resident.homePath ?? '', u.path)) as Unit
  const chief = people.find((p) => p.roles.some((r) => r.role === 'gridChief' && r.unitId === grid._id)) as PersonDoc
  const head = people.find(
    (p) => p.roles.some((r) => r.role === 'buildingHead') && isWithin(p.homePath ?? '', grid.path),
  ) as PersonDoc
  const personaIds = new Set(personas.flatMap((p) => byOpenid.get(p.openid)?._id ?? []))
  const neighboursOf = (g: Unit) =>
    people.filter(
      (p) =>
        p.openid &&
        !p.deletedAt &&
        p.roles.length === 1 &&
        p.roles[0].role === 'resident' &&
        isWithin(p.homePath ?? '', g.path) &&
        !personaIds.has(p._id),
    )
  const neighbours = neighboursOf(grid)
  const second = of('resident', 1) ?? neighbours[5]
  const day0 = seedDay()
  const at = (hoursAgo: number) => new Date(+day0 - hoursAgo * HOUR)

  const proposals: ProposalDoc[] = []
  const supports: ProposalSupportDoc[] = []
  const add = (
    key: string,
    by: PersonDoc,
    byLabel: string,
    title: string,
    text: string,
    hoursAgo: number,
    supporters: PersonDoc[],
    end?: { status: ProposalStatus; byName: string; byId: string; note: string; hoursAgo: number },
    g: Unit = grid,
  ) => {
    const id = proposalId(by._id, key)
    const createdAt = at(hoursAgo)
    supporters.forEach((s, i) =>
      supports.push({
        _id: proposalSupportId(id, s._id),
        proposalId: id,
        gridId: g._id,
        personId: s._id,
        active: true,
        at: at(hoursAgo - 1 - i),
        withdrawnAt: null,
        updatedAt: at(hoursAgo - 1 - i),
      }),
    )
    const name = `${byLabel} ${by.name}`
    const history: ProposalDoc['history'] = [{ status: 'open', at: createdAt, byId: by._id, byName: name, note: '' }]
    if (end)
      history.push({ status: end.status, at: at(end.hoursAgo), byId: end.byId, byName: end.byName, note: end.note })
    const status = end?.status ?? 'open'
    proposals.push({
      _id: id,
      gridId: g._id,
      gridPath: g.path,
      communityId: ancestorAt(g.path, 'community') as string,
      title,
      text,
      photos: [],
      requestId: null,
      proposerId: by._id,
      proposerName: name,
      status,
      stage: status === 'open' ? 'open' : status === 'agenda' ? 'agenda' : 'closed',
      stageAt: end ? at(end.hoursAgo) : createdAt,
      supports: supporters.length,
      agendaBy: status === 'agenda' ? (end?.byId ? 'head' : 'threshold') : null,
      declineReason: status === 'declined' ? (end?.note ?? '') : '',
      history,
      meetingId: null,
      decision: null,
      createdAt,
      updatedAt: end ? at(end.hoursAgo) : at(hoursAgo - supporters.length),
    })
  }
  const resident_ = ROLE_LABELS.resident
  add(
    DEMO_PROPOSALS.nearThreshold,
    second,
    resident_,
    '东门口路灯不亮',
    '小区东门口的两盏路灯坏了快一个月，晚上回家很黑，老人孩子进出不安全，希望尽快修好。',
    30,
    neighbours.slice(0, 2),
  )
  add(
    DEMO_PROPOSALS.fresh,
    neighbours[2],
    resident_,
    '快递柜太少，包裹堆在门口',
    '小区只有一组快递柜，每天很多包裹堆在门卫室门口，容易丢件，希望增加一组快递柜。',
    6,
    neighbours.slice(3, 4),
  )
  add(
    DEMO_PROPOSALS.byThreshold,
    resident,
    resident_,
    '广场健身器材损坏',
    '中心广场的两台健身器材螺丝松动、扶手断裂，有安全隐患，希望维修或更换。',
    72,
    neighbours.slice(4, 7),
    { status: 'agenda', byId: '', byName: THRESHOLD_BY, note: '', hoursAgo: 60 },
  )
  add(
    DEMO_PROPOSALS.byChief,
    head,
    ROLE_LABELS.buildingHead,
    '楼道里给电动车充电的隐患',
    '有住户把电动车推进楼道充电，存在火灾隐患，建议在小区里设集中充电点并劝导住户。',
    96,
    neighbours.slice(7, 8),
    { status: 'agenda', byId: chief._id, byName: `${ROLE_LABELS.gridChief} ${chief.name}`, note: '', hoursAgo: 90 },
  )
  add(
    DEMO_PROPOSALS.declined,
    neighbours[8],
    resident_,
    '希望取消小区停车费',
    '小区停车费太高了，希望取消停车费，所有车辆免费停放。',
    120,
    [],
    {
      status: 'declined',
      byId: chief._id,
      byName: `${ROLE_LABELS.gridChief} ${chief.name}`,
      note: '停车收费标准由业主大会和物业合同决定，不属于网格议事的范围；已转告业主委员会。',
      hoursAgo: 100,
    },
  )
  // the other grid chief persona's grid: one open, a support short of the threshold
  const otherChief = of('gridChief')
  const other = units.find((u) => u._id === otherChief?.roles.find((r) => r.role === 'gridChief')?.unitId)
  const theirs = other && other._id !== grid._id ? neighboursOf(other) : []
  if (other && theirs.length >= 3)
    add(
      DEMO_PROPOSALS.otherGrid,
      theirs[0],
      resident_,
      '健身角想加几张长椅',
      '健身角旁边没有坐的地方，老人锻炼完只能站着歇，希望在树荫下加几张长椅。',
      20,
      theirs.slice(1, 3),
      undefined,
      other,
    )
  return { proposals, proposalSupports: supports }
}
