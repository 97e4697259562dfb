/** The page paths and links an invite card or a binding card carries (shape agreed in core/join/invite.ts). */
import { bindCardPath, invitePath } from '../../core/join/invite'
import type { InviteView } from '../services/join'

/** The mini-program path a card opens: `/pages/join/index?token=…` or `?bind=…`. */
export const cardPath = (card: InviteView): string =>
  `/${card.kind === 'bindGroup' ? bindCardPath(card.token) : invitePath(card.token)}`

/** What to copy: in h5 the full address of the page on this site; in weapp the path (for a QR code or a menu). */
export function cardLink(card: InviteView): string {
  if (process.env.TARO_ENV === 'h5') {
    const { origin, pathname } = window.location
    return `${origin}${pathname}#${cardPath(card)}`
  }
  return cardPath(card)
}
