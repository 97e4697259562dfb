/**
 * A list that stays light at any length (WeChat's audit: < 1,000 nodes a page, ≤ 60 children a node, small
 * setData). Its rows are drawn in fixed-size chunks, each a keyed child of its own, and the chunks in groups, so
 * that rows added at the end are an append Taro sends alone (never the whole list again) and no node holds more
 * than a group of children. Only the chunks near the screen hold their rows: one far away is an empty block as tall
 * as it was when drawn (its height read once with a selector query), so scrolling keeps its place. A chunk whose
 * height is not known yet is always drawn.
 *
 *   <ChunkedList rows={rows} keyOf={(r) => r.id}>{(r) => <Row row={r} />}</ChunkedList>
 *
 * The list follows the page's scroll (usePageScroll): use it in a page that scrolls as a whole, not in a ScrollView.
 */
import { Fragment, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import Taro, { usePageScroll } from '@tarojs/taro'
import { View } from '@tarojs/components'

export interface ChunkedListProps<T> {
  rows: readonly T[]
  /** A row's stable key; without one, rows are keyed by their place (for lists whose rows never move). */
  keyOf?: (row: T) => string
  children: (row: T) => ReactNode
  /** Rows per chunk (default 10). */
  chunkSize?: number
  /** Chunks drawn on each side of the one at the middle of the screen (default 1). */
  span?: number
  className?: string
}

/** Chunks per group: a group never holds more children than the audit allows. */
const GROUP = 50
let lists = 0

function windowHeight(): number {
  try {
    return Taro.getWindowInfo().windowHeight || 667
  } catch {
    return 667
  }
}

interface Layout {
  tops: number[]
  heights: number[]
}

export function ChunkedList<T>({ rows, keyOf, children, chunkSize = 10, span = 1, className }: ChunkedListProps<T>) {
  const id = useRef(`chunked-${++lists}`).current
  // The page the list was drawn on: the query looks there (in h5 an unscoped query looks up the page showing when
  // it runs, a tick later, and throws when that one is gone or not drawn yet, as after a quick navigation).
  const page = useRef(Taro.getCurrentInstance().page).current
  const chunks = useMemo(() => {
    const out: T[][] = []
    for (let i = 0; i < rows.length; i += chunkSize) out.push(rows.slice(i, i + chunkSize))
    return out
  }, [rows, chunkSize])
  const [anchor, setAnchor] = useState(0)
  const layout = useRef<Layout>({ tops: [], heights: [] })
  const [, setMeasured] = useState(0)

  // Rows added at the end: the reader is at the old end, so the window moves there; a new list starts at the top.
  const prev = useRef<readonly T[]>([])
  useLayoutEffect(() => {
    const before = prev.current
    if (before === rows) return
    prev.current = rows
    const sameStart =
      before.length > 0 && rows.length > 0 && (keyOf ? keyOf(rows[0]) === keyOf(before[0]) : rows[0] === before[0])
    if (sameStart && rows.length > before.length) setAnchor(Math.floor(before.length / chunkSize))
    else if (!sameStart) {
      layout.current = { tops: [], heights: [] }
      setAnchor(0)
    }
  }, [rows, keyOf, chunkSize])

  const drawn = (i: number) => Math.abs(i - anchor) <= span || !(layout.current.heights[i] > 0)

  // After a change of what is drawn, read where each chunk is (a far one keeps the height it had).
  useEffect(() => {
    if (!chunks.length) return
    let live = true
    const done = (res: unknown[]) => {
      const rects = res?.[0] as { top: number; height: number }[] | undefined
      const scrollTop = (res?.[1] as { scrollTop?: number } | undefined)?.scrollTop ?? 0
      if (!live || !Array.isArray(rects) || rects.length !== chunks.length) return
      const next: Layout = { tops: [], heights: [] }
      rects.forEach((r, i) => {
        next.tops[i] = r.top + scrollTop
        next.heights[i] = r.height > 0 ? r.height : layout.current.heights[i]
      })
      layout.current = next
      setMeasured((n) => n + 1)
    }
    try {
      const query = page ? Taro.createSelectorQuery().in(page) : Taro.createSelectorQuery()
      query.selectAll(`.${id}`).boundingClientRect().selectViewport().scrollOffset().exec(done)
    } catch {
      // no layout to read (a test double without selector queries): every chunk stays drawn
    }
    return () => {
      live = false
    }
  }, [chunks, anchor, id, page])

  usePageScroll(({ scrollTop }) => {
    const { tops, heights } = layout.current
    if (!tops.length) return
    const middle = scrollTop + windowHeight() / 2
    let i = 0
    while (i < tops.length - 1 && middle >= tops[i] + (heights[i] ?? 0)) i++
    if (i !== anchor) setAnchor(i)
  })

  const groups: number[][] = []
  chunks.forEach((_, i) => (i % GROUP === 0 ? groups.push([i]) : groups[groups.length - 1].push(i)))
  return (
    <View className={`chunked-list${className ? ` ${className}` : ''}`}>
      {groups.map((g, gi) => (
        <View key={gi} className='chunked-list__group'>
          {g.map((i) =>
            drawn(i) ? (
              <View key={i} className={`chunked-list__chunk ${id}`}>
                {chunks[i].map((r, j) => (
                  <Fragment key={keyOf ? keyOf(r) : i * chunkSize + j}>{children(r)}</Fragment>
                ))}
              </View>
            ) : (
              <View
                key={i}
                className={`chunked-list__chunk ${id}`}
                style={{ height: `${layout.current.heights[i]}px` }}
              />
            ),
          )}
        </View>
      ))}
    </View>
  )
}
