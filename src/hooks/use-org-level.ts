/**
 * One level of the grid tree (org.tree), as 组织架构 and the unit pickers show it: its first page read at once,
 * 加载更多 appending the next. A reload (after an action, a pull-down) reads again as many pages as are shown, so
 * every row shown is fresh.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { toServiceError } from '../services/errors'
import { getOrgLevel, type OrgTreeResult } from '../services/org'
import type { Remote } from './use-remote'

export function useOrgLevel(unitId: string) {
  const [state, setState] = useState<Remote<OrgTreeResult>>({ status: 'loading' })
  const [more, setMore] = useState<{ busy: boolean; error: string }>({ busy: false, error: '' })
  const pages = useRef(1)
  const seq = useRef(0)
  const shown = useRef<OrgTreeResult | null>(null)

  const reload = useCallback(async () => {
    const mine = ++seq.current
    try {
      const first = await getOrgLevel(unitId)
      const children = [...first.children]
      let next = first.nextCursor
      for (let i = 1; i < pages.current && next; i++) {
        const page = await getOrgLevel(unitId, next)
        children.push(...page.children)
        next = page.nextCursor
      }
      if (mine !== seq.current) return
      const { nextCursor: _first, ...rest } = first
      shown.current = { ...rest, children, ...(next ? { nextCursor: next } : {}) }
      setState({ status: 'ok', data: shown.current })
    } catch (e) {
      if (mine === seq.current) setState({ status: 'error', error: toServiceError(e) })
    }
  }, [unitId])

  useEffect(() => {
    void reload()
  }, [reload])

  const loadMore = useCallback(async () => {
    const was = shown.current
    if (!was?.nextCursor) return
    const mine = ++seq.current
    setMore({ busy: true, error: '' })
    try {
      const page = await getOrgLevel(unitId, was.nextCursor)
      if (mine !== seq.current) return
      const ids = new Set(was.children.map((c) => c.id))
      pages.current++
      shown.current = {
        unit: page.unit,
        children: [...was.children, ...page.children.filter((c) => !ids.has(c.id))],
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      }
      setState({ status: 'ok', data: shown.current })
      setMore({ busy: false, error: '' })
    } catch (e) {
      if (mine === seq.current) setMore({ busy: false, error: toServiceError(e).message })
    }
  }, [unitId])

  return { state, reload, loadMore, more }
}
