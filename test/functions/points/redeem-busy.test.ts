/**
 * A redeem that loses every retry to a crowd on the same service is told so in Chinese (SERVICE_BUSY), not
 * INTERNAL: the data layer here answers every transaction with the platform's conflict, as it does when 200 people
 * redeem one service at once (docs/benchmarks.md, issue 10).
 */
import type { PersonDoc } from '../../../core/model'
import type { Caller } from '../../../server/caller'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import { redeem } from '../../../cloudfunctions/points/handlers/vouchers'

const person: PersonDoc = {
  _id: 'p1',
  openid: 'o1',
  name: '王秀英',
  phone: '13800000000',
  householdId: 'h1',
  homePath: '/s1/c1/g1/m1/h1/',
  roles: [{ role: 'resident', unitId: 'h1' }],
  createdAt: new Date(0),
}
const caller: Caller = { openid: 'o1', person, grants: [], units: new Map() }
const conflict = {
  errCode: -501001,
  errMsg: 'document.set:fail -501001 [ResourceUnavailable.TransactionConflict] Transaction is conflict',
}

it('answers SERVICE_BUSY when the transaction keeps conflicting, and passes other failures on', async () => {
  const data = { transaction: () => Promise.reject(conflict) } as unknown as Data
  const call = redeem.handle({
    payload: { serviceId: 's1', requestId: 'request-0001' },
    caller,
    data,
    target: null,
    group: null,
  })
  await expect(call).rejects.toEqual(new AppError('SERVICE_BUSY'))
  const broken = { transaction: () => Promise.reject(new Error('disk full')) } as unknown as Data
  await expect(
    redeem.handle({
      payload: { serviceId: 's1', requestId: 'request-0001' },
      caller,
      data: broken,
      target: null,
      group: null,
    }),
  ).rejects.toThrow('disk full')
})
