/**
 * 首次开通 (org.bootstrap): a fresh environment's first staff, through the real wx-server-sdk in the local cloud,
 * called the way a hostile caller would: without a secret configured, with a wrong one, twice, twenty at once,
 * and where staff already exist. Every refusal leaves the database as it was.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BootstrapResult, OrgTreeResult } from '../../../core/contract'
import { ERROR_MESSAGES, type Envelope, type ErrorCode } from '../../../core/envelope'
import type { AuditDoc, PersonDoc } from '../../../core/model'
import type { Unit } from '../../../core/units'
import { startLocalCloud, type LocalCloud } from '../../../emulator'
import { buildDemoCommunity } from '../../../emulator/seed'
import { buildFunctions } from '../../../scripts/build-functions'

jest.setTimeout(120_000)

const SECRET = 'k7Qm2-xV9pLr4sTz8wYb'

interface Env {
  cloud: LocalCloud
  call<T = unknown>(openid: string, action: string, payload: unknown): Promise<Envelope<T>>
  /** Every document of the collections a bootstrap writes. */
  contents(): Promise<Record<string, unknown[]>>
}

const dirs: string[] = []
const clouds: LocalCloud[] = []
async function freshEnvironment(functionEnv?: Record<string, string>): Promise<Env> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wgt-bootstrap-'))
  dirs.push(dataDir)
  const cloud = await startLocalCloud({
    dataDir,
    port: 0,
    timers: false,
    functionEnv: functionEnv && { org: functionEnv },
  })
  clouds.push(cloud)
  return {
    cloud,
    async call<T>(openid: string, action: string, payload: unknown) {
      return (await cloud.callFunction('org', { action, payload }, { openid })).result as Envelope<T>
    },
    async contents() {
      const out: Record<string, unknown[]> = {}
      for (const name of ['units', 'people', 'audit']) out[name] = cloud.engine.find(name, {})
      return out
    },
  }
}

beforeAll(async () => {
  await buildFunctions(['org'])
})
afterAll(async () => {
  for (const c of clouds) await c.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const refusal = (code: ErrorCode) => ({ ok: false, code, message: ERROR_MESSAGES[code] })
const FIRST = {
  streetName: '和平街道',
  communityName: '和平里社区',
  name: '许玉兰',
  phone: '13811112222',
  role: 'communityStaff',
} as const
const empty = { units: [], people: [], audit: [] }

describe('a fresh environment', () => {
  it('makes the caller the first community staff over a street and community it creates, audited, once', async () => {
    const env = await freshEnvironment({ BOOTSTRAP_SECRET: SECRET })
    const res = await env.call<BootstrapResult>('o_first_staff', 'bootstrap', { ...FIRST, secret: SECRET })
    expect(res).toEqual(expect.objectContaining({ ok: true }))
    const result = (res as { data: BootstrapResult }).data
    expect(result).toEqual({
      street: { id: expect.any(String), name: '和平街道', level: 'street' },
      community: { id: expect.any(String), name: '和平里社区', level: 'community' },
      role: 'communityStaff',
    })

    const { units, people, audit } = (await env.contents()) as { units: Unit[]; people: PersonDoc[]; audit: AuditDoc[] }
    const street = units.find((u) => u._id === result.street.id) as Unit
    const community = units.find((u) => u._id === result.community.id) as Unit
    expect(street).toMatchObject({ level: 'street', parentId: null, path: `/${street._id}/` })
    expect(community).toMatchObject({
      level: 'community',
      parentId: street._id,
      path: `/${street._id}/${community._id}/`,
    })
    expect(people).toEqual([
      expect.objectContaining({
        openid: 'o_first_staff',
        name: '许玉兰',
        phone: '13811112222',
        roles: [{ role: 'communityStaff', unitId: community._id }],
      }),
    ])
    expect(audit).toEqual([
      expect.objectContaining({
        _id: 'org.bootstrap',
        action: 'org.bootstrap',
        actorId: people[0]._id,
        unitId: community._id,
        unitPath: community.path,
      }),
    ])

    // the first staff member can now keep the tree: the way to every other person is open
    const grid = await env.call<{ id: string }>('o_first_staff', 'createUnit', {
      parentId: community._id,
      name: '第一网格',
      level: 'grid',
    })
    expect(grid.ok).toBe(true)
    const tree = await env.call<OrgTreeResult>('o_first_staff', 'tree', { unitId: community._id })
    expect(tree.ok && tree.data.children.map((c) => c.name)).toEqual(['第一网格'])

    // a second bootstrap, by anyone, with the right secret, is refused and writes nothing
    const before = await env.contents()
    for (const openid of ['o_first_staff', 'o_someone_else']) {
      expect(await env.call(openid, 'bootstrap', { ...FIRST, communityName: '又一个社区', secret: SECRET })).toEqual(
        refusal('BOOTSTRAP_USED'),
      )
    }
    expect(await env.contents()).toEqual(before)
  })

  it('lets exactly one of twenty racing calls win', async () => {
    const env = await freshEnvironment({ BOOTSTRAP_SECRET: SECRET })
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        env.call(`o_racer_${i}`, 'bootstrap', { ...FIRST, name: `抢${i}`, secret: SECRET }),
      ),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok)).toEqual(Array.from({ length: 19 }, () => refusal('BOOTSTRAP_USED')))
    const { units, people, audit } = await env.contents()
    expect([units.length, people.length, audit.length]).toEqual([2, 1, 1])
  })

  it('makes street staff over the street when asked', async () => {
    const env = await freshEnvironment({ BOOTSTRAP_SECRET: SECRET })
    const res = await env.call<BootstrapResult>('o_street', 'bootstrap', {
      ...FIRST,
      role: 'streetStaff',
      secret: SECRET,
    })
    const { people } = (await env.contents()) as { people: PersonDoc[] }
    expect(res.ok && people[0].roles).toEqual([{ role: 'streetStaff', unitId: res.ok ? res.data.street.id : '' }])
  })
})

