/** What a notice's card shows of its body: the first 60 characters (code points, so no emoji is cut in half). */

export const EXCERPT_CHARS = 60

export function excerpt(body: string): string {
  const chars = [...body]
  return chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS).join('')}…` : body
}
