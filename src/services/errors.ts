/** The one error type services throw: a stable code to branch on and a Chinese message to show as is. */
import { ERROR_MESSAGES, type ErrorCode, type Issue } from '../../core/envelope'

/** Codes of the envelope, plus the one failure that never reaches a function: the network. */
export type ClientErrorCode = ErrorCode | 'NETWORK'

export const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试'

export class ServiceError extends Error {
  readonly code: ClientErrorCode
  /** Every problem of a bulk input (a roster import's bad rows), when the envelope listed them. */
  readonly issues: Issue[]

  constructor(code: ClientErrorCode, message: string, issues: Issue[] = []) {
    super(message)
    this.name = 'ServiceError'
    this.code = code
    this.issues = issues
  }
}

/** Any thrown value as a ServiceError, so pages show one kind of message. */
export const toServiceError = (e: unknown): ServiceError =>
  e instanceof ServiceError ? e : new ServiceError('INTERNAL', ERROR_MESSAGES.INTERNAL)
