/**
 * The largest grid the weapp weight benchmark renders (bench/weapp.ts, test/weapp/weight.test.ts): one grid of the
 * synthetic district (emulator/seed/district.ts) — 8 buildings of about 34 households and 70 residents, about 270
 * households and 550 residents — with its heads, community staff, care flags and pending claims, and the 50 notices
 * its grid chief publishes (published through notices.publish by the caller, so they are stored as the app stores
 * them). Deterministic: the same grid, names and notices on every machine. Kept apart from the demo seed
 * (emulator/seed/index.ts), whose rows other suites count.
 */
import type { PersonDoc } from '../../core/model'
import type { Urgency } from '../../core/contract'
import { buildDistrict, type District } from './district'

export const LARGE_GRID_SEED = 20261215
/** How many notices the grid chief publishes to the grid. */
export const LARGE_GRID_NOTICES = 50

export interface LargeGridNotice {
  title: string
  body: string
  urgency: Urgency
}

export interface LargeGrid extends District {
  gridId: string
  communityId: string
  /** The building with the most residents: the resident persona's, the one the reach page opens. */
  buildingId: string
  notices: LargeGridNotice[]
  personas: {
    /** A resident of that building who leads nothing. */
    resident: PersonDoc
    gridChief: PersonDoc
    buildingHead: PersonDoc
    communityStaff: PersonDoc
  }
}

const TOPICS = [
  ['停水通知', '因管网检修，本栋将于周六上午八点至十二点停水，请提前储水。'],
  ['消防检查', '物业将逐户检查燃气和消防通道，请家中留人配合，楼道杂物请于周五前清理。'],
  ['垃圾分类', '本周起厨余垃圾定时投放，时间为早七点至九点、晚六点至八点。'],
  ['疫苗接种', '社区卫生服务站周三下午为六十岁以上老人接种，请携带身份证。'],
  ['议事会', '三长议事会讨论加装电梯方案，欢迎居民代表周四晚七点到社区会议室旁听。'],
] as const

const holder = (people: readonly PersonDoc[], role: string, unitId: string): PersonDoc => {
  const p = people.find((x) => x.openid && x.roles.some((r) => r.role === role && r.unitId === unitId))
  if (!p) throw new Error(`the large grid has no ${role} of ${unitId}`)
  return p
}

export function buildLargeGrid(): LargeGrid {
  const district = buildDistrict({ grids: 1, seed: LARGE_GRID_SEED })
  const gridId = 'g1'
  const communityId = 'c1'
  // the building with the most residents: the resident persona's, the one the reach page opens
  const residentsOf = (b: string) => district.people.filter((p) => p.homePath?.includes(`/${b}/`)).length
  const buildingId = district.units
    .filter((u) => u.level === 'microgrid')
    .map((u) => u._id)
    .reduce((a, b) => (residentsOf(b) > residentsOf(a) ? b : a))
  const resident = district.people.find(
    (p) => p.openid && p.homePath?.includes(`/${buildingId}/`) && p.roles.length === 1,
  )
  if (!resident) throw new Error('the large grid has no plain resident in its largest building')
  const notices = Array.from({ length: LARGE_GRID_NOTICES }, (_, i): LargeGridNotice => {
    const [title, body] = TOPICS[i % TOPICS.length]
    return {
      title: `${title}（第${i + 1}期）`,
      body,
      urgency: i % 10 === 0 ? 'urgent' : i % 4 === 0 ? 'important' : 'normal',
    }
  })
  return {
    ...district,
    gridId,
    communityId,
    buildingId,
    notices,
    personas: {
      resident,
      gridChief: holder(district.people, 'gridChief', gridId),
      buildingHead: holder(district.people, 'buildingHead', buildingId),
      communityStaff: holder(district.people, 'communityStaff', communityId),
    },
  }
}
