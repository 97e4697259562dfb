/**
 * Photos the image check refused, as their uploader and others read them on the h5 build against the local cloud
 * (the check's stand-in finds a word in the photo's bytes): a grid chief's patrol finding on 巡查台账, a volunteer's
 * 完成 photo on 隔离服务任务 (我最近完成的; the household sees the passed one on 我家的隔离服务), a resident's proposal
 * on 议题详情. The uploader reads 1 张图片未通过内容安全审核，已对所有人隐藏 beside the photo that passed; another
 * reader sees the passed photo and no such line. A photo whose verdict is held back (still 审核中) is marked 审核中 for its uploader on those three pages and
 * on 诉求详情 (the report's photo and a 办结 step's), and for the scope's leaders; another resident does not get it.
 * Every page is screenshotted at 375×800 and raises no page error.
 */
import { PNG } from 'pngjs'
import type { Page } from 'playwright-core'
import type { Envelope } from '../../core/envelope'
import { isolationTaskId } from '../../core/ids'
import { addDays, beijingDayOf } from '../../core/isolation/schedule'
import type { PersonDoc } from '../../core/model'
import { ancestorAt } from '../../core/units'
import type { ImagePurpose } from '../../core/uploads'
import { holderOf, personaPerson, shot, startDemoCloud, unitOf, type DemoCloud } from './demo-cloud'

jest.setTimeout(300_000)

const RISKY = 'RISKY-IN-BROWSER'
const LINE = '1 张图片未通过内容安全审核，已对所有人隐藏'

let d: DemoCloud
beforeAll(async () => {
  d = await startDemoCloud('withheld', { timers: false })
  d.cloud.mediaChecks.configure({ riskyWords: [RISKY] })
})
afterAll(async () => {
  await d?.close()
})

type Tagged = Page & { errors: string[] }
const open = (person: PersonDoc, route: string): Promise<Tagged> => d.openAs(person, route)

async function call<T>(fn: string, person: PersonDoc, action: string, payload: unknown): Promise<T> {
  const { result } = await d.cloud.callFunction(fn, { action, payload }, { openid: person.openid as string })
  const envelope = result as Envelope<T>
  if (!envelope.ok) throw new Error(`${fn}.${action}: ${envelope.code} ${envelope.message}`)
  return envelope.data
}

/** A real 8×8 PNG (the mark after its end is what the check's word list finds), uploaded as the app does. */
async function photo(person: PersonDoc, purpose: ImagePurpose, mark = ''): Promise<string> {
  const png = new PNG({ width: 8, height: 8 })
  png.data.fill(mark ? 90 : 180)
  const bytes = Buffer.concat([PNG.sync.write(png), Buffer.from(mark)])
  const { uploads } = await call<{ uploads: { cloudPath: string }[] }>('files', person, 'reserve', {
    purpose,
    exts: ['png'],
  })
  const res = await fetch(`${d.cloud.url}/local/storage/upload?cloudPath=${encodeURIComponent(uploads[0].cloudPath)}`, {
    method: 'POST',
    body: new Uint8Array(bytes),
  })
  const { fileID } = (await res.json()) as { fileID: string }
  await call('files', person, 'uploaded', { purpose, fileIDs: [fileID] })
  return fileID
}

/** Both photos of an item: one the check refuses, one it passes. */
const twoPhotos = async (person: PersonDoc, purpose: ImagePurpose) => [
  await photo(person, purpose, RISKY),
  await photo(person, purpose),
]

const resident = () => personaPerson(d.demo, 'resident', 0)
const gridOf = (p: PersonDoc): string => ancestorAt(p.homePath ?? '', 'grid') ?? ''

