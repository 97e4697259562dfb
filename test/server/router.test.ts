/**
 * The router's gate, with the platform replaced so the database can fail on purpose and the identity can be
 * set directly. Every action through the real wx-server-sdk and the local cloud is in grid.test.ts.
 */
import { ERROR_MESSAGES } from '../../core/envelope'
import type { MeResult } from '../../core/contract'
import { buildDemoCommunity } from '../../emulator/seed'
import { home } from '../../cloudfunctions/grid/handlers/home'
import { me } from '../../cloudfunctions/grid/handlers/me'
import { overview } from '../../cloudfunctions/grid/handlers/overview'
import { households } from '../../cloudfunctions/grid/handlers/households'
import { neighbours } from '../../cloudfunctions/grid/handlers/neighbours'
import { AppError } from '../../server/errors'
import type { Data } from '../../server/data'
import { createMain, type Platform } from '../../server/router'
import { memoryData } from '../functions/harness/memory-data'

const demo = buildDemoCommunity()
const persona = (role: string) => demo.personas.find((p) => p.role === role)?.openid as string

function platform(openid: string | undefined, data: Data = memoryData(demo.units, demo.people)) {
  const errors: unknown[] = []
  const calls = { data: 0 }
  const p: Platform = {
    openid: () => openid,
    // the platform knows one group CloudID; anything else does not decrypt
    openGroup: async (cloudID) => (cloudID === 'cid-real' ? 'gid-real' : null),
    data: () => (calls.data++, data),
    logError: (_message, error) => errors.push(error),
  }
  return { p, errors, calls }
}

describe('the router', () => {
  it('takes the caller from the platform, never from the event', async () => {
    const { p } = platform(persona('resident'))
    const main = createMain('grid', { me, home, overview, households, neighbours }, p)
    const spoofed = {
      action: 'me',
      payload: {},
      openid: persona('gridChief'),
      userInfo: { openId: persona('gridChief') },
    }
    const res = (await main(spoofed)) as { ok: true; data: MeResult }
    const resident = demo.people.find((x) => x.openid === persona('resident'))
    expect(res.ok).toBe(true)
    expect(res.data.person?.name).toBe(resident?.name)
  })

  it.each([null, 'me', 42, [], { payload: {} }, { action: 'constructor' }, { action: '__proto__' }, { action: 'ME' }])(
    'refuses %j as an unknown action, without touching the database',
    async (event) => {
      const { p, calls } = platform(persona('gridChief'))
      expect(await createMain('grid', { me, home, overview, households, neighbours }, p)(event)).toEqual({
        ok: false,
        code: 'UNKNOWN_ACTION',
        message: ERROR_MESSAGES.UNKNOWN_ACTION,
      })
      expect(calls.data).toBe(0)
    },
  )

  it('trusts a group only as the platform decrypts its CloudID, never the data a client wrote', async () => {
    const { p } = platform(persona('resident'))
    const seen: unknown[] = []
    const spy = { handle: async ({ group }: { group: unknown }) => (seen.push(group), {}) as MeResult }
    const main = createMain('grid', { me: spy, home, overview, households, neighbours }, p)
    await main({ action: 'me', payload: {}, group: { cloudID: 'cid-forged', data: { openGId: 'gid-victim' } } })
    await main({ action: 'me', payload: {}, group: { cloudID: 'cid-real', data: { openGId: 'gid-victim' } } })
    await main({ action: 'me', payload: {}, group: { data: { openGId: 'gid-victim' } } })
    expect(seen).toEqual([null, { openGId: 'gid-real' }, null])
  })

  it('runs a timer only when the platform fires it, never when a client sends a timer-shaped event', async () => {
    const fired: Date[] = []
    const timers = { deliver: async ({ firedAt }: { firedAt: Date }) => (fired.push(firedAt), { sent: 0 }) }
    const handlers = { me, home, overview, households, neighbours }
    const timerEvent = { Type: 'Timer', TriggerName: 'deliver', Time: '2026-11-22T01:00:00Z' }
    expect(await createMain('grid', handlers, platform(undefined).p, timers)(timerEvent)).toEqual({
      ok: true,
      data: { sent: 0 },
    })
    expect(fired).toEqual([new Date('2026-11-22T01:00:00Z')])
    const fromClient = await createMain('grid', handlers, platform(persona('resident')).p, timers)(timerEvent)
    expect(fromClient).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' })
    expect(fired).toHaveLength(1)
  })

  it('rejects an invalid payload before resolving the caller or touching the database', async () => {
    const { p, calls } = platform(persona('gridChief'))
    const res = await createMain(
      'grid',
      { me, home, overview, households, neighbours },
      p,
    )({ action: 'overview', payload: { unitId: 7 } })
    expect(res).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    expect(calls.data).toBe(0)
  })

  it('maps an unexpected failure to INTERNAL, logs it, and tells the client nothing of it', async () => {
    const broken = memoryData(demo.units, demo.people)
    broken.people.byOpenid = async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.8:27017 (secret-host)')
    }
    const { p, errors } = platform(persona('resident'), broken)
    const res = await createMain(
      'grid',
      { me, home, overview, households, neighbours },
      p,
    )({ action: 'me', payload: {} })
    expect(res).toEqual({ ok: false, code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL })
    expect(JSON.stringify(res)).not.toMatch(/ECONNREFUSED|secret/)
    expect(errors).toHaveLength(1)
  })

  it('passes a handler’s own failure through with its code and detail', async () => {
    const { p, errors } = platform(persona('resident'))
    const main = createMain(
      'grid',
      {
        me: {
          handle: async () => {
            throw new AppError('NOT_FOUND', '找不到你的住户信息')
          },
        },
        home,
        overview,
        households,
        neighbours,
      },
      p,
    )
    expect(await main({ action: 'me' })).toEqual({
      ok: false,
      code: 'NOT_FOUND',
      message: `${ERROR_MESSAGES.NOT_FOUND}：找不到你的住户信息`,
    })
    expect(errors).toHaveLength(0)
  })

  it.each([
    ['an unknown openid', 'o_nobody', 'NOT_REGISTERED'],
    ['no openid at all', undefined, 'NOT_REGISTERED'],
    ['a resident', persona('resident'), 'FORBIDDEN'],
    ['a merchant', persona('merchant'), 'FORBIDDEN'],
  ])('refuses overview to %s', async (_name, openid, code) => {
    const { p } = platform(openid)
    expect(
      await createMain(
        'grid',
        { me, home, overview, households, neighbours },
        p,
      )({ action: 'overview', payload: { unitId: 'g1' } }),
    ).toEqual({
      ok: false,
      code,
      message: ERROR_MESSAGES[code as keyof typeof ERROR_MESSAGES],
    })
  })

  it('says NOT_FOUND to a leader asking for a unit that does not exist', async () => {
    const { p } = platform(persona('gridChief'))
    const res = await createMain(
      'grid',
      { me, home, overview, households, neighbours },
      p,
    )({ action: 'overview', payload: { unitId: 'g999' } })
    expect(res).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })
})
