/**
 * A proposal's photos (议题) through the image check, as a request's go (request-photos.test.ts), through the real
 * wx-server-sdk in the local cloud: until its verdict comes a photo is 审核中, shown on 议题详情 to the proposer and the
 * grid's heads only; a photo the check finds risky is hidden from everyone — neighbours, heads, the proposer too —
 * and the proposer alone reads how many of theirs were withheld; a neighbour reading the proposal learns nothing of it.
 */
import type { ProposalDetail } from '../../../core/contract'
import type { AuditDoc, PersonDoc } from '../../../core/model'
import { withheldLine } from '../../../core/uploads'
import cloudSdk from 'wx-server-sdk'
import { newTap, startCouncilCloud, type CouncilCloud } from '../harness/council-cloud'
import { markedPhoto, pathOf, record, resetChecks } from './marked-photo'

jest.setTimeout(120_000)

let g: CouncilCloud
let proposer: PersonDoc
let neighbour: PersonDoc
let chief: PersonDoc
const GRID = 'g1'

beforeAll(async () => {
  g = await startCouncilCloud()
  const homes = g.householdsUnder(GRID)
  proposer = await g.newResident(homes[12]._id, '提议人')
  neighbour = await g.newResident(homes[13]._id, '邻居')
  chief = g.demo.people.find((p) => p.roles.some((r) => r.role === 'gridChief' && r.unitId === GRID)) as PersonDoc
}, 180_000)
afterAll(async () => {
  await g?.close()
})
afterEach(() => resetChecks(g.cloud))

const detail = (p: PersonDoc, proposalId: string) => g.ok<ProposalDetail>(p, 'proposal', { proposalId })

describe('a proposal photo the image check finds risky', () => {
  it('审核中 for the proposer and the heads; once risky, hidden from all, the proposer told, a neighbour nothing', async () => {
    g.cloud.mediaChecks.configure({ riskyWords: ['RISKY-PROPOSAL'], hold: true })
    const risky = await markedPhoto(g.cloud, proposer, 'proposal', 'RISKY-PROPOSAL')
    const fine = await markedPhoto(g.cloud, proposer, 'proposal')
    const { id } = await g.ok<{ id: string }>(proposer, 'propose', {
      tapId: newTap('photos'),
      gridId: GRID,
      title: '小区东门加装遮雨棚',
      text: '东门等候区没有遮挡，下雨天老人接送孩子全身湿透，希望加装遮雨棚',
      photos: [risky, fine],
    })
    await g.cloud.mediaChecks.settled()
    expect((await record(risky))?.state).toBe('pending')

    // 审核中: both photos for the proposer and the grid's chief, none for a neighbour; no count for anyone yet
    for (const p of [proposer, chief]) expect(await detail(p, id)).toMatchObject({ withheldPhotos: 0 })
    for (const p of [proposer, chief]) {
      const held = await detail(p, id)
      expect(held.photos).toHaveLength(2)
      // both marked 审核中 on 议题详情 (checkingPhotos)
      expect(held.checkingPhotos).toEqual(held.photos)
    }
    expect(await detail(neighbour, id)).toMatchObject({ photos: [], checkingPhotos: [], withheldPhotos: 0 })

    expect(await g.cloud.mediaChecks.release()).toBe(2)
    expect(await record(risky)).toMatchObject({ state: 'risky', attachedTo: { kind: 'proposal', id } })
    expect((await record(fine))?.state).toBe('pass')

    // the proposer: the passed photo, and the count of the withheld one (never the photo itself)
    const mine = await detail(proposer, id)
    expect(mine.photos).toEqual([expect.stringContaining(pathOf(fine))])
    expect(mine.checkingPhotos).toEqual([])
    expect(mine.withheldPhotos).toBe(1)
    expect(JSON.stringify(mine)).not.toContain(pathOf(risky))
    expect(withheldLine(mine.withheldPhotos)).toBe('1 张图片未通过内容安全审核，已对所有人隐藏')

    // a neighbour and the chief: the passed photo only, and no word of the other — nor on the grid's list
    for (const other of [neighbour, chief]) {
      const seen = await detail(other, id)
      expect(seen.photos).toEqual([expect.stringContaining(pathOf(fine))])
      expect(seen.withheldPhotos).toBe(0)
      expect(JSON.stringify(seen)).not.toContain(pathOf(risky))
    }
    const list = await g.act(neighbour, 'proposals', { gridId: GRID })
    expect(list.ok).toBe(true)
    expect(JSON.stringify(list)).not.toContain(pathOf(risky))

    const audit = (
      (await cloudSdk
        .database()
        .collection('audit')
        .where({ action: 'council.propose', actorId: proposer._id })
        .get()) as unknown as { data: AuditDoc[] }
    ).data
    expect(audit).toEqual([expect.objectContaining({ subjectIds: [proposer._id], unitId: GRID })])
  })
})
