/**
 * Proposals (议题) through the real SDK in the local cloud over the demo community: a resident raises a matter for
 * their grid (a double tap files once; text content-checked; photos their own uploads; a request of theirs or of the
 * grid linked), similar open ones are found before filing, neighbours support it once each (not the proposer), many
 * at once cross the threshold exactly once and it shows 待议; a head puts one on the agenda or declines it with a
 * public reason the proposer reads; the chief sets the threshold; the tabs page by keyset; outsiders learn nothing.
 * And a property: after any sequence of supports and withdrawals, racing or not, the count equals the support records.
 */
import fc from 'fast-check'
import type { ProposalDetail, ProposalsPage, SimilarProposal } from '../../../core/contract'
import { proposalId } from '../../../core/ids'
import type { PersonDoc, ProposalDoc, ProposalSupportDoc, RequestDoc } from '../../../core/model'
import { BLOCKED, newTap, startCouncilCloud, type CouncilCloud } from '../harness/council-cloud'

jest.setTimeout(300_000)

let g: CouncilCloud
let proposer: PersonDoc
let neighbours: PersonDoc[]
let outsider: PersonDoc
let chief: PersonDoc
let buildingHead: PersonDoc
let staff: PersonDoc
const GRID = 'g1'

beforeAll(async () => {
  g = await startCouncilCloud()
  const homes = g.householdsUnder(GRID)
  proposer = await g.newResident(homes[10]._id, '提议人')
  neighbours = []
  for (let i = 0; i < 10; i++) neighbours.push(await g.newResident(homes[11 + i]._id, '邻居'))
  outsider = await g.newResident(g.householdsUnder('g2')[0]._id, '外格居民')
  chief = g.demo.people.find((p) => p.roles.some((r) => r.role === 'gridChief' && r.unitId === GRID)) as PersonDoc
  buildingHead = g.persona('buildingHead')
  staff = g.persona('communityStaff')
})
afterAll(async () => {
  await g?.close()
})

const docs = async <T>(name: string): Promise<T[]> => ((await g.collections([name]))[name] ?? []) as T[]
const proposalDoc = async (id: string) => (await docs<ProposalDoc>('proposals')).find((p) => p._id === id)
const activeSupports = async (id: string) =>
  (await docs<ProposalSupportDoc>('proposalSupports')).filter((s) => s.proposalId === id && s.active).length

async function raise(person: PersonDoc, title: string, text: string, extra: object = {}): Promise<string> {
  const { id } = await g.ok<{ id: string }>(person, 'propose', {
    tapId: newTap('p'),
    gridId: GRID,
    title,
    text,
    ...extra,
  })
  return id
}

