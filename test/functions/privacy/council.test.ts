/**
 * The council (三长议事) in privacy.exportMyData and privacy.requestDeletion, through the real wx-server-sdk in the local
 * cloud: a resident's export holds the proposals they raised and the ones they support; their deletion withdraws and
 * removes their supports (each proposal's count moving in the same transaction) and leaves their proposals for the
 * grid under 已注销居民, their name nowhere. Cut at every step of the council part and asked again → the same end,
 * and at every cut each count equals its active support records.
 */
import cloudSdk from 'wx-server-sdk'
// 导出我的数据's view is read as the page reads it; the page's UI modules are not needed for that
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }))
jest.mock('@tarojs/components', () => ({}))
jest.mock('../../../src/ui/nutui', () => ({}))
import { forgetCouncil } from '../../../cloudfunctions/privacy/council'
import type { MyData, ProposalDetail } from '../../../core/contract'
import { DELETED_NAME } from '../../../core/grid/phone-visibility'
import type { PersonDoc, ProposalDoc, ProposalSupportDoc } from '../../../core/model'
import { createData } from '../../../server/data'
import { describeMyData } from '../../../src/components/my-data-view'
import { newTap, startCouncilCloud, type CouncilCloud } from '../harness/council-cloud'
import { dyingAt } from '../harness/dying-data'

jest.setTimeout(600_000)

let g: CouncilCloud
let other: PersonDoc
let homes: string[]
let next = 0
beforeAll(async () => {
  g = await startCouncilCloud(['privacy'])
  homes = g.householdsUnder('g1').map((h) => h._id)
  other = await g.newResident(homes[40], '另一位提议人')
})
afterAll(async () => {
  await g?.close()
})

const privacy = async <T>(p: PersonDoc, action: string, payload: unknown): Promise<T> => {
  const res = await g.callAs<T>('privacy', p, action, payload)
  if (!res.ok) throw new Error(`privacy.${action}: ${res.message}`)
  return res.data
}
const raise = async (p: PersonDoc, title: string) =>
  (
    await g.ok<{ id: string }>(p, 'propose', {
      tapId: newTap('priv'),
      gridId: 'g1',
      title,
      text: `${title}，希望网格议一议怎么解决`,
    })
  ).id
const stored = async () => {
  const s = await g.collections(['proposals', 'proposalSupports'])
  return { proposals: s.proposals as ProposalDoc[], supports: s.proposalSupports as ProposalSupportDoc[] }
}
/** Each proposal's count against its active support records (all of them agree: {}). */
async function drift(): Promise<Record<string, [number, number]>> {
  const s = await stored()
  const out: Record<string, [number, number]> = {}
  for (const p of s.proposals) {
    const n = s.supports.filter((x) => x.proposalId === p._id && x.active).length
    if (n !== p.supports) out[p._id] = [p.supports, n]
  }
  return out
}

/** A resident who raised one proposal and supports two others (one already on the agenda with the threshold at 2). */
async function story() {
  const x = await g.newResident(homes[41 + next++], '将注销居民')
  const mine = await raise(x, `住户提出的议题${next}`)
  const theirs = await raise(other, `邻居提出的议题${next}`)
  await g.ok(x, 'support', { proposalId: theirs })
  const neighbour = await g.newResident(homes[41 + next++], '邻居')
  await g.ok(neighbour, 'support', { proposalId: mine })
  return { x, mine, theirs, neighbour }
}

it('exports their proposals and supports; deletion withdraws the supports with the counts and renames the proposals', async () => {
  const s = await story()
  const data = await privacy<MyData>(s.x, 'exportMyData', {})
  expect(data.council?.proposals).toEqual([
    expect.objectContaining({ title: expect.stringContaining('住户提出的议题'), status: 'open', supports: 1 }),
  ])
  expect(data.council?.supports).toEqual([
    expect.objectContaining({ title: expect.stringContaining('邻居提出的议题'), active: true }),
  ])

  // 导出我的数据 shows them in plain Chinese
  const section = describeMyData(data).find((x) => x.title === '三长议事')
  expect(section?.rows.map((r) => `${r.label} ${r.value}`)).toEqual([
    expect.stringMatching(/^我提出的议题 住户提出的议题\d+ · 征集支持 · 1 人支持$/),
    expect.stringMatching(/^我支持的议题 邻居提出的议题\d+$/),
  ])

  await privacy(s.x, 'requestDeletion', { confirm: true })
  const after = await stored()
  expect(after.supports.filter((x) => x.personId === s.x._id)).toEqual([])
  expect(after.proposals.find((p) => p._id === s.theirs)?.supports).toBe(0)
  const mine = after.proposals.find((p) => p._id === s.mine) as ProposalDoc
  expect(mine).toMatchObject({ proposerName: DELETED_NAME, supports: 1 })
  expect(JSON.stringify(after.proposals)).not.toContain(s.x.name)
  expect(await drift()).toEqual({})
  // the grid still reads it, under the deleted name
  const seen = await g.ok<ProposalDetail>(s.neighbour, 'proposal', { proposalId: s.mine })
  expect(seen).toMatchObject({ proposer: DELETED_NAME, supports: 1, iSupport: true })
})

it('cut at every step of the council part and asked again: the same end, and the counts agree at every cut', async () => {
  const db = createData(cloudSdk.database())
  const ref = await story()
  const log: string[] = []
  await forgetCouncil(dyingAt(0, db, log), ref.x, DELETED_NAME)
  expect(log.length).toBeGreaterThan(4)
  for (let at = 1; at <= log.length; at++) {
    const st = await story()
    await expect(forgetCouncil(dyingAt(at, db, []), st.x, DELETED_NAME)).rejects.toThrow('killed at')
    expect({ cut: log[at - 1], drift: await drift() }).toEqual({ cut: log[at - 1], drift: {} })
    await forgetCouncil(db, st.x, DELETED_NAME)
    const s = await stored()
    expect({
      cut: log[at - 1],
      supports: s.supports.filter((x) => x.personId === st.x._id).length,
      theirs: s.proposals.find((p) => p._id === st.theirs)?.supports,
      name: s.proposals.find((p) => p._id === st.mine)?.proposerName,
    }).toEqual({ cut: log[at - 1], supports: 0, theirs: 0, name: DELETED_NAME })
    // a repeat changes nothing
    const before = JSON.stringify(await stored())
    await forgetCouncil(db, st.x, DELETED_NAME)
    expect(JSON.stringify(await stored())).toBe(before)
  }
})
