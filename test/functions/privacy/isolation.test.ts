/**
 * Home isolation in privacy.exportMyData and privacy.requestDeletion, through the real wx-server-sdk in the local
 * cloud: a resident's export holds their household's isolation with each task's state and taker; a volunteer's holds
 * the tasks they finished. After the volunteer's deletion the task they held is 待领取 again (the day counter equals
 * its recount) and every task of theirs reads 已注销居民, none their name; asked again, the deletion repeats nothing.
 */
import cloudSdk from 'wx-server-sdk'
import { forgetIsolation } from '../../../cloudfunctions/privacy/isolation'
import type { IsolationCard, MyData } from '../../../core/contract'
import { DELETED_NAME } from '../../../core/grid/phone-visibility'
import { isolationDayId, isolationTaskId } from '../../../core/ids'
import { addDays, beijingDayOf } from '../../../core/isolation/schedule'
import { recountDay } from '../../../core/isolation/tasks'
import type { IsolationDayDoc, IsolationTaskDoc, PersonDoc } from '../../../core/model'
import { createData } from '../../../server/data'
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

  await privacy(volunteer, 'requestDeletion', { confirm: true })
  // asked again (a deletion cut off after this step), it repeats nothing
  await forgetIsolation(createData(cloudSdk.database()), volunteer, DELETED_NAME)
  const { isolationTasks, isolationDays } = await g.collections(['isolationTasks', 'isolationDays'])
  const tasks = (isolationTasks as IsolationTaskDoc[]).filter((t) => t.isolationId === card.id)
  expect(tasks.find((t) => t._id === garbage)).toMatchObject({ state: 'open', holderId: null, holderName: null })
  expect(tasks.find((t) => t._id === delivery)).toMatchObject({ state: 'done', holderName: DELETED_NAME })
  expect(JSON.stringify(isolationTasks)).not.toContain(volunteer.name)
  const day = (isolationTasks as IsolationTaskDoc[]).filter((t) => t.gridId === 'g4' && t.day === tomorrow)
  const c = (isolationDays as IsolationDayDoc[]).find((x) => x._id === isolationDayId('g4', tomorrow))
  expect({ due: c?.due, claimed: c?.claimed, done: c?.done }).toEqual(recountDay(day))
})
