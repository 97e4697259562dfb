/** The requests lists' keyset cursor: what it writes, what it reads back, and what it refuses. */
import { keysetCursor, parseKeysetCursor } from '../../../core/requests/cursor'

const at = new Date('2026-12-02T01:05:00.123Z')

it('reads back the sort key and id it wrote, a row without a deadline too', () => {
  const cases: [Date | string | null, string][] = [
    [at, 'p0126_report-abc_1'],
    [at.toISOString(), 'rq_f_3'],
    [null, 'p1_tap-0001'],
    [new Date(0), 'a'],
  ]
  for (const [key, id] of cases)
    expect(parseKeysetCursor(keysetCursor(key, id))).toEqual({ at: key === null ? null : new Date(key), id })
})

it('refuses what it did not write', () => {
  const bad = [
    '',
    'abc',
    '|p1',
    `${at.toISOString()}|`,
    '2026-12-02|p1',
    '2026-13-02T01:05:00.000Z|p1',
    `${at.toISOString()}|p1|x`,
    `${at.toISOString()}|p 1`,
    `${at.toISOString()}|${'x'.repeat(301)}`,
    '12|p1',
    'null|p1',
  ]
  for (const cursor of bad) expect({ cursor, read: parseKeysetCursor(cursor) }).toEqual({ cursor, read: null })
})
