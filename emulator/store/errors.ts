/**
 * Errors carry the code string the real CloudBase service returns in `{code, message}`; wx-server-sdk maps the code
 * to its numeric errCode (DATABASE_COLLECTION_NOT_EXIST -> -502005, DATABASE_REQUEST_FAILED -> -502001,
 * INVALID_PARAM -> -501007), and @cloudbase/database retries runTransaction on DATABASE_TRANSACTION_CONFLICT.
 */
export type StoreErrorCode =
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_REQUEST_FAILED'
  | 'INVALID_PARAM'

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'StoreError'
  }
}

export const collectionNotExist = (name: string): StoreError =>
  new StoreError(
    'DATABASE_COLLECTION_NOT_EXIST',
    `[ResourceNotFound] Db or Table not exist: ${name}. Please check your request, but if the problem cannot be solved, contact us.`,
  )

export const transactionConflict = (): StoreError =>
  new StoreError('DATABASE_TRANSACTION_CONFLICT', 'database transaction conflict')
