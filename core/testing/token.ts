/**
 * The household's code on its slot card: the booking's id signed with the round's secret (HMAC-SHA-256, the same
 * primitive as the activities' check-in codes in core/points/attendance.ts). A resident sees only their own code;
 * without the round's secret, which never leaves the server, nobody can make the code of another household.
 */
import { hmacSha256, toHex } from '../points/sha256'

const PREFIX = 'wgt-test'
/** 96 bits of the MAC: guessing one is out of reach, and the QR stays small. */
const SIG_HEX = 24

const signature = (secret: string, bookingId: string): string =>
  toHex(hmacSha256(secret, `booking:${bookingId}`)).slice(0, SIG_HEX)

/** The text the QR code holds. */
export const bookingCode = (secret: string, bookingId: string): string =>
  `${PREFIX}:${bookingId}:${signature(secret, bookingId)}`

/** The booking id a code names, read without checking it (to find the round's secret); null when not a code. */
export function codeBookingId(text: string): string | null {
  const m = new RegExp(`^${PREFIX}:([^:]{1,64}):([0-9a-f]{${SIG_HEX}})$`).exec(text.trim())
  return m ? m[1] : null
}

/** Whether a code is the true one of this booking under this secret (constant work whatever the mismatch). */
export function codeValid(secret: string, text: string, bookingId: string): boolean {
  const expected = bookingCode(secret, bookingId)
  const got = text.trim()
  if (got.length !== expected.length) return false
  let diff = 0
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ got.charCodeAt(i)
  return diff === 0
}
