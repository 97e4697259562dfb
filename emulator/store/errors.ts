/**
 * Errors carry the code string the real CloudBase service returns in `{code, message}`; wx-server-sdk maps the code
 * to its numeric errCode (DATABASE_COLLECTION_NOT_EXIST -> -502005, DATABASE_REQUEST_FAILED -> -502001,
 * INVALID_PARAM -> -501007), and @cloudbase/database retries runTransaction on DATABASE_TRANSACTION_CONFLICT.
 */
export type StoreErrorCode =
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
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

/** The real service's words (its SDK tests assert them), so code that matches on the message works here too. */
export const transactionConflict = (): StoreError =>
  new StoreError(
    'DATABASE_TRANSACTION_CONFLICT',
    '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
  )

/** A transaction used after its commit, abort, conflict or 30 s timeout. */
export const transactionNotExist = (): StoreError =>
  new StoreError(
    'DATABASE_TRANSACTION_FAIL',
    '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.',
  )

/** A geo query on a field without a 2dsphere index: the service refuses it (需对查询字段建立地理位置索引). */
export const geoIndexMissing = (collection: string, field: string): StoreError =>
  new StoreError(
    'DATABASE_REQUEST_FAILED',
    `unable to find index for $geoNear query: ${collection}.${field} needs a 2dsphere index (需对查询字段建立地理位置索引)`,
  )