describe('raising a proposal', () => {
  it('files once for a double tap, with the proposer named as a resident, open and unsupported', async () => {
    const tapId = newTap('double')
    const payload = {
      tapId,
      gridId: GRID,
      title: '三号楼楼道灯坏了',
      text: '三号楼二单元楼道的灯坏了一个月，晚上上下楼看不见',
    }
    const [a, b] = await Promise.all([g.ok(proposer, 'propose', payload), g.ok(proposer, 'propose', payload)])
    expect(a).toEqual(b)
    expect(a).toEqual({ id: proposalId(proposer._id, tapId) })
    expect((await docs<ProposalDoc>('proposals')).filter((p) => p.proposerId === proposer._id)).toHaveLength(1)
    const d = await g.ok<ProposalDetail>(proposer, 'proposal', { proposalId: (a as { id: string }).id })
    expect(d).toMatchObject({
      title: '三号楼楼道灯坏了',
      status: 'open',
      supports: 0,
      threshold: 3,
      proposer: `居民 ${proposer.name}`,
      isProposer: true,
      canSupport: false,
      gridName: '第1网格',
    })
    expect(d.history.map((h) => h.status)).toEqual(['open'])
  })

  it('shows the similar open proposal before filing, and nothing for an unrelated draft', async () => {
    const like = await g.ok<{ rows: SimilarProposal[] }>(neighbours[0], 'similar', {
      gridId: GRID,
      title: '楼道灯不亮',
      text: '二单元楼道的灯坏了',
    })
    expect(like.rows.map((r) => r.title)).toContain('三号楼楼道灯坏了')
    expect(like.rows[0]).not.toHaveProperty('proposer')
    const unrelated = await g.ok<{ rows: SimilarProposal[] }>(neighbours[0], 'similar', {
      gridId: GRID,
      title: '增加厨余垃圾桶',
      text: '希望在小区门口增加厨余垃圾桶',
    })
    expect(unrelated.rows.map((r) => r.title)).not.toContain('三号楼楼道灯坏了')
  })

  it('refuses risky text, bad input, outsiders and someone else’s photo, writing nothing', async () => {
    const before = (await docs<ProposalDoc>('proposals')).length
    const base = { gridId: GRID, title: '小区停车位不够', text: '晚上车停满了消防通道，希望重新划停车位' }
    expect(
      await g.code(proposer, 'propose', { ...base, tapId: newTap(), text: `有人在群里推广${BLOCKED}，请处理` }),
    ).toBe('CONTENT_RISKY')
    expect(await g.code(proposer, 'propose', { ...base, tapId: newTap(), title: '灯' })).toBe('INVALID_PAYLOAD')
    expect(await g.code(proposer, 'propose', { ...base, tapId: 'short' })).toBe('INVALID_PAYLOAD')
    expect(await g.code(outsider, 'propose', { ...base, tapId: newTap() })).toBe('COUNCIL_NOT_MEMBER')
    expect(await g.code(staff, 'propose', { ...base, tapId: newTap() })).toBe('COUNCIL_NOT_MEMBER')
    expect(await g.code(proposer, 'propose', { ...base, tapId: newTap(), gridId: 'c1' })).toBe('COUNCIL_GRID_ONLY')
    const theirs = await g.photo(neighbours[0])
    expect(await g.code(proposer, 'propose', { ...base, tapId: newTap(), photos: [theirs] })).toBe('UPLOAD_NOT_YOURS')
    const other = (g.demo.requests.requests as RequestDoc[]).find((r) => r.gridId !== GRID) as RequestDoc
    expect(await g.code(proposer, 'propose', { ...base, tapId: newTap(), requestId: other._id })).toBe(
      'PROPOSAL_REQUEST_INVALID',
    )
    expect((await docs<ProposalDoc>('proposals')).length).toBe(before)
  })

  it('attaches the proposer’s own photos and links a request of the grid; heads raise as heads', async () => {
    const photo = await g.photo(proposer)
    const linked = (g.demo.requests.requests as RequestDoc[]).find((r) => r.gridId === GRID) as RequestDoc
    const id = await raise(proposer, '单车乱停放', '小区门口单车乱停，挡住了盲道和出入口', {
      photos: [photo],
      requestId: linked._id,
    })
    const mine = await g.ok<ProposalDetail>(proposer, 'proposal', { proposalId: id })
    expect(mine.photos).toHaveLength(1)
    expect(mine.request?.id).toBe(linked._id)
    const uploads = (await docs<{ fileID: string; attachedTo: { kind: string; id: string } | null }>('uploads')).find(
      (u) => u.fileID === photo,
    )
    expect(uploads?.attachedTo).toMatchObject({ kind: 'proposal', id })
    const byHead = await raise(buildingHead, '楼顶水箱需要清洗', '一号楼楼顶水箱很久没有清洗，水有异味')
    expect((await g.ok<ProposalDetail>(proposer, 'proposal', { proposalId: byHead })).proposer).toBe(
      `楼栋长 ${buildingHead.name}`,
    )
  })
})

