/**
 * The oversell race (WebVol checks stock, then inserts without a transaction): 200 residents, each with enough
 * points, redeem a service with stock 10 at the same moment through the real functions on the local cloud.
 * Exactly 10 vouchers, stock 0, nobody charged without a voucher, no balance below zero, the ledger balanced.
 */
import { accountId, transferId } from '../../../core/ids'
import type { AccountDoc, PersonDoc, ServiceDoc, VoucherDoc } from '../../../core/model'
import { ancestorAt } from '../../../core/units'
import { seedLedger } from '../../../emulator/seed/points-wallet'
import { ledgerProblems, startWalletCloud, type WalletCloud } from '../harness/wallet-cloud'

jest.setTimeout(300_000)

const RESIDENTS = 200
const STOCK = 10
const COST = 20
const START = 50

let g: WalletCloud
let residents: PersonDoc[]

beforeAll(async () => {
  g = await startWalletCloud()
  const community = ancestorAt(g.persona('resident').homePath as string, 'community') as string
  residents = g.demo.people
    .filter((p) => p.openid && p.roles.length === 1 && p.homePath && ancestorAt(p.homePath, 'community') === community)
    .slice(0, RESIDENTS)
  expect(residents).toHaveLength(RESIDENTS)
  const stored = await g.ledger()
  const ledger = seedLedger(stored.accounts)
  const before = new Set(stored.transfers.map((t) => t._id))
  const at = new Date()
  for (const p of residents)
    ledger.post({
      id: transferId('grant', `contention_${p._id}`),
      from: { kind: 'pool', id: community },
      to: { kind: 'person', id: p._id },
      amount: START,
      kind: 'grant',
      reason: '奖励：并发测试',
      ref: { kind: 'adjustment', id: `contention_${p._id}` },
      actorId: 'test',
      at,
    })
  const docs = ledger.docs()
  const service: ServiceDoc = {
    _id: 'svc-contention',
    title: '限量理发券',
    description: '',
    provider: { kind: 'pool', id: community },
    providerName: '和平里社区',
    communityId: community,
    unitIds: [community],
    cost: COST,
    stock: STOCK,
    issued: 0,
    perPersonLimit: 1,
    validUntil: new Date(Date.now() + 86_400_000),
    voucherDays: 7,
    status: 'open',
    createdBy: 'test',
    createdAt: at,
    updatedAt: at,
  }
  await g.cloud.seed({
    accounts: docs.accounts,
    transfers: docs.transfers.filter((t) => !before.has(t._id)),
    services: [service],
  })
})
afterAll(async () => {
  await g?.close()
})

it(`${RESIDENTS} residents redeeming stock ${STOCK} at once get exactly ${STOCK} vouchers`, async () => {
  const balanceOf = (accounts: AccountDoc[], p: PersonDoc) =>
    accounts.find((a) => a._id === accountId({ kind: 'person', id: p._id }))?.balance
  const before = await g.ledger()
  const start = residents.map((p) => balanceOf(before.accounts, p) as number)

  const results = await Promise.all(
    residents.map((p, i) => g.act(p, 'redeem', { serviceId: 'svc-contention', requestId: `contention-${i}-0000` })),
  )
  const refusals = results.filter((r) => !r.ok).map((r) => (r as { code: string }).code)
  expect(results.filter((r) => r.ok)).toHaveLength(STOCK)
  expect(new Set(refusals)).toEqual(new Set(['SERVICE_SOLD_OUT']))

  const dump = await g.dump()
  const vouchers = (dump.vouchers as VoucherDoc[]).filter((v) => v.serviceId === 'svc-contention')
  expect(vouchers).toHaveLength(STOCK)
  expect(new Set(vouchers.map((v) => v.personId)).size).toBe(STOCK)
  const service = (dump.services as ServiceDoc[]).find((s) => s._id === 'svc-contention') as ServiceDoc
  expect(service).toMatchObject({ stock: 0, issued: STOCK })

  // exactly the voucher holders paid, once each
  const after = await g.ledger()
  const holders = new Set(vouchers.map((v) => v.personId))
  residents.forEach((p, i) => {
    expect({ p: p._id, balance: balanceOf(after.accounts, p) }).toEqual({
      p: p._id,
      balance: start[i] - (holders.has(p._id) ? COST : 0),
    })
  })
  expect(ledgerProblems(after)).toEqual([])
})