it('巡查台账: the patroller reads that a finding’s photo was withheld; the grid’s party leader does not', async () => {
  const gridId = gridOf(resident())
  const chief = holderOf(d.demo, 'gridChief', gridId)
  const party = holderOf(d.demo, 'partyLeader', gridId)
  const start = Date.now() - 70 * 60_000
  await call('requests', chief, 'logPatrol', {
    gridId,
    tapId: `withheld-patrol-${Date.now().toString(36)}`,
    route: '东门—中心花园—地下车库',
    startedAt: new Date(start).toISOString(),
    endedAt: new Date(start + 60 * 60_000).toISOString(),
    findings: [
      {
        description: '单元门口有小广告，已当场清理',
        photos: await twoPhotos(chief, 'request'),
        category: 'sanitation',
        asRequest: false,
      },
    ],
  })
  await d.cloud.mediaChecks.settled()

  const mine = await open(chief, 'manage/requests/patrol/index')
  const row = mine.locator('.patrol-row', { hasText: '单元门口有小广告' }).first()
  await row.locator('.photo-grid__withheld', { hasText: LINE }).waitFor()
  expect(await row.locator('.photo-grid__photo').count()).toBe(1)
  await row.scrollIntoViewIfNeeded()
  await shot(mine, 'withheld-patrol-chief')
  expect(mine.errors).toEqual([])

  const theirs = await open(party, 'manage/requests/patrol/index')
  const same = theirs.locator('.patrol-row', { hasText: '单元门口有小广告' }).first()
  await same.locator('.photo-grid__photo').waitFor()
  expect(await same.locator('.photo-grid__withheld').count()).toBe(0)
  expect(await theirs.locator('body').innerText()).not.toContain('未通过内容安全审核')
  expect(theirs.errors).toEqual([])
})

it('隔离服务任务: the volunteer reads it under 我最近完成的', async () => {
  const neighbour = personaPerson(d.demo, 'resident', 1)
  const home = unitOf(d.demo, neighbour.householdId as string)
  const gridId = gridOf(neighbour)
  const chief = holderOf(d.demo, 'gridChief', gridId)
  const head = personaPerson(d.demo, 'buildingHead', 0)
  const tomorrow = addDays(beijingDayOf(new Date()), 1)
  const card = await call<{ id: string }>('isolation', chief, 'mark', {
    householdId: home._id,
    startDay: tomorrow,
    days: 1,
    reason: '密接，居家观察',
    supplies: { times: ['10:00'], note: '米、蔬菜、牛奶' },
    garbage: { times: [] },
  })
  const taskId = isolationTaskId(card.id, 'supplies', tomorrow, '10:00')
  await call('isolation', head, 'claim', { taskId })
  await call('isolation', head, 'done', { taskId, note: '已放门口', photos: await twoPhotos(head, 'isolation') })
  await d.cloud.mediaChecks.settled()

  const tasks = await open(head, 'emergency/isolation/tasks/index')
  const done = tasks.locator('.iso-finished-task', { hasText: home.name }).first()
  await done.locator('.photo-grid__withheld', { hasText: LINE }).waitFor()
  expect(await done.locator('.photo-grid__photo').count()).toBe(1)
  await done.scrollIntoViewIfNeeded()
  await shot(tasks, 'withheld-isolation-volunteer')
  expect(tasks.errors).toEqual([])

  // the household, on 我家的隔离服务 (tomorrow's tasks): the photo that passed, and no word of the other
  const theirs = await open(neighbour, 'emergency/isolation/home/index')
  await theirs.locator('.iso-day-next').click()
  const task = theirs.locator('.iso-home-task', { hasText: '志愿者留言：已放门口' }).first()
  await task.locator('.photo-grid__photo').waitFor()
  expect(await task.locator('.photo-grid__photo').count()).toBe(1)
  expect(await theirs.locator('body').innerText()).not.toContain('未通过内容安全审核')
  await task.scrollIntoViewIfNeeded()
  await shot(theirs, 'withheld-isolation-household')
  expect(theirs.errors).toEqual([])
})

