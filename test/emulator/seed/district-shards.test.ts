/**
 * The district's people spread over every delivery shard, as people made by org do: a delivery of a district
 * notice splits its subscribers by id range (core/notices/messages.ts shardRanges), so a shard left empty is a
 * sixteenth of the work that never runs in parallel, and a full one twice the rest.
 */
import { DELIVERY_SHARDS, shardRanges } from '../../../core/notices/messages'
import { buildDistrict, districtPersonId } from '../../../emulator/seed/district'

const district = buildDistrict({ grids: 6 })

const shardOf = (id: string): number => shardRanges(DELIVERY_SHARDS).findIndex(({ lo, hi }) => id >= lo && id < hi)

describe('person ids of the synthetic district', () => {
  it('fill all 16 delivery shards with subscribers, none with less than half or more than twice its share', () => {
    const perShard = new Array<number>(DELIVERY_SHARDS).fill(0)
    for (const s of district.subscriptions) perShard[shardOf(s._id)]++
    const share = district.subscriptions.length / DELIVERY_SHARDS
    expect(district.subscriptions.length).toBeGreaterThan(400)
    for (const n of perShard) {
      expect(n).toBeGreaterThan(share / 2)
      expect(n).toBeLessThan(share * 2)
    }
  })

  it('are unique, shaped as org makes them (p and hex), and the same on every build', () => {
    const ids = district.people.map((p) => p._id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^p[0-9a-f]{8}$/)
    expect(buildDistrict({ grids: 6 }).people.map((p) => p._id)).toEqual(ids)
    // a million consecutive numbers give a million ids (the mix is a bijection)
    const many = new Set(Array.from({ length: 1_000_000 }, (_, i) => districtPersonId(i + 1)))
    expect(many.size).toBe(1_000_000)
  })
})
