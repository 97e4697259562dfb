/**
 * Subscribers as they are now, and spending a message (server/recipients.ts), over a Data whose subscriptions and
 * people are arrays: who is sent a notice's message is decided by the person, never by the subscription's copy.
 */
import type { PersonDoc, SubscriptionDoc } from '../../core/model'
import type { Data } from '../../server/data'
import { recipientsUnder, spendAndSend, type Recipient } from '../../server/recipients'

const mockSend = jest.fn()
jest.mock('../../server/cloud', () => ({
  getCloud: () => ({ openapi: { subscribeMessage: { send: (m: unknown) => mockSend(m) } } }),
}))

const UNDER = '/s1/c1/g1/'
const sub = (personId: string, homePath = `${UNDER}b1/h-${personId}/`): SubscriptionDoc => ({
  _id: `${personId}_t`,
  personId,
  homePath,
  templateId: 't',
  remaining: 1,
  updatedAt: new Date(0),
})
const person = (id: string, patch: Partial<PersonDoc> = {}): PersonDoc => ({
  _id: id,
  openid: `o-${id}`,
  name: id,
  phone: '13800000000',
  householdId: `h-${id}`,
  homePath: `${UNDER}b1/h-${id}/`,
  roles: [],
  createdAt: new Date(0),
  ...patch,
})

/** Only what these functions use: anything else would throw. */
function dataOver(subs: SubscriptionDoc[], people: PersonDoc[], consume = async () => true): Data {
  return {
    subscriptions: {
      under: async (_path: string, _t: string, after: string, limit: number) =>
        subs.filter((s) => s._id > after).slice(0, limit),
      consume,
    },
    people: { byIds: async (ids: readonly string[]) => people.filter((p) => ids.includes(p._id)) },
  } as unknown as Data
}

describe('recipientsUnder', () => {
  const subs = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => sub(id))
  const people = [
    person('a'),
    person('b', { deletedAt: new Date(1) }),
    person('c', { openid: undefined }),
    person('d', { homePath: '/s1/c1/g2/b9/h9/' }),
    person('e', { homePath: undefined, householdId: undefined }),
    // f: no person any more
  ]

  it('leaves out who was deleted, has no WeChat identity, moved away, has no home or is gone', async () => {
    const page = await recipientsUnder(dataOver(subs, people), UNDER, 't', '', 10)
    expect(page.recipients.map((r) => r.personId)).toEqual(['a'])
    expect(page.recipients[0]).toMatchObject({ openid: 'o-a', homePath: `${UNDER}b1/h-a/` })
    expect(page).toMatchObject({ scanned: 6, last: 'f_t', done: true })
  })

  it('pages by subscription id: a full page is not done, and goes on after its last id', async () => {
    const first = await recipientsUnder(dataOver(subs, people), UNDER, 't', '', 3)
    expect(first).toMatchObject({ scanned: 3, last: 'c_t', done: false })
    const next = await recipientsUnder(dataOver(subs, people), UNDER, 't', first.last, 3)
    expect(next).toMatchObject({ scanned: 3, last: 'f_t', done: false })
    const end = await recipientsUnder(dataOver(subs, people), UNDER, 't', next.last, 3)
    expect(end).toMatchObject({ recipients: [], scanned: 0, last: 'f_t', done: true })
  })
})

describe('spendAndSend', () => {
  const r: Recipient = { sub: sub('a'), personId: 'a', openid: 'o-a', homePath: `${UNDER}b1/h-a/` }
  const message = { touser: 'o-a', templateId: 't', page: 'p', data: {} }
  beforeEach(() => mockSend.mockReset())

  it('spends the message first, then sends it', async () => {
    const order: string[] = []
    mockSend.mockImplementation(async () => order.push('send'))
    const consume = jest.fn(async () => (order.push('spend'), true))
    expect(await spendAndSend(dataOver([], [], consume), r, message, 'test')).toBe(true)
    expect(consume).toHaveBeenCalledWith('a_t', expect.any(Date))
    expect(order).toEqual(['spend', 'send'])
    expect(mockSend).toHaveBeenCalledWith(message)
  })

  it('sends nothing when no message was left (another sender spent it)', async () => {
    expect(
      await spendAndSend(
        dataOver([], [], async () => false),
        r,
        message,
        'test',
      ),
    ).toBe(false)
    expect(mockSend).not.toHaveBeenCalled()
  })

  it('a message WeChat refuses is spent either way and answers false', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    mockSend.mockRejectedValue(Object.assign(new Error('user refuse to accept the msg'), { errCode: 43101 }))
    const consume = jest.fn(async () => true)
    expect(await spendAndSend(dataOver([], [], consume), r, message, 'test')).toBe(false)
    expect(consume).toHaveBeenCalledTimes(1)
    expect(warn).toHaveBeenCalledWith('[test] → a failed', expect.any(Error))
    warn.mockRestore()
  })
})
