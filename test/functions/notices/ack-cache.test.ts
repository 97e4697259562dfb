/**
 * 收到 keeps the notice per function instance (cloudfunctions/notices/ack-notices.ts) and nothing of the caller:
 * a later 收到 of the same notice reads no notice, yet what changed since is seen — a building moved to another
 * grid (the notice's paths rewritten), a resident who left their household, a notice that ended. Every function
 * runs in the local cloud; calls one after another reach the same warm instance.
 */
import type { AckResult } from '../../../core/contract'
import type { AckDoc, NoticeDoc, PersonDoc, ReceiptDoc } from '../../../core/model'
import { isWithin, type Unit } from '../../../core/units'
import { buildFunctions } from '../../../scripts/build-functions'
import { inDays, startNoticesCloud, type NoticesCloud } from '../harness/notices-cloud'

jest.setTimeout(120_000)

let c: NoticesCloud
beforeAll(async () => {
  await buildFunctions(['join', 'org'])
  c = await startNoticesCloud()
}, 180_000)
afterAll(() => c?.close())

/** Signed-up residents with no other role under `path`, one per household. */
const onePerHousehold = (path: string): PersonDoc[] => {
  const seen = new Set<string>()
  return c.demo.people.filter(
    (p) =>
      p.openid &&
      p.roles.length === 1 &&
      p.homePath &&
      isWithin(p.homePath, path) &&
      !seen.has(p.householdId as string) &&
      !!seen.add(p.householdId as string),
  )
}

const call = async (fn: string, person: PersonDoc, action: string, payload: unknown) =>
  (await c.cloud.callFunction(fn, { action, payload }, { openid: person.openid as string })).result as {
    ok: boolean
    code?: string
  }

const publish = async (unitId: string, title: string, expiresAt = inDays(2)) =>
  (
    await c.ok<{ id: string }>(c.holder('streetStaff', 's1'), 'publish', {
      title,
      body: '请各户回复收到。',
      urgency: 'urgent',
      expiresAt,
      unitIds: [unitId],
    })
  ).id

/** Reads of the notices collection a call makes. */
async function noticeReads(run: () => Promise<unknown>): Promise<number> {
  c.cloud.queryStats({ reset: true })
  await run()
  return c.cloud.queryStats().byCollection.notices?.queries ?? 0
}

it('a later 收到 reads no notice, and a grid moved to another community since still takes 收到 and counts', async () => {
  const grid = 'g3'
  const [first, second, third] = onePerHousehold(c.unit(grid).path)
  const noticeId = await publish(grid, '第3网格停水通知')
  expect(await c.ok<AckResult>(first, 'ack', { noticeId })).toEqual({ acked: true, householdReached: true })

  expect(await noticeReads(() => c.ok(second, 'ack', { noticeId }))).toBe(0)

  // the grid to 春晖社区 (renamed first: 春晖社区 has a 第3网格): the notice's paths and the homes' paths change
  const staff = c.holder('streetStaff', 's1')
  expect(await call('org', staff, 'renameUnit', { unitId: grid, name: '第10网格' })).toMatchObject({ ok: true })
  expect(await call('org', staff, 'moveUnit', { unitId: grid, newParentId: 'c2' })).toMatchObject({ ok: true })
  const dump = await c.dump()
  expect((dump.notices as NoticeDoc[]).find((n) => n._id === noticeId)?.unitPaths).toEqual(['/s1/c2/g3/'])
  expect((dump.people as PersonDoc[]).find((p) => p._id === third._id)?.homePath).toMatch(/^\/s1\/c2\/g3\//)

  expect(await c.ok<AckResult>(third, 'ack', { noticeId })).toEqual({ acked: true, householdReached: true })
  const receipts = ((await c.dump()).receipts as ReceiptDoc[]).filter((r) => r.noticeId === noticeId)
  expect(receipts.map((r) => r.householdId).sort()).toEqual(
    [first, second, third].map((p) => p.householdId as string).sort(),
  )
  expect(((await c.dump()).units as Unit[]).find((u) => u._id === third.householdId)?.path).toMatch(/^\/s1\/c2\//)
})

it('who left their household cannot press 收到 on a notice the instance keeps, and nothing is written', async () => {
  const [stays, leaver] = onePerHousehold('/s1/c1/g4/')
  const noticeId = await publish('g4', '第4网格消杀通知')
  expect(await c.ok<AckResult>(stays, 'ack', { noticeId })).toMatchObject({ acked: true })

  expect(await call('join', leaver, 'leaveHousehold', {})).toMatchObject({ ok: true })
  expect(await c.act(leaver, 'ack', { noticeId })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  const dump = await c.dump()
  expect((dump.acks as AckDoc[]).filter((a) => a.noticeId === noticeId && a.personId === leaver._id)).toEqual([])
  expect(
    (dump.receipts as ReceiptDoc[]).filter((r) => r.noticeId === noticeId && r.householdId === leaver.householdId),
  ).toEqual([])
})

it('a notice the instance keeps stops taking 收到 the moment it ends', async () => {
  const [before, after] = onePerHousehold('/s1/c2/g6/')
  const ends = new Date(Date.now() + 4_000)
  const noticeId = await publish('g6', '临时停电通知', ends.toISOString())
  expect(await c.ok<AckResult>(before, 'ack', { noticeId })).toMatchObject({ acked: true })
  // the condition is the clock passing the notice's end, nothing else
  while (Date.now() <= +ends) await new Promise((resolve) => setTimeout(resolve, 50))
  expect(await c.act(after, 'ack', { noticeId })).toMatchObject({ ok: false, code: 'NOTICE_EXPIRED' })
})
