/**
 * Invite cards and binding cards: how long their tokens live, which of them still open, and the mini-program page
 * a card opens. The server mints tokens (cloudfunctions/join); the app builds the card's path from the token with
 * these helpers, so the card, the QR code and the page that reads them agree on one shape.
 */
import type { InviteDoc } from '../model'
import type { Unit } from '../units'

/** A join invite is shared widely (cards, printed QR codes): a week. */
export const JOIN_INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000
/** A binding card only has to be opened once, in the group it was shared into: a day. */
export const BIND_CARD_TTL_MS = 24 * 60 * 60 * 1000
/**
 * A join poster (扫码入格) is printed and stays on a wall: a year. It is revoked sooner by renewing it (the old
 * code stops working at once), and by retiring its grid or building.
 */
export const JOIN_POSTER_TTL_MS = 365 * 24 * 60 * 60 * 1000

/** When a card made at `from` stops opening: a join invite, a binding card, or a join poster's token. */
export function expiryOf(card: InviteDoc['kind'] | 'poster', from: Date): Date {
  const ttl = card === 'poster' ? JOIN_POSTER_TTL_MS : card === 'join' ? JOIN_INVITE_TTL_MS : BIND_CARD_TTL_MS
  return new Date(from.getTime() + ttl)
}

/** A card that still opens at `now`: it exists, is of the kind asked for, was not revoked and has not expired. */
export const opens = (invite: InviteDoc | null, kind: InviteDoc['kind'], now: Date): invite is InviteDoc =>
  invite !== null && invite.kind === kind && !invite.revokedAt && new Date(invite.expiresAt).getTime() > now.getTime()

/** Join invites and posters lead to a grid (any of its buildings) or to one building (micro-grid). */
export const isJoinTarget = (unit: Pick<Unit, 'level'>): boolean => unit.level === 'grid' || unit.level === 'microgrid'

/** The most characters a mini-program code's `scene` holds (wxacode.getUnlimited). */
export const SCENE_MAX_LENGTH = 32
/** The characters a `scene` may hold: digits, letters and !#$&'()*+,/:;=?@-._~ (wxacode.getUnlimited). */
export const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/
export const isScene = (s: string): boolean => s.length <= SCENE_MAX_LENGTH && SCENE_PATTERN.test(s)

/** The page every card and QR code opens (加入网格). */
export const JOIN_PAGE = 'pages/join/index'

/** The path of a join invite card / QR code: `pages/join/index?token=…`. */
export const invitePath = (token: string): string => `${JOIN_PAGE}?token=${encodeURIComponent(token)}`

/** The path of a group binding card: `pages/join/index?bind=…` (opened from the group, it binds the group). */
export const bindCardPath = (token: string): string => `${JOIN_PAGE}?bind=${encodeURIComponent(token)}`

/**
 * What a card's page query holds: a join token, a bind token, or neither (opened from a bound group chat, or
 * directly). Unknown keys are ignored; a mini-program code's `scene` (a join poster's token) is read by the join
 * page itself, only when no card token is present.
 */
export function readCardQuery(query: Record<string, string | undefined>): { token?: string; bind?: string } {
  const pick = (v: string | undefined) => {
    try {
      return v ? decodeURIComponent(v) : undefined
    } catch {
      return v // already decoded, or a stray % the token check on the server refuses anyway
    }
  }
  const token = pick(query.token)
  const bind = pick(query.bind)
  return { ...(token ? { token } : {}), ...(bind ? { bind } : {}) }
}
