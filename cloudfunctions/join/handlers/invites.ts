/** join.createInvite, join.createBindCard, join.openInvite: minting cards and reading where they lead. */
import { randomBytes } from 'node:crypto'
import type { InviteTarget, InviteView, ParsedPayload } from '../../../core/contract'
import { BIND_CARD_TTL_MS, JOIN_INVITE_TTL_MS } from '../../../core/invite'
import type { InviteDoc } from '../../../core/model'
import type { Unit } from '../../../core/units'
import { AppError } from '../../../server/errors'
import { joinStore } from '../../../server/join-store'
import type { ActionDef, HandlerContext } from '../../../server/router'
import { entryOf, iso, ref, targetOf } from '../views'

/** 144 random bits, URL-safe: unguessable, and short enough for a QR code's scene path. */
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