describe('supporting', () => {
  it('counts one support per neighbour, never the proposer’s, and lets it be withdrawn while open', async () => {
    const id = await raise(proposer, '广场遛狗不牵绳', '广场上经常有狗不牵绳，孩子们很害怕')
    expect(await g.code(proposer, 'support', { proposalId: id })).toBe('PROPOSAL_OWN')
    const once = await g.ok<ProposalDetail>(neighbours[0], 'support', { proposalId: id })
    expect(once).toMatchObject({ supports: 1, iSupport: true, canSupport: false, canWithdraw: true })
    const again = await g.ok<ProposalDetail>(neighbours[0], 'support', { proposalId: id })
    expect(again.supports).toBe(1)
    const back = await g.ok<ProposalDetail>(neighbours[0], 'withdrawSupport', { proposalId: id })
    expect(back).toMatchObject({ supports: 0, iSupport: false, canSupport: true })
    expect((await g.ok<ProposalDetail>(neighbours[0], 'withdrawSupport', { proposalId: id })).supports).toBe(0)
    expect(await activeSupports(id)).toBe(0)
    expect(await g.code(outsider, 'support', { proposalId: id })).toBe('NOT_FOUND')
    expect(await g.code(outsider, 'proposal', { proposalId: id })).toBe('NOT_FOUND')
    // staff over the grid read it but are not members
    expect(await g.code(staff, 'support', { proposalId: id })).toBe('COUNCIL_NOT_MEMBER')
    expect((await g.ok<ProposalDetail>(staff, 'proposal', { proposalId: id })).canManage).toBe(true)
  })

  it('crosses the threshold exactly once when ten neighbours support at once: 待议, three supports', async () => {
    const id = await raise(proposer, '增设非机动车充电桩', '电动车在楼道里充电很危险，希望在小区增设充电桩')
    const results = await Promise.all(neighbours.map((n) => g.act<ProposalDetail>(n, 'support', { proposalId: id })))
    const okCount = results.filter((r) => r.ok).length
    const refused = results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.code))
    expect(okCount).toBe(3)
    expect(new Set(refused)).toEqual(new Set(['PROPOSAL_NOT_OPEN']))
    const doc = await proposalDoc(id)
    expect(doc).toMatchObject({ status: 'agenda', stage: 'agenda', supports: 3, agendaBy: 'threshold' })
    expect(doc?.history.filter((h) => h.status === 'agenda')).toHaveLength(1)
    expect(await activeSupports(id)).toBe(3)
    const d = await g.ok<ProposalDetail>(proposer, 'proposal', { proposalId: id })
    expect(d.history.map((h) => h.by)).toEqual([`居民 ${proposer.name}`, '达到支持人数'])
    const supporter = neighbours[results.findIndex((r) => r.ok)]
    expect(await g.code(supporter, 'withdrawSupport', { proposalId: id })).toBe('PROPOSAL_NOT_OPEN')
    const agenda = await g.ok<ProposalsPage>(proposer, 'proposals', { gridId: GRID, stage: 'agenda' })
    expect(agenda.rows.map((r) => r.id)).toContain(id)
    const open = await g.ok<ProposalsPage>(proposer, 'proposals', { gridId: GRID, stage: 'open' })
    expect(open.rows.map((r) => r.id)).not.toContain(id)
  })
})

describe('the heads and the chief', () => {
  it('a head puts one on the agenda by choice; another is declined with a reason the proposer reads', async () => {
    const chosen = await raise(proposer, '小区健身器材损坏', '广场上的两台健身器材坏了，存在安全隐患')
    expect(await g.code(neighbours[0], 'toAgenda', { proposalId: chosen })).toBe('COUNCIL_NOT_HEAD')
    const put = await g.ok<ProposalDetail>(buildingHead, 'toAgenda', { proposalId: chosen })
    expect(put).toMatchObject({ status: 'agenda', supports: 0 })
    expect(put.history[put.history.length - 1].by).toBe(`楼栋长 ${buildingHead.name}`)
    expect((await g.ok<ProposalDetail>(buildingHead, 'toAgenda', { proposalId: chosen })).status).toBe('agenda')

    const declined = await raise(proposer, '希望小区免费停车', '希望物业取消停车费，所有车辆免费停放')
    expect(await g.code(chief, 'decline', { proposalId: declined, reason: '' })).toBe('INVALID_PAYLOAD')
    await g.ok(chief, 'decline', { proposalId: declined, reason: '停车收费由业主大会决定，不属于网格议事范围' })
    const seen = await g.ok<ProposalDetail>(proposer, 'proposal', { proposalId: declined })
    expect(seen).toMatchObject({
      status: 'declined',
      declineReason: '停车收费由业主大会决定，不属于网格议事范围',
      canSupport: false,
    })
    expect(await g.code(neighbours[1], 'support', { proposalId: declined })).toBe('PROPOSAL_NOT_OPEN')
    expect(await g.code(chief, 'decline', { proposalId: declined, reason: '再次' })).toBe('PROPOSAL_CLOSED')
    expect(await g.code(chief, 'toAgenda', { proposalId: declined })).toBe('PROPOSAL_CLOSED')
    const closed = await g.ok<ProposalsPage>(neighbours[1], 'proposals', { gridId: GRID, stage: 'closed' })
    expect(closed.rows.find((r) => r.id === declined)).toMatchObject({ status: 'declined' })
  })

  it('the chief sets the threshold: the next support that reaches it moves the proposal', async () => {
    expect(await g.code(buildingHead, 'updateSettings', { gridId: GRID, supportThreshold: 2 })).toBe('FORBIDDEN')
    expect(await g.code(chief, 'updateSettings', { gridId: GRID, supportThreshold: 0 })).toBe('INVALID_PAYLOAD')
    expect(await g.code(chief, 'updateSettings', { gridId: 'g2', supportThreshold: 2 })).toBe('FORBIDDEN')
    expect(await g.ok(chief, 'updateSettings', { gridId: GRID, supportThreshold: 2 })).toEqual({
      gridId: GRID,
      supportThreshold: 2,
    })
    const id = await raise(proposer, '垃圾分类亭异味大', '垃圾分类亭夏天异味很大，希望每天多清运一次')
    expect((await g.ok<ProposalDetail>(neighbours[2], 'support', { proposalId: id })).status).toBe('open')
    const second = await g.ok<ProposalDetail>(neighbours[3], 'support', { proposalId: id })
    expect(second).toMatchObject({ status: 'agenda', supports: 2, threshold: 2 })
    const page = await g.ok<ProposalsPage>(chief, 'proposals', { gridId: GRID })
    expect(page).toMatchObject({ threshold: 2, canSetThreshold: true, canPropose: true })
    await g.ok(chief, 'updateSettings', { gridId: GRID, supportThreshold: 3 })
  })
})

