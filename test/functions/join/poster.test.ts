/**
 * 扫码入格: a leader's join poster, through the real wx-server-sdk in the local cloud. The poster's image is a real
 * QR code (the local cloud's wxacode.getUnlimited stand-in), read here as a phone's camera would (jsqr + pngjs);
 * what it encodes opens the join page with a scene that leads to exactly that grid or building.
 */
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import type { InviteTarget, PosterView } from '../../../core/contract'
import type { InviteDoc } from '../../../core/model'
import { ancestorAt } from '../../../core/units'
import { getUnlimited } from '../../../emulator/functions/openapi'
import { residentCast, unitOf } from '../../demo'
import { data, exactly, startJoinCloud, type JoinCloud } from '../harness/join-cloud'

jest.setTimeout(120_000)

let g: JoinCloud
beforeAll(async () => {
  g = await startJoinCloud()
})
afterAll(async () => {
  await g?.close()
})

const unit = (id: string) => unitOf(g.demo, id)
const join = <T>(openid: string, action: string, payload: unknown) => g.act<T>(openid, 'join', action, payload)

let microId: string
let gridId: string
let head: string
let chief: string
let foreignChief: string
let staff: string
beforeAll(() => {
  ;({ microId, gridId, head, chief, foreignChief, staff } = residentCast(g.demo))
})

/** What a phone's camera reads from the poster's image at its URL. */
async function scan(url: string): Promise<string> {
  const res = await fetch(url)
  expect(res.ok).toBe(true)
  const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()))
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
  if (!code) throw new Error('no QR code in the poster image')
  return code.data
}

/** The scene a scanned code hands the join page (`decodeURIComponent(query.scene)`). */
const sceneOf = (opened: string): string => {
  const query = new URLSearchParams(opened.split('?')[1] ?? '')
  return query.get('scene') ?? ''
}

describe('a building head’s poster', () => {
  it('is a code that opens the join page for exactly that building, with a short scene', async () => {
    const poster = data(await join<PosterView>(head, 'poster', { unitId: microId }))
    expect(poster.unit).toEqual({ id: microId, name: unit(microId).name, level: 'microgrid' })
    const community = unit(ancestorAt(unit(microId).path, 'community') as string)
    expect(poster.place).toBe(`${community.name} · ${unit(gridId).name}`)
    expect(poster.token.length).toBeLessThanOrEqual(32)

    const opened = await scan(poster.imageUrl)
    expect(opened).toBe(`${g.cloud.url}/#/pages/join/index?scene=${encodeURIComponent(poster.token)}`)
    const scene = sceneOf(opened)
    expect(scene).toBe(poster.token)

    // a newcomer who scanned it sees that building only
    const target = data(await join<InviteTarget>(`o_scanner_${Date.now()}`, 'openInvite', { token: scene }))
    expect(target.buildings.map((b) => b.id)).toEqual([microId])
    expect(target.grid.id).toBe(gridId)
  })

  it('stays the same poster when asked again, so a printed one keeps working; renewing revokes it', async () => {
    const first = data(await join<PosterView>(head, 'poster', { unitId: microId }))
    const again = data(await join<PosterView>(head, 'poster', { unitId: microId }))
    expect(again.token).toBe(first.token)
    expect(await scan(again.imageUrl)).toContain(encodeURIComponent(first.token))

    const renewed = data(await join<PosterView>(head, 'poster', { unitId: microId, renew: true }))
    expect(renewed.token).not.toBe(first.token)
    const newcomer = `o_late_scanner_${Date.now()}`
    expect(await join(newcomer, 'openInvite', { token: first.token })).toEqual(exactly('INVITE_INVALID'))
    expect(
      await join(newcomer, 'claimHousehold', {
        token: first.token,
        microgridId: microId,
        entrance: '1',
        room: '101',
        name: '扫旧码',
        phone: '13912340000',
      }),
    ).toEqual(exactly('INVITE_INVALID'))
    expect(data(await join<InviteTarget>(newcomer, 'openInvite', { token: renewed.token })).buildings).toHaveLength(1)
    // the grid chief over the building sees the renewed one, not a third
    expect(data(await join<PosterView>(chief, 'poster', { unitId: microId })).token).toBe(renewed.token)
  })

  it('lives a year (printed posters stay up), one live poster per unit in the database', async () => {
    const poster = data(await join<PosterView>(head, 'poster', { unitId: microId }))
    const days = (Date.parse(poster.expiresAt) - Date.parse(poster.createdAt)) / 86_400_000
    expect(days).toBe(365)
    const invites = (await g.dump()).invites as InviteDoc[]
    const live = invites.filter((i) => i.unitId === microId && i.posterFileID && !i.revokedAt)
    expect(live.map((i) => i._id)).toEqual([poster.token])
  })
})