it('议题详情: the proposer reads it under the photos; a neighbour sees the passed photo and no such line', async () => {
  const proposer = resident()
  const neighbour = personaPerson(d.demo, 'resident', 1)
  expect(gridOf(neighbour)).toBe(gridOf(proposer))
  const { id } = await call<{ id: string }>('council', proposer, 'propose', {
    tapId: `withheld-proposal-${Date.now().toString(36)}`,
    gridId: gridOf(proposer),
    title: '小区东门加装遮雨棚',
    text: '东门等候区没有遮挡，下雨天老人接送孩子全身湿透，希望加装遮雨棚',
    photos: await twoPhotos(proposer, 'proposal'),
  })
  await d.cloud.mediaChecks.settled()

  const mine = await open(proposer, `council/proposal/index?id=${id}`)
  await mine.locator('.photo-grid__withheld', { hasText: LINE }).waitFor()
  expect(await mine.locator('.photo-grid__photo').count()).toBe(1)
  await shot(mine, 'withheld-proposal-proposer')
  expect(mine.errors).toEqual([])

  const theirs = await open(neighbour, `council/proposal/index?id=${id}`)
  await theirs.locator('.photo-grid__photo').waitFor()
  expect(await theirs.locator('.photo-grid__withheld').count()).toBe(0)
  expect(await theirs.locator('body').innerText()).not.toContain('未通过内容安全审核')
  await shot(theirs, 'withheld-proposal-neighbour')
  expect(theirs.errors).toEqual([])
})

