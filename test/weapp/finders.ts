/**
 * Element finders for pages rendered in miniprogram-simulate that fail loudly: find() and text() throw, naming the
 * selector and showing what the page holds, when nothing matches (miniprogram-simulate answers undefined, which an
 * `expect(…).toBeDefined()` or an `?.` lets through). Absence is asserted on purpose, with none() or count().
 * waitFor / waitForText / waitGone wait on the condition, failing with what they awaited.
 */
import type { SimulatedNode } from 'miniprogram-simulate'
import { eventually, WAIT_MS } from './activity'

/** The page route a node was rendered for (renderPage records it), for messages. */
const routes = new WeakMap<object, string>()
export const rememberRoute = (node: SimulatedNode, route: string): void => void routes.set(node, route)

/** A class as written in the source: miniprogram-simulate prefixes each with the component's scope (main--). */
const ownClass = (c: string) => c.replace(/^[\w-]*?--(?=[a-z])/, '')

/** What the node holds, for a failure message: its text and the classes drawn in it. */
export function describeNode(node: SimulatedNode): string {
  const where = routes.get(node)
  const text = (node.dom.textContent ?? '').replace(/\s+/g, ' ').trim()
  const classes = new Set<string>()
  for (const el of Array.from(node.dom.querySelectorAll('[class]'))) {
    for (const c of Array.from(el.classList)) if (!/^(taro|nut|h5)-/.test(ownClass(c))) classes.add(ownClass(c))
  }
  const shownClasses = [...classes].slice(0, 60).map((c) => `.${c}`)
  return [
    where ? `on ${where}` : '',
    `the page shows: "${text.length > 400 ? text.slice(0, 400) + '…' : text}"`,
    `classes drawn: ${shownClasses.join(' ') || '(none)'}${classes.size > 60 ? ' …' : ''}`,
  ]
    .filter(Boolean)
    .join('\n')
}

/** The `index`-th element matching `selector`; throws, naming it and showing the page, when there is none. */
export function find(node: SimulatedNode, selector: string, index = 0): SimulatedNode {
  const all = node.querySelectorAll(selector)
  const el = all[index]
  if (!el) {
    const which = index === 0 ? `"${selector}"` : `"${selector}"[${index}] (${all.length} match)`
    throw new Error(`nothing matches ${which}\n${describeNode(node)}`)
  }
  return el
}

/** The text of an element that must be there (of the node itself without a selector). */
export function text(node: SimulatedNode, selector?: string, index = 0): string {
  const el = selector === undefined ? node : find(node, selector, index)
  return el.dom.textContent ?? ''
}

/** The texts of every element matching `selector` (an empty list when none: compare it with what you expect). */
export const texts = (node: SimulatedNode, selector: string): string[] =>
  node.querySelectorAll(selector).map((e) => e.dom.textContent ?? '')

/** How many elements match `selector`. */
export const count = (node: SimulatedNode, selector: string): number => node.querySelectorAll(selector).length

/** Asserts that nothing matches `selector`; throws, naming what does, otherwise. */
export function none(node: SimulatedNode, selector: string): void {
  const all = node.querySelectorAll(selector)
  if (all.length === 0) return
  const shown = all.map((e) => `"${(e.dom.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80)}"`)
  throw new Error(`expected nothing to match "${selector}", found ${all.length}: ${shown.join(', ')}`)
}

/** Waits until `selector` matches (its `index`-th element), then returns it. */
export async function waitFor(node: SimulatedNode, selector: string, index = 0, ms = WAIT_MS): Promise<SimulatedNode> {
  let el: SimulatedNode | undefined
  await eventually(() => {
    el = find(node, selector, index)
  }, ms)
  return el as SimulatedNode
}

/** Waits until the node's text contains `wanted`. */
export async function waitForText(node: SimulatedNode, wanted: string, ms = WAIT_MS): Promise<void> {
  await eventually(() => {
    if (!(node.dom.textContent ?? '').includes(wanted)) {
      throw new Error(`waited for the text "${wanted}"\n${describeNode(node)}`)
    }
  }, ms)
}

/** Waits until nothing matches `selector`. */
export const waitGone = (node: SimulatedNode, selector: string, ms = WAIT_MS): Promise<void> =>
  eventually(() => none(node, selector), ms)
