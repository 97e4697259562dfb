/**
 * Home isolation in privacy.exportMyData and privacy.requestDeletion, through the real wx-server-sdk in the local
 * cloud: a resident's export holds their household's isolation with each task's state and taker; a volunteer's holds
 * the tasks they finished, and the 战时网格 they led; 导出我的数据 reads each in plain Chinese. After the volunteer's deletion the task they held is 待领取 again (the day counter equals
 * its recount) and every task of theirs reads 已注销居民, none their name; asked again, the deletion repeats nothing.
 */
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }))
jest.mock('@tarojs/components', () => ({}))
jest.mock('../../../src/ui/nutui', () => ({}))

import cloudSdk from 'wx-server-sdk'
import { forgetIsolation } from '../../../cloudfunctions/privacy/isolation'
import type { IsolationCard, MyData } from '../../../core/contract'
import { DELETED_NAME } from '../../../core/grid/phone-visibility'
import { isolationDayId, isolationTaskId } from '../../../core/ids'
import { addDays, beijingDayOf } from '../../../core/isolation/schedule'
import { recountDay } from '../../../core/isolation/tasks'
import type { IsolationDayDoc, IsolationTaskDoc, PersonDoc, WartimeGridDoc } from '../../../core/model'
import { createData } from '../../../server/data'
import { describeMyData } from '../../../src/components/my-data-view'
import { startIsolationCloud, type IsolationCloud } from '../harness/isolation-cloud'

jest.setTimeout(300_000)

let g: IsolationCloud
let chief: PersonDoc
beforeAll(async () => {
  g = await startIsolationCloud(['isolation', 'privacy'])
  chief = await g.newLeader('gridChief', 'g4')
})
afterAll(async () => {
  await g?.close()
})

const privacy = async <T>(p: PersonDoc, action: string, payload: unknown): Promise<T> => {
  const res = (await g.cloud.callFunction('privacy', { action, payload }, { openid: p.openid as string })).result as {
    ok: boolean
    data: T
    message?: string
  }
  if (!res.ok) throw new Error(`privacy.${action}: ${res.message}`)
  return res.data
}