describe('refusals write nothing', () => {
  it('refuses when no secret is configured (or one too short to be safe), whatever the caller sends', async () => {
    for (const functionEnv of [undefined, { BOOTSTRAP_SECRET: '' }, { BOOTSTRAP_SECRET: 'short-secret' }]) {
      const env = await freshEnvironment(functionEnv)
      for (const secret of [SECRET, '', 'short-secret', 'undefined']) {
        const res = await env.call('o_hostile', 'bootstrap', { ...FIRST, secret: secret || 'x' })
        expect(res).toEqual(refusal('BOOTSTRAP_CLOSED'))
      }
      expect(await env.contents()).toEqual(empty)
    }
  })

  it('refuses a wrong secret: a prefix, a longer one, another case', async () => {
    const env = await freshEnvironment({ BOOTSTRAP_SECRET: SECRET })
    for (const secret of [SECRET.slice(0, -1), `${SECRET}x`, SECRET.toUpperCase(), ' '.repeat(20)]) {
      expect(await env.call('o_hostile', 'bootstrap', { ...FIRST, secret })).toEqual(refusal('BOOTSTRAP_SECRET_WRONG'))
    }
    expect(await env.contents()).toEqual(empty)
  })

  it('refuses bad input before anything else, naming nothing secret', async () => {
    const env = await freshEnvironment({ BOOTSTRAP_SECRET: SECRET })
    for (const payload of [
      { ...FIRST, secret: SECRET, role: 'gridChief' },
      { ...FIRST, secret: SECRET, phone: '12345' },
      { ...FIRST, secret: SECRET, openid: 'o_someone_else' },
      { ...FIRST },
    ]) {
      const res = await env.call('o_hostile', 'bootstrap', payload)
      expect(res).toEqual(expect.objectContaining({ ok: false, code: 'INVALID_PAYLOAD' }))
      expect(JSON.stringify(res)).not.toContain(SECRET)
    }
    expect(await env.contents()).toEqual(empty)
  })

  it('refuses an environment that already has staff (the demo community), even with the right secret', async () => {
    const env = await freshEnvironment({ BOOTSTRAP_SECRET: SECRET })
    const demo = buildDemoCommunity()
    await env.cloud.seed({ units: demo.units, people: demo.people, unitCounters: demo.unitCounters })
    const before = await env.contents()
    expect(await env.call('o_new_wechat_user', 'bootstrap', { ...FIRST, secret: SECRET })).toEqual(
      refusal('BOOTSTRAP_USED'),
    )
    expect(await env.contents()).toEqual(before)
  })
})