describe('a grid chief’s poster', () => {
  it('opens the join page for the whole grid, with all its buildings', async () => {
    const poster = data(await join<PosterView>(chief, 'poster', { unitId: gridId }))
    const target = data(
      await join<InviteTarget>(`o_grid_scanner_${Date.now()}`, 'openInvite', {
        token: sceneOf(await scan(poster.imageUrl)),
      }),
    )
    const buildings = g.demo.units.filter((u) => u.parentId === gridId && u.level === 'microgrid')
    expect(target.buildings.map((b) => b.id).sort()).toEqual(buildings.map((b) => b._id).sort())
  })
})

describe('who may make one', () => {
  it('refuses a grid chief of another grid, a resident and a visitor, writing nothing', async () => {
    const before = ((await g.dump()).invites as InviteDoc[]).length
    expect(await join(foreignChief, 'poster', { unitId: gridId })).toEqual(exactly('FORBIDDEN'))
    expect(await join(g.persona('resident').openid as string, 'poster', { unitId: microId })).toEqual(
      exactly('FORBIDDEN'),
    )
    expect(await join(`o_nobody_${Date.now()}`, 'poster', { unitId: microId })).toEqual(exactly('NOT_REGISTERED'))
    expect(((await g.dump()).invites as InviteDoc[]).length).toBe(before)
  })

  it('refuses a community or a household: a poster leads to one grid or one building', async () => {
    const community = ancestorAt(unit(gridId).path, 'community') as string
    const res = await join(staff, 'poster', { unitId: community })
    expect(res).toEqual(expect.objectContaining({ ok: false, code: 'INVALID_PAYLOAD' }))
    expect((res as { message: string }).message).toContain('只能为一个网格或一栋楼生成海报')
  })
})

describe('the local cloud’s wxacode.getUnlimited', () => {
  const host = { blockedWords: [], rpc: async () => null, openid: () => 'o_x', appUrl: () => 'http://127.0.0.1:9' }
  const draw = getUnlimited(host)

  it('refuses what the platform refuses: a scene over 32 characters or of other characters, a page with a /', async () => {
    await expect(draw({ scene: 'a'.repeat(33), page: 'pages/join/index' })).rejects.toMatchObject({ errCode: 40169 })
    await expect(draw({ scene: 'a b', page: 'pages/join/index' })).rejects.toMatchObject({ errCode: 40169 })
    await expect(draw({ scene: '扫码', page: 'pages/join/index' })).rejects.toMatchObject({ errCode: 40169 })
    await expect(draw({ scene: 'abc', page: '/pages/join/index' })).rejects.toMatchObject({ errCode: 41030 })
    await expect(draw({ scene: 'abc', page: 'pages/join/index?x=1' })).rejects.toMatchObject({ errCode: 41030 })
    await expect(draw({ scene: 'abc', width: 100 })).rejects.toMatchObject({ errCode: 40097 })
  })

  it('draws a QR code of the h5 page the code would open, the scene URL-encoded', async () => {
    const res = (await draw({ scene: "a=1&b/c~d'", page: 'pages/join/index' })) as {
      buffer: Buffer
      contentType: string
    }
    expect(res.contentType).toBe('image/png')
    const png = PNG.sync.read(res.buffer)
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
    expect(code?.data).toBe(`http://127.0.0.1:9/#/pages/join/index?scene=${encodeURIComponent("a=1&b/c~d'")}`)
  })
})
