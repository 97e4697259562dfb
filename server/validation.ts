/** Payload validation at the boundary, with a Chinese detail naming the field the user got wrong. */
import type { z } from 'zod'

const fieldName = (path: readonly (string | number)[]): string => (path.length ? path.join('.') : '提交的内容')

/** One Chinese sentence for the first problem zod found (one is enough to fix, and short enough to show). */
export function describeIssue(issue: z.ZodIssue): string {
  const field = fieldName(issue.path)
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined' ? `缺少字段 ${field}` : `字段 ${field} 类型不对`
    case 'unrecognized_keys':
      return `不认识的字段 ${issue.keys.join('、')}`
    case 'too_small':
      return issue.type === 'string' && issue.minimum === 1 ? `字段 ${field} 不能为空` : `字段 ${field} 太短或太小`
    case 'too_big':
      return `字段 ${field} 太长或太大`
    default:
      return `字段 ${field} 格式不对`
  }
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; detail: string }

/** A missing payload means "no arguments": `{}` (a client calling `me` may send none). */
export function parsePayload<T>(schema: z.ZodType<T>, payload: unknown): Parsed<T> {
  const result = schema.safeParse(payload === undefined ? {} : payload)
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, detail: describeIssue(result.error.issues[0]) }
}
