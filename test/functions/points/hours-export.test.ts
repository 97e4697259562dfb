/**
 * points.exportHours files its spreadsheet under its own retention purpose (core/uploads.ts hoursExport): the files
 * sweep deletes it an hour after it was made, and its download URL stops working with it.
 */
import type { Envelope } from '../../../core/envelope'
import type { UploadDoc } from '../../../core/model'
import { EXPORT_RETENTION_MS } from '../../../core/uploads'
import { data, startFunctionsCloud, type FunctionsCloud } from '../harness/functions-cloud'

jest.setTimeout(180_000)

let g: FunctionsCloud
beforeAll(async () => {
  g = await startFunctionsCloud(['points', 'files'], { timers: false })
})
afterAll(() => g?.close())

const sweep = async (at: Date) =>
  data(
    (
      await g.cloud.callFunction(
        'files',
        { Type: 'Timer', TriggerName: 'sweep', Time: at.toISOString(), Message: '' },
        { openid: '' },
      )
    ).result as Envelope<{ deleted: number; rechecked: number }>,
  )

it('the sweep deletes an hours export an hour after it was made, not before', async () => {
  const staff = g.persona('communityStaff')
  const made = Date.now()
  const res = await g.cloud.callFunction(
    'points',
    { action: 'exportHours', payload: { by: 'activity', activityId: 'act-past-testing' } },
    { openid: staff.openid! },
  )
  const file = data(res.result as Envelope<{ fileID: string; url: string; rows: number }>)
  expect(file.rows).toBeGreaterThan(0)
  const record = async () => ((await g.dump()).uploads as UploadDoc[]).find((u) => u.fileID === file.fileID)
  expect(await record()).toMatchObject({ purpose: 'hoursExport', state: 'export', ownerId: staff._id })
  const expiresAt = +new Date((await record())!.expiresAt!)
  expect(expiresAt - made).toBeGreaterThanOrEqual(EXPORT_RETENTION_MS.hoursExport - 1000)
  expect(expiresAt - Date.now()).toBeLessThanOrEqual(EXPORT_RETENTION_MS.hoursExport)
  expect((await fetch(file.url)).status).toBe(200)

  await sweep(new Date(made + 59 * 60_000))
  expect((await fetch(file.url)).status).toBe(200)
  expect(await record()).toBeDefined()

  await sweep(new Date(Date.now() + 61 * 60_000))
  expect((await fetch(file.url)).status).toBe(404)
  expect(await record()).toBeUndefined()
})
