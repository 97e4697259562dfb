/**
 * Teams and honours, the record and the hours export, through the real wx-server-sdk against the local cloud over the
 * demo community: creating a team, joining and leaving it, leaderboards per grid and team with opt-out, and the Excel
 * export of an activity's hours (read back with exceljs), audited.
 */
import ExcelJS from 'exceljs'
import type {
  ActivityDetail,
  Leaderboard,
  SignUpResult,
  TeamCard,
  TeamDetail,
  VolunteerRecord,
} from '../../../core/contract'
import type { AuditDoc, PersonDoc } from '../../../core/model'
import { ancestorAt } from '../../../core/units'
import { data, exactly } from '../harness/functions-cloud'
import { startWalletCloud, type WalletCloud } from '../harness/wallet-cloud'

jest.setTimeout(180_000)

let g: WalletCloud
let staff: PersonDoc
let resident: PersonDoc
let neighbour: PersonDoc
let housemate: PersonDoc
const byOpenid = (openid: string) => g.demo.people.find((p) => p.openid === openid) as PersonDoc

beforeAll(async () => {
  g = await startWalletCloud()
  staff = g.persona('communityStaff')
  resident = byOpenid(g.demo.personas[0].openid)
  neighbour = byOpenid(g.demo.personas[7].openid)
  housemate = byOpenid(g.demo.personas[8].openid)
})
afterAll(async () => {
  await g?.close()
})

const communityOf = (p: PersonDoc) => ancestorAt(p.homePath as string, 'community') as string

describe('teams', () => {
  it('staff create a team led by a resident; residents join and leave; a leader cannot leave', async () => {
    const team = data(
      await g.act<TeamCard>(staff, 'createTeam', {
        name: '助老服务队',
        unitId: communityOf(resident),
        leaderId: neighbour._id,
      }),
    )
    expect(team).toMatchObject({ members: 1, leaders: [{ id: neighbour._id, name: neighbour.name }] })
    const joined = data(await g.act<TeamCard>(resident, 'joinTeam', { teamId: team.id }))
    expect(joined).toMatchObject({ members: 2, mine: true })
    // joining again changes nothing
    expect(data(await g.act<TeamCard>(resident, 'joinTeam', { teamId: team.id })).members).toBe(2)
    expect(await g.act(neighbour, 'leaveTeam', { teamId: team.id })).toEqual(exactly('TEAM_LEADER_LEAVING'))
    expect(data(await g.act(resident, 'leaveTeam', { teamId: team.id }))).toEqual({ left: true })
    const seen = data(await g.act<TeamDetail>(resident, 'team', { teamId: team.id }))
    expect(seen).toMatchObject({ members: 1, mine: false })
    expect(seen.rows.map((r) => r.personId)).toEqual([neighbour._id])
  })

  it('a team’s leader without an organiser role (a building head) posts for the team: members may sign up, others may not', async () => {
    // the demo's grid patrol is led by the building head persona; the neighbour is a member, the resident is not
    const leader = g.persona('buildingHead')
    const startAt = new Date(Date.now() + 86_400_000)
    const a = data(
      await g.act<ActivityDetail>(leader, 'postActivity', {
        title: '夜间巡逻',
        place: '小区东门',
        startAt: startAt.toISOString(),
        endAt: new Date(startAt.getTime() + 7_200_000).toISOString(),
        audience: { kind: 'team', id: 'team-patrol' },
        roles: [{ name: '巡逻', quota: 3, rule: { pointsPerHour: 10, nightMultiplier: 2, cap: 50 } }],
      }),
    )
    expect(a).toMatchObject({ organiser: true, audience: { kind: 'team', id: 'team-patrol' } })
    expect(data(await g.act<SignUpResult>(neighbour, 'signUp', { activityId: a.id, roleIndex: 0 })).signup.status).toBe(
      'confirmed',
    )
    expect(await g.act(resident, 'signUp', { activityId: a.id, roleIndex: 0 })).toEqual(exactly('ACTIVITY_NOT_FOR_YOU'))
    // a member who does not lead it cannot post for it
    expect(
      await g.act(neighbour, 'postActivity', {
        title: '不是队长',
        place: '小区东门',
        startAt: startAt.toISOString(),
        endAt: new Date(startAt.getTime() + 7_200_000).toISOString(),
        audience: { kind: 'team', id: 'team-patrol' },
        roles: [{ name: '巡逻', quota: 3, rule: { pointsPerHour: 10, cap: 50 } }],
      }),
    ).toEqual(exactly('ACTIVITY_NOT_ORGANISER'))
  })

  it('a building head may not create a team', async () => {
    expect(
      await g.act(g.persona('buildingHead'), 'createTeam', { name: '不该有的队', unitId: communityOf(resident) }),
    ).toEqual(exactly('FORBIDDEN'))
  })
})

