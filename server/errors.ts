/** A failure a handler reports on purpose; the router turns it into the envelope's `fail`. */
import type { ErrorCode, Issue } from '../core/envelope'

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Chinese detail appended to the standard message; shown to the user. */
    readonly detail?: string,
    /** Every problem of a bulk input (e.g. each bad roster row). */
    readonly issues?: Issue[],
  ) {
    super(detail ? `${code}: ${detail}` : code)
    this.name = 'AppError'
  }
}
