/** The order of a unit's children as the database keeps it (core/grid/siblings.ts). */
import { isSiblingCursor, nameKey, siblingKey, siblingRange, withSiblingKey } from '../../../core/grid/siblings'
import type { Unit } from '../../../core/units'

const unit = (id: string, name: string, parentId: string | null, level: Unit['level'] = 'grid'): Unit => ({
  _id: id,
  name,
  parentId,
  level,
  path: parentId ? `/s1/${parentId}/${id}/` : `/${id}/`,
})
const inRange = (key: string, parentId: string) => {
  const { after, before } = siblingRange(parentId)
  return key > after && key < before
}

describe('sibling keys', () => {
  it.each([
    ['第2网格', '第10网格'],
    ['3栋', '12栋'],
    ['第9网格', '第9网格东'],
    ['A区2栋', 'A区10栋'],
  ])('%s sorts before %s', (a, b) => {
    expect(siblingKey(unit('x', a, 'c1'))! < siblingKey(unit('y', b, 'c1'))!).toBe(true)
  })

  it('pads numbers so they compare by value', () => {
    expect(nameKey('第2网格')).toBe('第0000000002网格')
  })

  it('makes equal names distinct by id, so a key is a cursor', () => {
    const [a, b] = [siblingKey(unit('u1', '新楼', 'g1')), siblingKey(unit('u2', '新楼', 'g1'))]
    expect(a).not.toBe(b)
  })

  it.each([
    ['a household (counted, never listed)', unit('h1', '1单元101', 'b1', 'household')],
    ['a street (no parent)', unit('s1', '和平街道', null, 'street')],
  ])('gives none to %s', (_what, u) => {
    expect(siblingKey(u)).toBeUndefined()
    expect(withSiblingKey({ ...u, siblingKey: 'stale' })).not.toHaveProperty('siblingKey')
  })

  it('keeps the children of one parent in its range and those of every other parent out', () => {
    const key = siblingKey(unit('g5', '第5网格', 'c1')) as string
    expect(inRange(key, 'c1')).toBe(true)
    // ids that share a beginning with the parent's: before and after it in the order of strings
    for (const other of ['c', 'c1-x', 'c10', 'c1x', 'c2']) expect(inRange(key, other)).toBe(false)
    expect(inRange(siblingKey(unit('g6', '第6网格', 'c10')) as string, 'c1')).toBe(false)
    expect(inRange(siblingKey(unit('g7', '/第7网格', 'c1-x')) as string, 'c1')).toBe(false)
  })

  it('starts the next page after a cursor of the same parent, and knows a cursor of another', () => {
    const key = siblingKey(unit('g5', '第5网格', 'c1')) as string
    expect(siblingRange('c1', key)).toEqual({ after: key, before: 'c10' })
    expect(isSiblingCursor('c1', key)).toBe(true)
    expect(isSiblingCursor('c10', key)).toBe(false)
    expect(isSiblingCursor('c', key)).toBe(false)
  })

  it('follows a new name or parent', () => {
    const u = withSiblingKey(unit('g5', '第5网格', 'c1'))
    expect(withSiblingKey({ ...u, name: '第50网格', parentId: 'c2' }).siblingKey).toBe(`c2/${nameKey('第50网格')}/g5`)
  })
})
