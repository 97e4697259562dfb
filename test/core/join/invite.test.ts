/** Invite and binding cards: the page they open, how long they live, and which of them still open. */
import {
  BIND_CARD_TTL_MS,
  bindCardPath,
  expiryOf,
  invitePath,
  isJoinTarget,
  JOIN_INVITE_TTL_MS,
  JOIN_PAGE,
  JOIN_POSTER_TTL_MS,
  opens,
  readCardQuery,
} from '../../../core/join/invite'
import type { InviteDoc } from '../../../core/model'
import type { Level } from '../../../core/units'

describe('card paths', () => {
  it('opens 加入网格 with the token as a query, and reads it back', () => {
    expect(invitePath('Ab-_12345678')).toBe('pages/join/index?token=Ab-_12345678')
    expect(bindCardPath('Zz_-98765432')).toBe('pages/join/index?bind=Zz_-98765432')
    expect(JOIN_PAGE).toBe('pages/join/index')
    const query = (path: string) => Object.fromEntries(new URLSearchParams(path.split('?')[1]))
    expect(readCardQuery(query(invitePath('a b/c')))).toEqual({ token: 'a b/c' })
    expect(readCardQuery(query(bindCardPath('Zz_-98765432')))).toEqual({ bind: 'Zz_-98765432' })
    expect(readCardQuery({ scene: '1044' })).toEqual({})
    expect(readCardQuery({ token: '100%' })).toEqual({ token: '100%' })
  })
})

describe('how long a card lives', () => {
  const from = new Date('2026-03-01T08:00:00Z')
  const day = 24 * 60 * 60 * 1000
  it.each([
    ['join', 7 * day],
    ['bindGroup', day],
    ['poster', 365 * day],
  ] as const)('a %s card stops opening %p ms after it was made', (card, ms) => {
    expect(expiryOf(card, from).getTime() - from.getTime()).toBe(ms)
  })
  it('names the same spans as the constants the docs quote', () => {
    expect([JOIN_INVITE_TTL_MS, BIND_CARD_TTL_MS, JOIN_POSTER_TTL_MS]).toEqual([7 * day, day, 365 * day])
  })
})

describe('which cards still open', () => {
  const now = new Date('2026-03-01T08:00:00Z')
  const card = (patch: Partial<InviteDoc> = {}): InviteDoc => ({
    _id: 'tok_12345678',
    kind: 'join',
    unitId: 'g1',
    createdBy: 'p1',
    createdAt: new Date('2026-02-28T08:00:00Z'),
    expiresAt: new Date('2026-03-02T08:00:00Z'),
    ...patch,
  })
  it.each([
    ['a live join invite', card(), 'join', true],
    ['no such token', null, 'join', false],
    ['a binding card asked for as an invite', card({ kind: 'bindGroup' }), 'join', false],
    ['a join invite asked for as a binding card', card(), 'bindGroup', false],
    ['a live binding card', card({ kind: 'bindGroup' }), 'bindGroup', true],
    ['a revoked poster', card({ posterFileID: 'f', revokedAt: new Date('2026-02-28T09:00:00Z') }), 'join', false],
    ['expiring this very moment', card({ expiresAt: now }), 'join', false],
    ['expiring a millisecond later', card({ expiresAt: new Date(now.getTime() + 1) }), 'join', true],
    ['expired yesterday', card({ expiresAt: new Date('2026-02-28T08:00:00Z') }), 'join', false],
    ['an expiry stored as text', card({ expiresAt: '2026-03-02T08:00:00.000Z' as unknown as Date }), 'join', true],
  ] as const)('%s: %p', (_what, invite, kind, open) => expect(opens(invite, kind, now)).toBe(open))
})

describe('what a join invite or poster may lead to', () => {
  it.each([
    ['street', false],
    ['community', false],
    ['grid', true],
    ['microgrid', true],
    ['household', false],
  ] as [Level, boolean][])('%s: %p', (level, ok) => expect(isJoinTarget({ level })).toBe(ok))
})
