/**
 * Rosters through the `org` function in the local cloud: the template, exporting the demo community, importing
 * it into an empty community and exporting again (same rows), refusing a file with bad rows whole (every bad
 * row named, nothing written), and importing 600 households.
 */
import ExcelJS from 'exceljs'
import cloudSdk from 'wx-server-sdk'
import type { ImportResult, RosterFile } from '../../../core/contract'
import { ERROR_MESSAGES, type ErrorCode, type Issue } from '../../../core/envelope'
import type { AuditDoc, PersonDoc } from '../../../core/model'
import { writeRoster } from '../../../server/roster/workbook'
import { data } from '../harness/functions-cloud'
import { startOrgCloud, type OrgCloud } from '../harness/org-cloud'

jest.setTimeout(180_000)

let g: OrgCloud
beforeAll(async () => {
  g = await startOrgCloud()
})
afterAll(async () => {
  await g?.close()
})

const oid = (p: PersonDoc) => p.openid as string
const staff = () => g.holder('communityStaff', 'c1')
const street = () => g.holder('streetStaff')
const refused = (code: ErrorCode) =>
  expect.objectContaining({ ok: false, code, message: expect.stringContaining(ERROR_MESSAGES[code]) })

/** Every cell of every sheet as text, read with exceljs directly (not through the code under test). */
async function cells(file: Buffer): Promise<Record<string, string[][]>> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(file as unknown as ExcelJS.Buffer)
  const out: Record<string, string[][]> = {}
  book.eachSheet((sheet) => {
    const rows: string[][] = []
    sheet.eachRow({ includeEmpty: true }, (row, n) => {
      rows[n - 1] = Array.from({ length: sheet.columnCount }, (_, i) => row.getCell(i + 1).text)
    })
    out[sheet.name] = Array.from(rows, (r) => r ?? [])
  })
  return out
}

