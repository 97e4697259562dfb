/**
 * The one response envelope every cloud-function action returns. The message is Chinese and shown to
 * the user as is; the code is stable, tested, and what clients branch on.
 */
export const ERROR_MESSAGES = {
  INVALID_PAYLOAD: '提交的内容不完整或格式不对，请检查后再试',
  UNKNOWN_ACTION: '不支持的操作',
  NOT_REGISTERED: '你还没有加入网格，请先通过网格邀请加入',
  FORBIDDEN: '你没有权限进行这项操作',
  NOT_FOUND: '要找的内容不存在或已删除',
  INTERNAL: '服务暂时不可用，请稍后再试',
} as const

export type ErrorCode = keyof typeof ERROR_MESSAGES

export interface Ok<T> {
  ok: true
  data: T
}
export interface Fail {
  ok: false
  code: ErrorCode
  message: string
}
export type Envelope<T> = Ok<T> | Fail

export const ok = <T>(data: T): Ok<T> => ({ ok: true, data })

/** A failure; `detail` sharpens the standard message (e.g. which field is wrong) without changing the code. */
export const fail = (code: ErrorCode, detail?: string): Fail => ({
  ok: false,
  code,
  message: detail ? `${ERROR_MESSAGES[code]}：${detail}` : ERROR_MESSAGES[code],
})

/** Own keys only: `'toString' in ERROR_MESSAGES` is true too. */
export const isErrorCode = (v: unknown): v is ErrorCode =>
  typeof v === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, v)
