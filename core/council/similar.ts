/**
 * Which open proposals of a grid look like a draft (shown before filing, so that neighbours support one proposal
 * rather than file five): how much of the draft's character bigrams (title + text, spaces and punctuation dropped) an
 * open proposal shares — containment, not Dice, so that a short draft still finds the long proposal it repeats. Chinese has no spaces, so bigrams carry the words (楼道 灯坏 坏了); the title counts twice, since it
 * names the matter. Pure; the handler reads at most COUNCIL_LIMITS.similarScan of the grid's newest open ones.
 */

/** Letters, digits and CJK characters only, lowercased. */
export function normalise(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
}

/** The bigrams of a text with their counts (a one-character text is its own bigram). */
export function bigrams(s: string): Map<string, number> {
  const chars = [...normalise(s)]
  const out = new Map<string, number>()
  if (chars.length === 1) out.set(chars[0], 1)
  for (let i = 0; i + 1 < chars.length; i++) {
    const b = chars[i] + chars[i + 1]
    out.set(b, (out.get(b) ?? 0) + 1)
  }
  return out
}

const size = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0)

/** Title (twice) and text bigrams together. */
export function fingerprint(title: string, text: string): Map<string, number> {
  const out = bigrams(text)
  for (const [b, n] of bigrams(title)) out.set(b, (out.get(b) ?? 0) + 2 * n)
  return out
}

/** Dice coefficient of two bigram multisets: 2·|A∩B| ÷ (|A| + |B|), 0 when either is empty. */
export function dice(a: Map<string, number>, b: Map<string, number>): number {
  const total = size(a) + size(b)
  if (!total || !size(a) || !size(b)) return 0
  let common = 0
  for (const [k, n] of a) common += Math.min(n, b.get(k) ?? 0)
  return (2 * common) / total
}

/** The share of `a`'s bigrams (with their counts) that `b` has too: |A∩B| ÷ |A|, 0 when `a` is empty. */
export function containment(a: Map<string, number>, b: Map<string, number>): number {
  const n = size(a)
  if (!n) return 0
  let common = 0
  for (const [k, m] of a) common += Math.min(m, b.get(k) ?? 0)
  return common / n
}

/** A score at or above this is shown as similar. */
export const SIMILAR_MIN_SCORE = 0.2

export interface Candidate {
  title: string
  text: string
}

/** The candidates at least SIMILAR_MIN_SCORE like the draft, best first (ties: the order given), at most `limit`. */
export function mostSimilar<C extends Candidate>(
  draft: { title: string; text: string },
  candidates: readonly C[],
  limit: number,
): { candidate: C; score: number }[] {
  const d = fingerprint(draft.title, draft.text)
  if (!size(d)) return []
  return candidates
    .map((candidate, i) => ({ candidate, i, score: containment(d, fingerprint(candidate.title, candidate.text)) }))
    .filter((s) => s.score >= SIMILAR_MIN_SCORE)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, limit)
    .map(({ candidate, score }) => ({ candidate, score: Math.round(score * 100) / 100 }))
}
