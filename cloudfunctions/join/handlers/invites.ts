/** join.createInvite, join.poster, join.createBindCard, join.openInvite: minting cards and posters and reading
 * where they lead. */
import { randomBytes } from 'node:crypto'
import type { InviteView } from '../../../core/contract'
import { isGroupLevel } from '../../../core/join/group'
import { expiryOf, isJoinTarget, JOIN_PAGE } from '../../../core/join/invite'
import { livePosters, placeIds, placeLine } from '../../../core/join/poster'
import type { InviteDoc } from '../../../core/model'
import type { Unit } from '../../../core/units'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import type { Action, HandlerContext } from '../../../server/router'
import { iso, unitRef } from '../../../server/views'
import { dropPoster, miniProgramCode, posterUrl, storePoster } from '../../../server/wxacode'
import { entryOf } from '../entry'
import { targetOf } from '../views'

/** 144 random bits, URL-safe (24 characters): unguessable, and short enough for a mini-program code's scene. */
const newToken = (): string => randomBytes(18).toString('base64url')

async function mint(kind: InviteDoc['kind'], unit: Unit, ctx: HandlerContext<unknown>): Promise<InviteView> {
  const now = new Date()
  const doc: InviteDoc = {
    _id: newToken(),
    kind,
    unitId: unit._id,
    createdBy: ctx.caller.person?._id ?? '',
    createdAt: now,
    expiresAt: expiryOf(kind, now),
  }
  await ctx.data.invites.add(doc)
  return { token: doc._id, kind, unit: unitRef(unit), expiresAt: iso(doc.expiresAt) }
}

export const createInvite: Action<'join', 'createInvite'> = {
  target: (p) => p.unitId,
  async handle(ctx) {
    const unit = ctx.target as Unit
    if (unit.retired) throw new AppError('NOT_FOUND')
    if (!isJoinTarget(unit)) {
      throw new AppError('INVALID_PAYLOAD', '只能邀请加入一个网格或一栋楼')
    }
    return mint('join', unit, ctx)
  },
}

/** Draws the code of a poster token (it opens the join page with the token as `scene`) and stores the image. */
async function drawPoster(unit: Unit, token: string): Promise<string> {
  const { image, ext } = await miniProgramCode(token, JOIN_PAGE)
  return storePoster(`join-posters/${unit._id}/${token}.${ext}`, image)
}

/** 和平里社区 · 第一网格: the community and grid a poster names under the unit itself. */
async function placeOf(data: Data, unit: Unit): Promise<string> {
  const ids = placeIds(unit)
  return placeLine(ids, new Map((await data.units.byIds(ids)).map((u) => [u._id, u.name])))
}

/**
 * One live poster per unit: a printed poster must keep working when the leader opens the poster page again, so
 * the live one is handed back (its image redrawn if storage lost it); `renew` revokes it and makes a new token.
 * A new poster is written only after its image is stored, so a refused code writes nothing.
 */
export const poster: Action<'join', 'poster'> = {
  target: (p) => p.unitId,
  async handle(ctx) {
    const unit = ctx.target as Unit
    if (unit.retired) throw new AppError('NOT_FOUND')
    if (!isJoinTarget(unit)) {
      throw new AppError('INVALID_PAYLOAD', '只能为一个网格或一栋楼生成海报')
    }
    const now = new Date()
    const live = livePosters(await ctx.data.invites.postersOf(unit._id), now)
    let doc = ctx.payload.renew ? undefined : live[0]
    let imageUrl: string | undefined
    if (doc) {
      const fileID = doc.posterFileID as string
      imageUrl = await posterUrl(fileID).catch(async () => posterUrl(await drawPoster(unit, doc!._id)))
    } else {
      const token = newToken()
      const posterFileID = await drawPoster(unit, token)
      doc = {
        _id: token,
        kind: 'join',
        unitId: unit._id,
        createdBy: ctx.caller.person?._id ?? '',
        createdAt: now,
        expiresAt: expiryOf('poster', now),
        posterFileID,
      }
      await ctx.data.invites.add(doc)
      imageUrl = await posterUrl(posterFileID)
      // the replaced posters stop working now; their images go with them
      for (const old of live) {
        await ctx.data.invites.revoke(old._id, now)
        await dropPoster(old.posterFileID as string)
      }
    }
    return {
      token: doc._id,
      unit: unitRef(unit),
      place: await placeOf(ctx.data, unit),
      imageUrl,
      createdAt: iso(doc.createdAt),
      expiresAt: iso(doc.expiresAt),
    }
  },
}

export const createBindCard: Action<'join', 'createBindCard'> = {
  target: (p) => p.gridId,
  async handle(ctx) {
    const unit = ctx.target as Unit
    if (unit.retired) throw new AppError('NOT_FOUND')
    if (!isGroupLevel(unit)) throw new AppError('INVALID_PAYLOAD', '群只能绑定到网格')
    return mint('bindGroup', unit, ctx)
  },
}

export const openInvite: Action<'join', 'openInvite'> = {
  async handle({ payload, group, data }) {
    return targetOf(data, await entryOf(data, payload.token, group))
  },
}