describe('reading', () => {
  it('pages a tab by keyset: every open proposal once, newest first', async () => {
    for (let i = 0; i < 12; i++)
      await raise(neighbours[i % neighbours.length], `第${i + 1}号测试议题`, `这是第${i + 1}个用来测试翻页的议题内容`)
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await g.ok<ProposalsPage>(proposer, 'proposals', {
        gridId: GRID,
        stage: 'open',
        pageSize: 5,
        ...(cursor ? { cursor } : {}),
      })
      expect(page.rows.length).toBeLessThanOrEqual(5)
      seen.push(...page.rows.map((r) => r.id))
      cursor = page.nextCursor ?? undefined
      pages++
    } while (cursor && pages < 20)
    const open = (await docs<ProposalDoc>('proposals'))
      .filter((p) => p.gridId === GRID && p.stage === 'open')
      .sort((a, b) => +new Date(b.stageAt) - +new Date(a.stageAt) || (a._id < b._id ? 1 : -1))
      .map((p) => p._id)
    expect(seen).toEqual(open)
    expect(await g.code(proposer, 'proposals', { gridId: GRID, cursor: 'nonsense' })).toBe('INVALID_PAYLOAD')
  })

  it('refuses the tab to outsiders, answers a household or community id with COUNCIL_GRID_ONLY', async () => {
    expect(await g.code(outsider, 'proposals', { gridId: GRID })).toBe('COUNCIL_NOT_MEMBER')
    expect(await g.code(g.persona('merchant'), 'proposals', { gridId: GRID })).toBe('COUNCIL_NOT_MEMBER')
    expect(await g.code(proposer, 'proposals', { gridId: proposer.householdId })).toBe('COUNCIL_GRID_ONLY')
    expect(await g.code(proposer, 'proposals', { gridId: 'no-such-grid' })).toBe('NOT_FOUND')
    expect((await g.ok<ProposalsPage>(staff, 'proposals', { gridId: GRID })).canPropose).toBe(false)
  })
})

it('property: after any sequence of supports and withdrawals, some racing, the count equals the support records', async () => {
  await g.ok(chief, 'updateSettings', { gridId: GRID, supportThreshold: 50 })
  const people = neighbours.slice(0, 6)
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.array(fc.record({ who: fc.integer({ min: 0, max: people.length - 1 }), support: fc.boolean() }), {
          minLength: 1,
          maxLength: 4,
        }),
        { minLength: 1, maxLength: 5 },
      ),
      async (batches) => {
        const id = await raise(proposer, '属性测试议题', '用来检查支持人数与支持记录是否一致')
        for (const batch of batches)
          await Promise.all(
            batch.map((m) => g.act(people[m.who], m.support ? 'support' : 'withdrawSupport', { proposalId: id })),
          )
        const doc = await proposalDoc(id)
        expect(doc?.supports).toBe(await activeSupports(id))
        expect(doc?.status).toBe('open')
      },
    ),
    { numRuns: 12 },
  )
  await g.ok(chief, 'updateSettings', { gridId: GRID, supportThreshold: 3 })
})
