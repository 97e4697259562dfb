/** Envelopes the stubbed wx.cloud.callFunction answers with, shaped by core/contract; and the phone's storage. */
import type { HeadView, HomeResult, InviteTarget, MeResult, OverviewResult, UnitRef } from '../../core/contract'
import { PRIVACY_GUIDE } from '../../core/privacy/guide'

const street = { id: 'st-1', name: '和平街道', level: 'street' as const }
const community = { id: 'co-1', name: '幸福里社区', level: 'community' as const }
const microgrid = { id: 'mg-5', name: '5号楼', level: 'microgrid' as const }

export const heads: HeadView[] = [
  { role: 'gridChief', personId: 'p-101', name: '李建国', phone: '13800000101' },
  { role: 'partyLeader', personId: 'p-102', name: '张红梅', phone: '13800000102' },
  { role: 'buildingHead', personId: 'p-103', name: '陈志强', phone: '13800000103', unitName: '5号楼' },
]

export const residentMe: MeResult = {
  person: { id: 'p-1', name: '王秀英', phone: '13912345678' },
  roles: [{ role: 'resident', unitId: 'hh-1', unitName: '5栋2单元502', level: 'household' }],
  household: {
    id: 'hh-1',
    door: '5栋2单元502',
    address: '和平街道幸福里社区5栋2单元502',
    members: [
      { id: 'p-1', name: '王秀英' },
      { id: 'p-2', name: '刘德明' },
    ],
  },
  grid: { id: 'g-3', name: '幸福里第三网格', community, street, microgrid, heads },
}

export const chiefMe: MeResult = {
  person: { id: 'p-101', name: '李建国', phone: '13800000101' },
  roles: [{ role: 'gridChief', unitId: 'g-3', unitName: '幸福里第三网格', level: 'grid' }],
  household: null,
  grid: { id: 'g-3', name: '幸福里第三网格', community, street, microgrid: null, heads },
}

export const gridOverview: OverviewResult = {
  unit: { id: 'g-3', name: '幸福里第三网格', level: 'grid', path: [street, community] },
  households: 76,
  residents: 151,
  heads,
  children: [
    { id: 'mg-5', name: '5号楼', level: 'microgrid', households: 40, residents: 79, heads: [heads[2]] },
    { id: 'mg-6', name: '6号楼', level: 'microgrid', households: 36, residents: 72, heads: [] },
  ],
}

/** grid.home's answer (首页 in one call): `me`, `unread` notices, and for a leader the overview it leads with. */
export const homeOf = (me: MeResult, unread = 0, overview?: OverviewResult): HomeResult => ({
  ...me,
  unread,
  leading: overview ? { scope: me.roles[0], overview } : null,
  emergencies: [],
})

export const notJoinedMe: MeResult = { person: null, roles: [], household: null, grid: null }

/** Community staff of 幸福里社区: they lead no grid of their own and live in no household of the app. */
export const staffMe: MeResult = {
  person: { id: 'p-900', name: '周敏', phone: '13800000900' },
  roles: [{ role: 'communityStaff', unitId: 'co-1', unitName: '幸福里社区', level: 'community' }],
  household: null,
  grid: null,
}

/** What join.openInvite answers for an invite to 幸福里第三网格, offering these buildings. */
export const inviteTarget = (...buildings: UnitRef[]): InviteTarget => ({
  grid: { id: 'g-3', name: '幸福里第三网格', level: 'grid', community, street },
  buildings,
  via: 'invite',
})

/** Where the weapp keeps the version of the 用户隐私保护指引 this phone agreed to (src/services/privacy-consent.ts). */
export const CONSENT_KEY = 'wanggetong.privacy'
/** wx.getStorageSync of a visitor who agreed to the current guide before. */
export const agreedStorage = (key: string): unknown => (key === CONSENT_KEY ? PRIVACY_GUIDE.version : '')
