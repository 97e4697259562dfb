/** join.createInvite, join.poster, join.createBindCard, join.openInvite: minting cards and posters and reading
 * where they lead. */
import { randomBytes } from 'node:crypto'
import type { InviteTarget, InviteView, ParsedPayload, PosterView } from '../../../core/contract'
import { BIND_CARD_TTL_MS, JOIN_INVITE_TTL_MS, JOIN_PAGE, JOIN_POSTER_TTL_MS } from '../../../core/join/invite'
import type { InviteDoc } from '../../../core/model'
import { ancestorAt, type Unit } from '../../../core/units'
import { AppError } from '../../../server/errors'
import { joinStore } from '../../../server/join-store'
import type { Repository } from '../../../server/repository'
import type { ActionDef, HandlerContext } from '../../../server/router'
import { dropPoster, miniProgramCode, posterUrl, storePoster } from '../../../server/wxacode'
import { entryOf, iso, ref, targetOf } from '../views'

/** 144 random bits, URL-safe (24 characters): unguessable, and short enough for a mini-program code's scene. */
const newToken = (): string => randomBytes(18).toString('base64url')

async function mint(kind: InviteDoc['kind'], unit: Unit, ctx: HandlerContext<unknown>): Promise<InviteView> {
  const now = Date.now()
  const doc: InviteDoc = {
    _id: newToken(),
    kind,
    unitId: unit._id,
    createdBy: ctx.caller.person?._id ?? '',
    createdAt: new Date(now),
    expiresAt: new Date(now + (kind === 'join' ? JOIN_INVITE_TTL_MS : BIND_CARD_TTL_MS)),
  }
  await joinStore().addInvite(doc)
  return { token: doc._id, kind, unit: ref(unit), expiresAt: iso(doc.expiresAt) }
}

export const createInvite: ActionDef<ParsedPayload<'join', 'createInvite'>, InviteView> = {
  target: (p) => p.unitId,
  async handle(ctx) {
    const unit = ctx.target as Unit
    if (unit.retired) throw new AppError('NOT_FOUND')
    if (unit.level !== 'grid' && unit.level !== 'microgrid') {
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
async function placeOf(unit: Unit, repo: Repository): Promise<string> {
  const ids = (['community', 'grid'] as const).map((l) => ancestorAt(unit.path, l)).filter((id) => id !== unit._id)
  const names = new Map((await repo.units(ids as string[])).map((u) => [u._id, u.name]))
  return ids
    .map((id) => names.get(id ?? '') ?? '')
    .filter(Boolean)
    .join(' · ')
}

/**
 * One live poster per unit: a printed poster must keep working when the leader opens the poster page again, so
 * the live one is handed back (its image redrawn if storage lost it); `renew` revokes it and makes a new token.
 * A new poster is written only after its image is stored, so a refused code writes nothing.
 */
export const poster: ActionDef<ParsedPayload<'join', 'poster'>, PosterView> = {
  target: (p) => p.unitId,
  async handle(ctx) {
    const unit = ctx.target as Unit
    if (unit.retired) throw new AppError('NOT_FOUND')
    if (unit.level !== 'grid' && unit.level !== 'microgrid') {
      throw new AppError('INVALID_PAYLOAD', '只能为一个网格或一栋楼生成海报')
    }
    const store = joinStore()
    const now = new Date()
    const live = (await store.postersOf(unit._id)).filter((p) => new Date(p.expiresAt) > now)
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
        expiresAt: new Date(now.getTime() + JOIN_POSTER_TTL_MS),
        posterFileID,
      }
      await store.addInvite(doc)
      imageUrl = await posterUrl(posterFileID)
      // the replaced posters stop working now; their images go with them
      for (const old of live) {
        await store.revokeInvite(old._id, now)
        await dropPoster(old.posterFileID as string)
      }
    }
    return {
      token: doc._id,
      unit: ref(unit),
      place: await placeOf(unit, ctx.repo),
      imageUrl,
      createdAt: iso(doc.createdAt),
      expiresAt: iso(doc.expiresAt),
    }
  },
}

export const createBindCard: ActionDef<ParsedPayload<'join', 'createBindCard'>, InviteView> = {
  target: (p) => p.gridId,
  async handle(ctx) {
    const unit = ctx.target as Unit
    if (unit.retired) throw new AppError('NOT_FOUND')
    if (unit.level !== 'grid') throw new AppError('INVALID_PAYLOAD', '群只能绑定到网格')
    return mint('bindGroup', unit, ctx)
  },
}

export const openInvite: ActionDef<ParsedPayload<'join', 'openInvite'>, InviteTarget> = {
  async handle({ payload, group, repo }) {
    return targetOf(await entryOf(payload.token, group, repo), repo)
  },
}