describe('审核中: a photo whose verdict has not come yet', () => {
  const CHECKING = '.photo-grid__item--checking'
  const HINT = '审核中的图片只有上传人和负责干部看得到'
  beforeEach(() => {
    d.cloud.mediaChecks.configure({ hold: true })
  })
  afterEach(async () => {
    d.cloud.mediaChecks.configure({ hold: false })
    await d.cloud.mediaChecks.release()
    await d.cloud.mediaChecks.settled()
  })

  /** The marks `page` shows in `scope`: each 审核中 photo carries the word, and the page explains it once. */
  async function marked(page: Tagged, scope: ReturnType<Page['locator']>, n: number) {
    await scope.locator(CHECKING).first().waitFor()
    expect(await scope.locator(CHECKING).count()).toBe(n)
    expect(await scope.locator(`${CHECKING} .photo-grid__checking`).allInnerTexts()).toEqual(Array(n).fill('审核中'))
    expect(await page.locator('body').innerText()).toContain(HINT)
  }

  it('诉求详情: the reporter sees their report’s photo 审核中; the chief sees it and their own 办结 photo 审核中', async () => {
    const reporter = resident()
    const chief = holderOf(d.demo, 'gridChief', gridOf(reporter))
    const { id } = await call<{ id: string }>('requests', reporter, 'report', {
      tapId: `held-report-${Date.now().toString(36)}`,
      category: 'sanitation',
      description: '3号楼北侧绿地有人倾倒建筑垃圾，已经堆了好几天',
      photos: [await photo(reporter, 'request')],
      place: { kind: 'spot', unitId: gridOf(reporter), label: '3号楼北侧绿地' },
    })
    await call('requests', chief, 'act', { id, move: 'accept', tapId: `held-accept-${id}` })
    await call('requests', chief, 'act', {
      id,
      move: 'complete',
      note: '已清运',
      photos: [await photo(chief, 'request')],
      tapId: `held-complete-${id}`,
    })

    const mine = await open(reporter, `requests/detail/index?id=${id}`)
    await marked(mine, mine.locator('.detail-summary'), 1)
    // the chief's 办结 photo is not theirs and still unchecked: the reporter does not get it yet
    expect(await mine.locator('.photo-grid__photo').count()).toBe(1)
    await shot(mine, 'checking-request-reporter')
    expect(mine.errors).toEqual([])

    const theirs = await open(chief, `requests/detail/index?id=${id}`)
    await marked(theirs, theirs.locator('body'), 2)
    const step = theirs.locator('.timeline-event', { hasText: '已清运' })
    expect(await step.locator(CHECKING).count()).toBe(1)
    await step.scrollIntoViewIfNeeded()
    await shot(theirs, 'checking-request-chief')
    expect(theirs.errors).toEqual([])
  })

  it('巡查台账: the patroller and the grid’s party leader see the finding’s photo 审核中', async () => {
    const gridId = gridOf(resident())
    const chief = holderOf(d.demo, 'gridChief', gridId)
    const party = holderOf(d.demo, 'partyLeader', gridId)
    const start = Date.now() - 40 * 60_000
    await call('requests', chief, 'logPatrol', {
      gridId,
      tapId: `held-patrol-${Date.now().toString(36)}`,
      route: '南门—健身区—垃圾分类亭',
      startedAt: new Date(start).toISOString(),
      endedAt: new Date(start + 30 * 60_000).toISOString(),
      findings: [
        {
          description: '垃圾分类亭旁有积水',
          photos: [await photo(chief, 'request')],
          category: 'sanitation',
          asRequest: false,
        },
      ],
    })
    for (const [who, name] of [
      [chief, 'checking-patrol-chief'],
      [party, 'checking-patrol-party'],
    ] as const) {
      const page = await open(who, 'manage/requests/patrol/index')
      const row = page.locator('.patrol-row', { hasText: '垃圾分类亭旁有积水' }).first()
      await marked(page, row, 1)
      await row.scrollIntoViewIfNeeded()
      await shot(page, name)
      expect(page.errors).toEqual([])
    }
  })

  it('隔离服务任务: the volunteer sees their 完成 photo 审核中 under 我最近完成的', async () => {
    // a lived-in home beside the resident persona's, isolated neither by the seed nor by the test above
    const own = unitOf(d.demo, resident().householdId as string)
    const taken = new Set([own._id, personaPerson(d.demo, 'resident', 1).householdId])
    const home = d.demo.units.find(
      (u) =>
        u.level === 'household' &&
        u.parentId === own.parentId &&
        !taken.has(u._id) &&
        d.demo.people.some((p) => p.householdId === u._id),
    )
    if (!home) throw new Error(`no other lived-in home beside ${own.name}`)
    const chief = holderOf(d.demo, 'gridChief', gridOf(resident()))
    const head = personaPerson(d.demo, 'buildingHead', 0)
    const tomorrow = addDays(beijingDayOf(new Date()), 1)
    const card = await call<{ id: string }>('isolation', chief, 'mark', {
      householdId: home._id,
      startDay: tomorrow,
      days: 1,
      reason: '密接，居家观察',
      supplies: { times: ['11:00'], note: '米、面' },
      garbage: { times: [] },
    })
    const taskId = isolationTaskId(card.id, 'supplies', tomorrow, '11:00')
    await call('isolation', head, 'claim', { taskId })
    await call('isolation', head, 'done', { taskId, note: '已放门口', photos: [await photo(head, 'isolation')] })

    const tasks = await open(head, 'emergency/isolation/tasks/index')
    const done = tasks.locator('.iso-finished-task', { hasText: home.name }).first()
    await marked(tasks, done, 1)
    await done.scrollIntoViewIfNeeded()
    await shot(tasks, 'checking-isolation-volunteer')
    expect(tasks.errors).toEqual([])
  })

  it('议题详情: the proposer sees their photo 审核中; a neighbour does not get it yet', async () => {
    const proposer = resident()
    const neighbour = personaPerson(d.demo, 'resident', 1)
    const { id } = await call<{ id: string }>('council', proposer, 'propose', {
      tapId: `held-proposal-${Date.now().toString(36)}`,
      gridId: gridOf(proposer),
      title: '儿童游乐区铺设软垫',
      text: '游乐区地面是水泥的，孩子摔倒容易受伤，希望铺上软垫',
      photos: [await photo(proposer, 'proposal')],
    })

    const mine = await open(proposer, `council/proposal/index?id=${id}`)
    await marked(mine, mine.locator('body'), 1)
    await shot(mine, 'checking-proposal-proposer')
    expect(mine.errors).toEqual([])

    const theirs = await open(neighbour, `council/proposal/index?id=${id}`)
    await theirs.locator('text=儿童游乐区铺设软垫').first().waitFor()
    expect(await theirs.locator('.photo-grid__photo').count()).toBe(0)
    expect(await theirs.locator('body').innerText()).not.toContain('审核中')
    expect(theirs.errors).toEqual([])
  })
})
