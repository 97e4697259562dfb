/**
 * The journal and snapshot line codec writes EJSON and reads EJSON: whatever bson's EJSON wrote (journals and
 * snapshots of before) reads back the same, and what it writes bson reads back the same.
 */
import fc from 'fast-check'
import { EJSON } from 'bson'
import { decodeLine, encodeLine } from '../../emulator/store/codec'

const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.constantFrom(2 ** 60, -(2 ** 40), Infinity, -Infinity, NaN),
    fc.boolean(),
    fc.constant(null),
    // an Invalid Date has no EJSON form bson reads back ($numberLong "NaN"), and no database stores one
    fc.date({ min: new Date(-1e14), max: new Date(3e14), noInvalidDate: true }),
    fc.constantFrom(new Date(0), new Date(253402300799999), new Date(253402300800000), new Date(-1)),
    fc.constantFrom(/^\/s\/c1\//, /a.b/im),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(
      fc.string().filter((k) => !k.startsWith('$') && k !== '__proto__'),
      tie('v'),
      { maxKeys: 3 },
    ),
  ),
})).v

const same = (a: unknown, b: unknown): void => expect(EJSON.stringify(a as never)).toBe(EJSON.stringify(b as never))

it('reads what EJSON.stringify wrote as EJSON.parse does', () => {
  fc.assert(
    fc.property(value, (v) => {
      const line = EJSON.stringify({ s: 1, o: [{ k: 'put', c: 'c', d: { _id: 'x', v } }] }, { relaxed: true })
      same(decodeLine(line), EJSON.parse(line))
    }),
    { numRuns: 500 },
  )
})

it('writes what EJSON.parse reads back as the value written', () => {
  fc.assert(
    fc.property(value, (v) => {
      const doc = { _id: 'x', v }
      same(EJSON.parse(encodeLine(doc)), EJSON.parse(EJSON.stringify(doc, { relaxed: true })))
      same(decodeLine(encodeLine(doc)), EJSON.parse(EJSON.stringify(doc, { relaxed: true })))
    }),
    { numRuns: 500 },
  )
})

it('keeps dates as dates and the instant they name', () => {
  const d = decodeLine(encodeLine({ at: new Date('2025-03-01T08:09:10.123Z'), far: new Date(-62e12) })) as {
    at: Date
    far: Date
  }
  expect(d.at).toBeInstanceOf(Date)
  expect(d.at.toISOString()).toBe('2025-03-01T08:09:10.123Z')
  expect(d.far.getTime()).toBe(-62e12)
})