it('exports the household’s isolation and the volunteer’s served tasks; deletion gives back what they hold and leaves no name', async () => {
  const tomorrow = addDays(beijingDayOf(new Date()), 1)
  const resident = await g.newResident('g4', 3)
  const volunteer = await g.newResident('c1', 80, true)
  const card = await g.ok<IsolationCard>(chief, 'mark', {
    householdId: resident.householdId,
    startDay: tomorrow,
    days: 1,
    supplies: { times: ['10:00'], note: '蔬菜' },
    garbage: { times: ['09:00'] },
  })
  const delivery = isolationTaskId(card.id, 'supplies', tomorrow, '10:00')
  const garbage = isolationTaskId(card.id, 'garbage', tomorrow, '09:00')
  await g.ok(volunteer, 'claim', { taskId: delivery })
  await g.ok(volunteer, 'done', { taskId: delivery, note: '已送到门口' })
  await g.ok(volunteer, 'claim', { taskId: garbage })

  const theirs = await privacy<MyData>(resident, 'exportMyData', {})
  expect(theirs.isolation?.household).toEqual([
    expect.objectContaining({
      id: card.id,
      startDay: tomorrow,
      tasks: [
        expect.objectContaining({ kind: 'garbage', state: 'claimed', holderName: volunteer.name }),
        expect.objectContaining({ kind: 'supplies', state: 'done', holderName: volunteer.name }),
      ],
    }),
  ])
  const served = await privacy<MyData>(volunteer, 'exportMyData', {})
  expect(served.isolation?.served).toEqual([
    expect.objectContaining({ taskId: delivery, doneNote: '已送到门口', minutes: 30 }),
  ])

  // 导出我的数据 reads both in plain Chinese
  const lines = (d: MyData, title: string) =>
    describeMyData(d)
      .find((x) => x.title === title)
      ?.rows.map((r) => `${r.label} ${r.value}`)
  expect(lines(theirs, '居家隔离')).toEqual([
    `居家隔离 ${tomorrow} 至 ${tomorrow} · 隔离中 · 服务 2 次，已完成 1 次`,
    `${tomorrow} 09:00 垃圾清运 · 已领取 · ${volunteer.name}`,
    `${tomorrow} 10:00 物资配送 · 已完成 · ${volunteer.name}`,
  ])
  expect(lines(served, '居家隔离')).toEqual([
    '我完成的隔离服务 1 次',
    `${tomorrow} 10:00 ${card.household.name} · 物资配送 · 已送到门口`,
  ])
  expect(describeMyData(served).find((x) => x.title === '我负责的战时网格')?.rows).toEqual([])

  // the 战时网格 the volunteer was named to lead, one retired, are in their export and on the page
  const now = Date.now()
  const wartime = (n: number, retired: boolean): WartimeGridDoc => ({
    _id: `wg_privacy_${n}`,
    emergencyId: 'em_privacy',
    emergencyName: '寒潮防冻',
    gridId: 'g4',
    gridPath: (g.demo.units.find((u) => u._id === 'g4') as { path: string }).path,
    gridName: '四网格',
    name: `东片${n}`,
    kind: 'building',
    buildingIds: ['b1'],
    buildingNames: ['1栋', '2栋'].slice(0, n),
    leaderId: volunteer._id,
    leader: { personId: volunteer._id, name: volunteer.name, reserveMemberId: volunteer._id, kind: 'volunteer' },
    createdAt: new Date(now - (3 - n) * 60_000),
    createdBy: chief._id,
    createdByName: chief.name,
    createdTap: `${chief._id}_wg${n}`,
    retiredAt: retired ? new Date(now) : null,
    retiredBy: retired ? chief._id : null,
    retiredByName: retired ? chief.name : null,
    updatedAt: new Date(now),
  })
  await g.cloud.seed({ wartimeGrids: [wartime(1, true), wartime(2, false)] })
  const led = await privacy<MyData>(volunteer, 'exportMyData', {})
  expect(led.wartime?.led).toEqual([
    expect.objectContaining({ name: '东片2', emergencyName: '寒潮防冻', buildings: ['1栋', '2栋'], retiredAt: null }),
    expect.objectContaining({ name: '东片1', buildings: ['1栋'], retiredAt: expect.any(String) }),
  ])
  expect(lines(led, '我负责的战时网格')).toEqual([
    '东片2 寒潮防冻 · 四网格 · 按楼栋 · 1栋、2栋 · 负责中',
    '东片1 寒潮防冻 · 四网格 · 按楼栋 · 1栋 · 已撤销',
  ])
  expect((await privacy<MyData>(resident, 'exportMyData', {})).wartime?.led).toEqual([])

  await privacy(volunteer, 'requestDeletion', { confirm: true })
  // asked again (a deletion cut off after this step), it repeats nothing
  await forgetIsolation(createData(cloudSdk.database()), volunteer, DELETED_NAME)
  const { isolationTasks, isolationDays } = await g.collections(['isolationTasks', 'isolationDays'])
  const tasks = (isolationTasks as IsolationTaskDoc[]).filter((t) => t.isolationId === card.id)
  expect(tasks.find((t) => t._id === garbage)).toMatchObject({ state: 'open', holderId: null, holderName: null })
  expect(tasks.find((t) => t._id === delivery)).toMatchObject({ state: 'done', holderName: DELETED_NAME })
  expect(JSON.stringify(isolationTasks)).not.toContain(volunteer.name)
  // the 战时网格 they led stay, without their name
  const { wartimeGrids } = await g.collections(['wartimeGrids'])
  expect(
    (wartimeGrids as WartimeGridDoc[]).filter((w) => w.leaderId === volunteer._id).map((w) => w.leader.name),
  ).toEqual([DELETED_NAME, DELETED_NAME])
  const day = (isolationTasks as IsolationTaskDoc[]).filter((t) => t.gridId === 'g4' && t.day === tomorrow)
  const c = (isolationDays as IsolationDayDoc[]).find((x) => x._id === isolationDayId('g4', tomorrow))
  expect({ due: c?.due, claimed: c?.claimed, done: c?.done }).toEqual(recountDay(day))
})
