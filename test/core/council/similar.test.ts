/** Similar proposals (core/council/similar.ts): bigram Dice of title (twice) and text, best first, bounded. */
import {
  bigrams,
  containment,
  dice,
  fingerprint,
  mostSimilar,
  normalise,
  SIMILAR_MIN_SCORE,
} from '../../../core/council/similar'

const open = [
  { id: 'lamp', title: '三号楼楼道灯坏了', text: '三号楼二单元楼道的灯坏了一个月，晚上上下楼看不见' },
  { id: 'parking', title: '小区停车位不够', text: '晚上车停满了消防通道，希望重新划停车位' },
  { id: 'dogs', title: '遛狗不牵绳', text: '广场上经常有狗不牵绳，孩子害怕' },
  { id: 'lamp2', title: '5栋楼道声控灯不亮', text: '楼道的声控灯不亮了，老人上楼很不方便' },
]

describe('normalise and bigrams', () => {
  it.each([
    ['楼道 灯，坏了！', '楼道灯坏了'],
    ['ABC 12', 'abc12'],
    ['  ', ''],
  ])('%s → %s', (input, out) => expect(normalise(input)).toBe(out))

  it('counts repeated bigrams; a single character is its own bigram', () => {
    expect(bigrams('灯灯灯')).toEqual(new Map([['灯灯', 2]]))
    expect(bigrams('灯')).toEqual(new Map([['灯', 1]]))
    expect(bigrams('')).toEqual(new Map())
  })

  it('weights the title twice', () => {
    expect(fingerprint('楼道', '楼道')).toEqual(new Map([['楼道', 3]]))
  })
})

describe('dice', () => {
  it.each([
    ['identical', '楼道灯坏了', '楼道灯坏了', 1],
    ['disjoint', '楼道灯坏了', '停车位不够', 0],
    ['empty', '', '楼道灯坏了', 0],
  ])('%s', (_n, a, b, want) => expect(dice(bigrams(a), bigrams(b))).toBe(want))

  it('is symmetric', () => {
    const a = bigrams('楼道灯坏了一个月')
    const b = bigrams('楼道的灯坏了')
    expect(dice(a, b)).toBeCloseTo(dice(b, a))
  })
})

describe('containment', () => {
  it('is the share of the first one’s bigrams the second has', () => {
    expect(containment(bigrams('楼道灯'), bigrams('三楼楼道灯坏了'))).toBe(1)
    expect(containment(bigrams('楼道灯坏了'), bigrams('楼道'))).toBe(0.25)
    expect(containment(new Map(), bigrams('楼道'))).toBe(0)
  })
})

describe('mostSimilar', () => {
  it('finds the lamp proposals for a lamp draft, the nearest first, and leaves the others out', () => {
    const found = mostSimilar({ title: '楼道灯坏了', text: '二单元楼道的灯坏了' }, open, 5)
    expect(found.map((f) => f.candidate.id)).toEqual(['lamp', 'lamp2'])
    expect(found[0].score).toBeGreaterThan(found[1].score)
    for (const f of found) expect(f.score).toBeGreaterThanOrEqual(SIMILAR_MIN_SCORE)
  })

  it('answers at most the limit', () => {
    expect(mostSimilar({ title: '楼道灯坏了', text: '' }, open, 1).map((f) => f.candidate.id)).toEqual(['lamp'])
  })

  it('answers nothing for an empty draft or one like nothing', () => {
    expect(mostSimilar({ title: '', text: '' }, open, 5)).toEqual([])
    expect(mostSimilar({ title: '垃圾分类', text: '希望增加厨余垃圾桶' }, open, 5)).toEqual([])
  })
})