/** The file with some cells changed: `[sheet, row, column (1-based), value]`. */
async function edit(file: Buffer, changes: [string, number, number, string][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(file as unknown as ExcelJS.Buffer)
  for (const [sheet, row, col, value] of changes) {
    ;(book.getWorksheet(sheet) as ExcelJS.Worksheet).getRow(row).getCell(col).value = value
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}

let communities = 0
const newCommunity = async (): Promise<string> =>
  data(
    await g.org<{ id: string }>(oid(street()), 'createUnit', {
      parentId: 's1',
      name: `新建社区${++communities}`,
      level: 'community',
    }),
  ).id

const exportOf = async (communityId: string, who = street()) => {
  const file = data(await g.org<RosterFile & { rows: number }>(oid(who), 'exportRoster', { communityId }))
  return { ...file, content: await g.fetchFile(file.url) }
}
const importInto = async (communityId: string, content: Buffer) =>
  g.org<ImportResult>(oid(street()), 'importRoster', { communityId, fileID: await g.upload(content) })

let demoExport: Buffer

const exportAudit = async (): Promise<AuditDoc[]> =>
  (
    (await cloudSdk
      .database()
      .collection('audit')
      .where({ action: 'org.exportRoster' })
      .limit(1000)
      .get()) as unknown as {
      data: AuditDoc[]
    }
  ).data

describe('org.rosterTemplate', () => {
  it('gives staff an .xlsx with the sheets 楼栋 and 住户, headers, notes explaining each column, and no rows', async () => {
    const file = data(await g.org<RosterFile>(oid(staff()), 'rosterTemplate', {}))
    expect(file.fileID).toMatch(/^cloud:\/\//)
    expect(file.fileName).toMatch(/\.xlsx$/)
    const content = await g.fetchFile(file.url)
    const sheets = await cells(content)
    expect(Object.keys(sheets)).toEqual(['楼栋', '住户'])
    expect(sheets['楼栋'][0]).toEqual(['网格', '楼栋', '是否战时'])
    expect(sheets['住户'][0]).toEqual(['楼栋', '单元', '房号', '姓名', '手机号', '身份', '关爱标记'])
    for (const rows of Object.values(sheets)) {
      expect(rows).toHaveLength(2)
      for (const note of rows[1]) expect(note).toMatch(/^说明：/)
    }
    expect(sheets['住户'][1][5]).toContain('楼栋长')
    expect(sheets['住户'][1][6]).toContain('独居老人')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(content as unknown as ExcelJS.Buffer)
    const note = book.getWorksheet('住户')?.getRow(1).getCell(5).note
    expect(JSON.stringify(note)).toContain('11 位手机号')
  })

  it.each(['gridChief', 'buildingHead', 'resident', 'merchant'])('refuses the %s', async (role) => {
    expect(await g.org(oid(g.persona(role)), 'rosterTemplate', {})).toEqual(refused('FORBIDDEN'))
  })
})

describe('org.exportRoster', () => {
  it('writes the community as it is: every building with its grid, every resident with room, phone and role', async () => {
    const file = await exportOf('c1', staff())
    demoExport = file.content
    expect(file.fileName).toBe('和平里社区花名册.xlsx')
    const sheets = await cells(file.content)
    const inC1 = g.demo.people.filter((p) => p.homePath?.startsWith('/s1/c1/'))
    expect(file.rows).toBe(inC1.length)
    expect(sheets['楼栋'].slice(2, 5)).toEqual([
      ['第1网格', '1栋', '否'],
      ['第1网格', '2栋', '否'],
      ['第1网格', '3栋', '否'],
    ])
    expect(sheets['楼栋']).toHaveLength(2 + 12)
    const residents = sheets['住户'].slice(2)
    expect(residents).toHaveLength(inC1.length)
    const chief = g.persona('gridChief')
    expect(residents).toContainEqual(expect.arrayContaining([chief.name, chief.phone, '网格长']))
    const bh = g.persona('buildingHead')
    expect(residents).toContainEqual(expect.arrayContaining([bh.name, bh.phone, '楼栋长']))
    expect(residents.filter((r) => r[5] === '网格长')).toHaveLength(4)
    expect(residents.filter((r) => r[5] === '党小组长')).toHaveLength(4)
    expect(residents.filter((r) => r[5] === '楼栋长')).toHaveLength(12)
    // sorted the way people count: 2栋 before 10栋, 2单元 before 10单元, room 101 before 1001
    const buildingOrder = [...new Set(residents.map((r) => r[0]))]
    expect(buildingOrder.slice(0, 3)).toEqual(['1栋', '2栋', '3栋'])
    expect(buildingOrder.at(-1)).toBe('12栋')
  })

  it('audits the export: one entry by the exporter over the community, naming everyone in the file', async () => {
    const before = await exportAudit()
    await exportOf('c1', staff())
    const written = (await exportAudit()).filter((e) => !before.some((b) => b._id === e._id))
    expect(written).toHaveLength(1)
    const [entry] = written
    expect(entry).toMatchObject({ actorId: staff()._id, actorName: staff().name, unitId: 'c1', unitPath: '/s1/c1/' })
    const inC1 = g.demo.people.filter((p) => p.homePath?.startsWith('/s1/c1/')).map((p) => p._id)
    expect([...entry.subjectIds].sort()).toEqual(inC1.sort())
    // a refused export shows nothing and records nothing
    await g.org(oid(staff()), 'exportRoster', { communityId: 'c2' })
    expect(await exportAudit()).toHaveLength(before.length + 1)
  })

  it('refuses a grid chief, and community staff for the other community', async () => {
    expect(await g.org(oid(g.persona('gridChief')), 'exportRoster', { communityId: 'c1' })).toEqual(
      refused('FORBIDDEN'),
    )
    expect(await g.org(oid(staff()), 'exportRoster', { communityId: 'c2' })).toEqual(refused('FORBIDDEN'))
    expect(await g.org(oid(staff()), 'exportRoster', { communityId: 'g1' })).toEqual(refused('INVALID_PAYLOAD'))
  })
})

describe('org.importRoster', () => {
  it('round-trips: the demo community imported into an empty community exports the same rows', async () => {
    const target = await newCommunity()
    const result = data(await importInto(target, demoExport))
    const inC1 = g.demo.people.filter((p) => p.homePath?.startsWith('/s1/c1/'))
    const households = g.demo.units.filter((u) => u.level === 'household' && u.path.startsWith('/s1/c1/'))
    expect(result).toEqual({
      grids: 4,
      buildings: 12,
      households: households.length,
      residents: inC1.length,
      heads: 20,
    })
    const again = await exportOf(target)
    const [a, b] = await Promise.all([cells(demoExport), cells(again.content)])
    expect(Object.keys(b)).toEqual(Object.keys(a))
    for (const sheet of Object.keys(a)) {
      expect(b[sheet].length).toBe(a[sheet].length)
      a[sheet].forEach((row, i) => expect([sheet, i + 1, b[sheet][i]]).toEqual([sheet, i + 1, row]))
    }

    // the heads hold their roles over the new community's units
    const dump = await g.dump()
    const people = (dump.people as PersonDoc[]).filter((p) => p.homePath?.includes(`/${target}/`))
    expect(people).toHaveLength(inC1.length)
    expect(people.filter((p) => p.roles.some((r) => r.role === 'gridChief'))).toHaveLength(4)
    for (const p of people) expect(p.openid).toBeUndefined()

    // importing the same file again changes nothing: people are matched by household, name and phone
    const second = data(await importInto(target, demoExport))
    expect(second).toEqual({ grids: 0, buildings: 0, households: 0, residents: 0, heads: 0 })
    expect(await g.dump()).toEqual(dump)
  })

  it('refuses a file with one bad row whole, naming that row, and writes nothing', async () => {
    const target = await newCommunity()
    const bad = await edit(demoExport, [['住户', 40, 5, '1380013800']])
    const before = await g.dump()
    const res = await importInto(target, bad)
    expect(res).toEqual(refused('ROSTER_INVALID'))
    expect(!res.ok && res.issues).toEqual([
      { row: 40, field: '住户·手机号', reason: '手机号“1380013800”格式不对，应为 11 位数字' },
    ])
    const after = await g.dump()
    expect(after).toEqual(before)
  })

  it('lists every bad row of a file at once, each with its row and reason', async () => {
    const target = await newCommunity()
    const bad = await edit(demoExport, [
      ['楼栋', 15, 1, '第3网格'], // 1栋 again, in another grid than row 3 says
      ['楼栋', 15, 2, '1栋'],
      ['楼栋', 6, 3, '也许'],
      ['住户', 3, 1, '99栋'],
      ['住户', 5, 4, ''],
      ['住户', 6, 5, '12345'],
      ['住户', 7, 6, '楼长'],
      ['住户', 8, 7, '独居老人，高龄'],
      ['住户', 9, 2, ''],
    ])
    const before = await g.dump()
    const res = await importInto(target, bad)
    expect(res).toEqual(refused('ROSTER_INVALID'))
    const issues = (!res.ok && res.issues) as Issue[]
    expect(issues.map((i) => `${i.row} ${i.field}`).sort()).toEqual(
      [
        '15 楼栋·楼栋',
        '6 楼栋·是否战时',
        '3 住户·楼栋',
        '5 住户·姓名',
        '6 住户·手机号',
        '7 住户·身份',
        '8 住户·关爱标记',
        '9 住户·单元',
      ].sort(),
    )
    expect(issues.find((i) => i.field === '住户·楼栋')?.reason).toContain('99栋')
    expect(issues.find((i) => i.field === '住户·关爱标记')?.reason).toContain('高龄')
    expect(issues.find((i) => i.field === '楼栋·楼栋')?.reason).toMatch(/1栋.*第1网格.*第3网格/)
    for (const i of issues) expect(i.reason).toMatch(/[\u4e00-\u9fa5]/)
    expect(await g.dump()).toEqual(before)
  })

  it('reports a duplicate room and a person listed twice in one room', async () => {
    const target = await newCommunity()
    const tables = {
      buildings: [['第1网格', '1栋', '否']],
      residents: [
        ['1栋', '1单元', '101', '张三', '13800138000', '居民', ''],
        ['1栋', '1单元', '101', '张三', '13900139000', '居民', ''],
        ['1栋', '1单元', '102', '', '', '', ''],
        ['1栋', '1单元', '102', '', '', '', ''],
        ['1栋', '1单元', '103', '李四', '13800138001', '网格长', ''],
        ['1栋', '1单元', '104', '王五', '13800138002', '网格长', ''],
      ],
    }
    const res = await importInto(target, await writeRoster(tables))
    expect(res).toEqual(refused('ROSTER_INVALID'))
    expect(!res.ok && res.issues).toEqual([
      { row: 4, field: '住户·姓名', reason: '“张三”在1栋1单元101重复（第 3 行已有）' },
      { row: 6, field: '住户·房号', reason: '房间“1栋1单元102”重复（第 5 行已有）' },
      { row: 8, field: '住户·身份', reason: '“第1网格”的网格长只能有一位（第 7 行已有）' },
    ])
  })

  it('refuses a file that is not a spreadsheet, and a file that was never uploaded', async () => {
    const target = await newCommunity()
    const res = await importInto(target, Buffer.from('姓名,手机号\n张三,13800138000\n'))
    expect(res).toEqual(refused('ROSTER_INVALID'))
    expect(!res.ok && res.issues?.[0].reason).toMatch(/\.xlsx/)
    const real = await g.upload(demoExport)
    for (const fileID of [real.replace(/[^/]+$/, 'never-uploaded.xlsx'), 'cloud://other-env.bucket/a.xlsx']) {
      const gone = await g.org(oid(street()), 'importRoster', { communityId: target, fileID })
      expect([fileID, gone]).toEqual([fileID, refused('NOT_FOUND')])
    }
  })

  it('refuses a grid chief, and community staff for another community', async () => {
    const fileID = await g.upload(demoExport)
    expect(await g.org(oid(g.persona('gridChief')), 'importRoster', { communityId: 'c1', fileID })).toEqual(
      refused('FORBIDDEN'),
    )
    expect(await g.org(oid(staff()), 'importRoster', { communityId: 'c2', fileID })).toEqual(refused('FORBIDDEN'))
    expect(await g.org(oid(g.persona('resident')), 'importRoster', { communityId: 'c1', fileID })).toEqual(
      refused('FORBIDDEN'),
    )
  })

  it('imports 600 households with 1,200 residents and their heads', async () => {
    const target = await newCommunity()
    const buildings: string[][] = []
    const residents: string[][] = []
    let phone = 13700000000
    for (let gi = 1; gi <= 10; gi++) {
      for (let b = 1; b <= 4; b++) {
        const building = `${(gi - 1) * 4 + b}号楼`
        buildings.push([`第${gi}网格`, building, '否'])
        for (let h = 0; h < 15; h++) {
          const room = `${Math.floor(h / 2) + 1}0${(h % 2) + 1}`
          const head = h === 0 ? (b === 1 ? '网格长' : b === 2 ? '党小组长' : '楼栋长') : '居民'
          residents.push([building, '1单元', room, `住户${building}${room}甲`, String(++phone), head, ''])
          residents.push([
            building,
            '1单元',
            room,
            `住户${building}${room}乙`,
            String(++phone),
            '居民',
            h === 3 ? '独居老人' : '',
          ])
        }
      }
    }
    const content = await writeRoster({ buildings, residents })
    const started = Date.now()
    const result = data(await importInto(target, content))
    const ms = Date.now() - started
    console.log(`importRoster: 600 households, 1200 residents in ${ms} ms`)
    expect(result).toEqual({ grids: 10, buildings: 40, households: 600, residents: 1200, heads: 10 + 10 + 20 })
  })
})