describe('leaderboards and the record', () => {
  it('rank the grid’s volunteers by hours; opting out leaves one off every board, and back in', async () => {
    const board = data(await g.act<Leaderboard>(resident, 'leaderboard', { scope: 'grid' }))
    const mine = board.rows.find((r) => r.personId === neighbour._id)
    expect(mine).toMatchObject({ minutes: expect.any(Number), star: 0 })
    const minutes = board.rows.map((r) => r.minutes)
    expect(minutes).toEqual([...minutes].sort((x, y) => y - x))
    expect(board.rows.map((r) => r.rank)).toEqual(board.rows.map((_, i) => i + 1))

    expect(data(await g.act(neighbour, 'setLeaderboardVisibility', { visible: false }))).toEqual({ visible: false })
    const hidden = data(await g.act<Leaderboard>(resident, 'leaderboard', { scope: 'grid' }))
    expect(hidden.rows.map((r) => r.personId)).not.toContain(neighbour._id)
    const own = data(await g.act<Leaderboard>(neighbour, 'leaderboard', { scope: 'team', teamId: 'team-community' }))
    expect(own).toMatchObject({ visible: false, me: null })
    expect(own.rows.map((r) => r.personId)).not.toContain(neighbour._id)

    await g.act(neighbour, 'setLeaderboardVisibility', { visible: true })
    const back = data(await g.act<Leaderboard>(neighbour, 'leaderboard', { scope: 'grid' }))
    expect(back.me).toMatchObject({ personId: neighbour._id, rank: expect.any(Number) })
  })

  it('the record lists the confirmed activity with its hours and the community that issues it', async () => {
    const record = data(await g.act<VolunteerRecord>(housemate, 'record', {}))
    expect(record.total).toBe(1)
    expect(record.rows[0]).toMatchObject({ title: '核酸检测点志愿服务', issuer: expect.stringMatching(/社区$/) })
    expect(record.minutes).toBe(record.rows[0].minutes)
    expect(record).toMatchObject({ star: 0, nextStarHours: 100 })
    // someone who never volunteered: an empty record, not an error
    expect(data(await g.act<VolunteerRecord>(resident, 'record', {}))).toMatchObject({ total: 0, minutes: 0, rows: [] })
  })
})

describe('exportHours', () => {
  it('staff export an activity’s hours to Excel, one row per attendee, and the export is audited', async () => {
    const file = data(
      await g.act<{ fileID: string; url: string; rows: number; fileName: string }>(staff, 'exportHours', {
        by: 'activity',
        activityId: 'act-past-testing',
      }),
    )
    expect(file.rows).toBe(5)
    const res = await fetch(file.url)
    expect(res.ok).toBe(true)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('志愿服务时长') as ExcelJS.Worksheet
    expect(sheet.getRow(2).getCell(1).text).toBe('姓名')
    const names: string[] = []
    sheet.eachRow((row, n) => {
      if (n > 2) names.push(row.getCell(1).text)
    })
    expect(names).toEqual(expect.arrayContaining([neighbour.name, housemate.name]))
    expect(names).toHaveLength(5)
    const audit = ((await g.dump()).audit as AuditDoc[]).filter((a) => a.action === 'points.exportHours')
    expect(audit).toHaveLength(1)
    expect(audit[0].subjectIds).toEqual(expect.arrayContaining([neighbour._id, housemate._id]))
  })

  it('by period within one community; a grid chief is refused', async () => {
    const to = new Date()
    const from = new Date(to.getTime() - 30 * 86_400_000)
    const file = data(
      await g.act<{ rows: number }>(staff, 'exportHours', {
        by: 'period',
        unitId: communityOf(resident),
        from: from.toISOString(),
        to: to.toISOString(),
      }),
    )
    expect(file.rows).toBeGreaterThanOrEqual(5)
    expect(
      await g.act(byOpenid(g.demo.personas[6].openid), 'exportHours', {
        by: 'activity',
        activityId: 'act-past-testing',
      }),
    ).toEqual(exactly('FORBIDDEN'))
  })
})
