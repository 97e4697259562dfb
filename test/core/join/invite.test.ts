/** Invite and binding cards: the page they open, and doors matched however residents type them. */
import { bindCardPath, invitePath, JOIN_PAGE, readCardQuery, sameEntrance, sameRoom } from '../../../core/join/invite'

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

describe('doors', () => {
  it.each([
    ['2', '2单元', true],
    [' 2 单元', '2单元', true],
    ['02', '2单元', true],
    ['3', '2单元', false],
    ['12单元', '2单元', false],
  ])('entrance %p vs %p: %p', (a, b, same) => expect(sameEntrance(a, b)).toBe(same))

  it.each([
    ['502', '502', true],
    ['0502', '502', true],
    ['502室', '502', true],
    ['502号', '502', true],
    ['501', '502', false],
    ['1502', '502', false],
  ])('room %p vs %p: %p', (a, b, same) => expect(sameRoom(a, b)).toBe(same))
})
