/**
 * The demo's council meeting (三长议事 meetings and votes, issue 13) in the first grid of 和平里社区: an in-person
 * 议事会 today, open for votes, its members the grid's three heads (core/council/vote.ts gridHeads) and the resident
 * persona invited, its agenda one 待议 proposal of its own (so the proposals' demo stays free for their pages) with
 * no votes yet — every head persona votes, the chief records the others in person and ends the vote.
 */
import { DEFAULT_QUORUM, EMPTY_TALLY, gridHeads } from '../../core/council/vote'
import { HEAD_ROLES } from '../../core/grants'
import { meetingId, meetingItemId, proposalId } from '../../core/ids'
import type { MeetingDoc, MeetingItemDoc, PersonDoc, ProposalDoc } from '../../core/model'
import type { Persona } from '../../core/persona'
import { ROLE_LABELS } from '../../core/roles'
import { ancestorAt, isWithin, type Unit } from '../../core/units'
import { seedDay } from './points-wallet'

const HOUR = 3_600_000

/** The demo meeting and its one agenda proposal, for tests. */
export const DEMO_MEETING = { tapId: 'seed-meeting-1', proposalKey: 'seed-proposal-greening' } as const

export function seedCouncilMeetings({
  units,
  people,
  personas,
}: {
  units: readonly Unit[]
  people: readonly PersonDoc[]
  personas: readonly Persona[]
}): { proposals: ProposalDoc[]; councilMeetings: MeetingDoc[]; councilItems: MeetingItemDoc[] } {
  const byOpenid = new Map(people.filter((p) => p.openid).map((p) => [p.openid as string, p]))
  const resident = byOpenid.get(personas.find((p) => p.role === 'resident')?.openid ?? '') as PersonDoc
  const grid = units.find((u) => u.level === 'grid' && isWithin(resident.homePath ?? '', u.path)) as Unit
  const inGrid = new Map(
    units.filter((u) => isWithin(u.path, grid.path) && u.level !== 'household').map((u) => [u._id, u]),
  )
  const heads = gridHeads(people, inGrid, grid)
  const chief = heads.find((p) => p.roles.some((r) => r.role === 'gridChief' && r.unitId === grid._id)) as PersonDoc
  const label = (p: PersonDoc) =>
    ROLE_LABELS[HEAD_ROLES.find((r) => p.roles.some((g) => g.role === r && inGrid.has(g.unitId))) ?? 'resident']
  const rank = (p: PersonDoc) => HEAD_ROLES.findIndex((r) => ROLE_LABELS[r] === label(p))
  const members: MeetingDoc['members'] = [...heads]
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'zh-CN'))
    .map((p) => ({ personId: p._id, name: p.name, label: label(p), kind: 'head' as const }))
  if (!members.some((m) => m.personId === resident._id))
    members.push({ personId: resident._id, name: resident.name, label: ROLE_LABELS.resident, kind: 'invited' })

  const day0 = seedDay()
  const at = (hours: number) => new Date(+day0 + hours * HOUR)
  const id = meetingId(chief._id, DEMO_MEETING.tapId)
  const pid = proposalId(resident._id, DEMO_MEETING.proposalKey)
  const title = '楼间空地改建小花园'
  const proposal: ProposalDoc = {
    _id: pid,
    gridId: grid._id,
    gridPath: grid.path,
    communityId: ancestorAt(grid.path, 'community') as string,
    title,
    text: '3栋和4栋之间的空地长期堆放杂物，建议清理后改建成小花园，种上花草，放几张长椅给老人休息。',
    photos: [],
    requestId: null,
    proposerId: resident._id,
    proposerName: `${ROLE_LABELS.resident} ${resident.name}`,
    status: 'agenda',
    stage: 'agenda',
    stageAt: at(-40),
    supports: 0,
    agendaBy: 'head',
    declineReason: '',
    history: [
      { status: 'open', at: at(-48), byId: resident._id, byName: `${ROLE_LABELS.resident} ${resident.name}`, note: '' },
      { status: 'agenda', at: at(-40), byId: chief._id, byName: `${ROLE_LABELS.gridChief} ${chief.name}`, note: '' },
    ],
    meetingId: id,
    decision: null,
    createdAt: at(-48),
    updatedAt: at(-30),
  }
  const meeting: MeetingDoc = {
    _id: id,
    gridId: grid._id,
    gridPath: grid.path,
    communityId: proposal.communityId,
    title: '本月三长议事会',
    mode: 'inPerson',
    startAt: at(10),
    place: '社区党群服务中心活动室',
    status: 'open',
    members,
    quorum: DEFAULT_QUORUM,
    proposalIds: [pid],
    minutes: '',
    createdBy: chief._id,
    createdAt: at(-30),
    openedAt: at(-1),
    closedAt: null,
    updatedAt: at(-1),
  }
  const item: MeetingItemDoc = {
    _id: meetingItemId(id, 0),
    meetingId: id,
    gridId: grid._id,
    gridPath: grid.path,
    proposalId: pid,
    title,
    order: 0,
    status: 'open',
    tally: { ...EMPTY_TALLY },
    voterIds: [],
    present: [],
    outcome: null,
    reason: '',
    decidedAt: null,
    decidedBy: '',
    noticeId: null,
    task: null,
    updatedAt: at(-30),
  }
  return { proposals: [proposal], councilMeetings: [meeting], councilItems: [item] }
}
