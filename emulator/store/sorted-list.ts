/**
 * A sorted set of distinct numbers or strings, kept as a list of sorted chunks (each at most 2 × LOAD long, as
 * Python's sortedcontainers does): insert and delete are a binary search over the chunks' last values, one inside
 * the chunk and a splice of at most 2 × LOAD elements, so a million keys load in any order without the O(n) shift
 * of one flat array; iteration from a bound is a binary search and then a walk. Values compare with `<`, as
 * mingo compares two strings (UTF-16 code units) or two numbers. NaN has no place in an order: callers keep it
 * aside.
 */
export type Key = string | number

const LOAD = 512

/** Position of the first element of `a` not less than `v` (or, with `after`, greater than `v`). */
function bound<K extends Key>(a: readonly K[], v: K, after: boolean): number {
  let lo = 0
  let hi = a.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (a[mid] < v || (after && a[mid] === v)) lo = mid + 1
    else hi = mid
  }
  return lo
}

export interface Bound<K extends Key> {
  value: K
  inclusive: boolean
}

export class SortedList<K extends Key> {
  private chunks: K[][] = []
  private count = 0

  get size(): number {
    return this.count
  }

  /** Index of the chunk that holds `v` or where it belongs (the first whose last value is not less than `v`). */
  private chunkOf(v: K): number {
    let lo = 0
    let hi = this.chunks.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const c = this.chunks[mid]
      if (c[c.length - 1] < v) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  has(v: K): boolean {
    const c = this.chunks[this.chunkOf(v)]
    return !!c && c[bound(c, v, false)] === v
  }

  /** Adds `v`; false when it was there already. */
  insert(v: K): boolean {
    if (!this.chunks.length) {
      this.chunks.push([v])
      this.count = 1
      return true
    }
    let ci = this.chunkOf(v)
    if (ci === this.chunks.length) ci-- // beyond every value: the last chunk takes it
    const c = this.chunks[ci]
    const i = bound(c, v, false)
    if (c[i] === v) return false
    c.splice(i, 0, v)
    this.count++
    if (c.length > 2 * LOAD) this.chunks.splice(ci, 1, c.slice(0, LOAD), c.slice(LOAD))
    return true
  }

  /** Removes `v`; false when it was not there. */
  delete(v: K): boolean {
    const ci = this.chunkOf(v)
    const c = this.chunks[ci]
    if (!c) return false
    const i = bound(c, v, false)
    if (c[i] !== v) return false
    c.splice(i, 1)
    this.count--
    if (!c.length) this.chunks.splice(ci, 1)
    return true
  }

  /** Values within the bounds (either may be absent), ascending, or descending with `reverse`. */
  *range(lo?: Bound<K>, hi?: Bound<K>, reverse = false): Generator<K> {
    if (!reverse) {
      let ci = lo ? this.chunkOf(lo.value) : 0
      let i = lo && ci < this.chunks.length ? bound(this.chunks[ci], lo.value, !lo.inclusive) : 0
      for (; ci < this.chunks.length; ci++, i = 0) {
        const c = this.chunks[ci]
        for (; i < c.length; i++) {
          const v = c[i]
          if (hi && (hi.value < v || (!hi.inclusive && v === hi.value))) return
          yield v
        }
      }
      return
    }
    let ci = hi ? Math.min(this.chunkOf(hi.value), this.chunks.length - 1) : this.chunks.length - 1
    let i = hi && ci >= 0 ? bound(this.chunks[ci], hi.value, hi.inclusive) - 1 : (this.chunks[ci]?.length ?? 0) - 1
    for (; ci >= 0; ci--, i = (this.chunks[ci]?.length ?? 0) - 1) {
      const c = this.chunks[ci]
      for (; i >= 0; i--) {
        const v = c[i]
        if (lo && (v < lo.value || (!lo.inclusive && v === lo.value))) return
        yield v
      }
    }
  }
}
