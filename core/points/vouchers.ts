/**
 * Vouchers (兑换券): the code a provider types or scans at 核销, and when a voucher may be used or cancelled.
 * A code is 12 digits, the last a Luhn check digit so a mistyped digit is caught before any lookup; the other 11
 * are random (server-side, crypto), so a code cannot be guessed from another. Printed in groups of four.
 */
import type { VoucherDoc } from '../model'

export const CODE_DIGITS = 12
/** What the voucher's QR code encodes: a prefix that says what it is, then the code. */
export const QR_PREFIX = 'WGT-VOUCHER:'

/** The Luhn check digit of a string of digits. */
export function luhnDigit(body: string): string {
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i])
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return String((10 - (sum % 10)) % 10)
}

/** The code made from 11 random digits. */
export function voucherCode(randomDigits: string): string {
  if (!/^\d{11}$/.test(randomDigits)) throw new Error('a voucher code needs 11 random digits')
  return randomDigits + luhnDigit(randomDigits)
}

/** Whether 12 digits form a valid code (its check digit matches). */
export const isVoucherCode = (code: string): boolean =>
  /^\d{12}$/.test(code) && luhnDigit(code.slice(0, 11)) === code[11]

/** 123456789012 → '1234 5678 9012'. */
export const formatCode = (code: string): string => code.replace(/(\d{4})(?=\d)/g, '$1 ')

/** The text the voucher's QR code holds. */
export const voucherQr = (code: string): string => `${QR_PREFIX}${code}`

/**
 * The code in what a provider typed (spaces, dashes allowed) or scanned (the QR text); null when it is not a
 * valid code.
 */
export function parseVoucherInput(text: string): string | null {
  let t = text.trim()
  if (t.toUpperCase().startsWith(QR_PREFIX)) t = t.slice(QR_PREFIX.length)
  const code = t.replace(/[\s-]/g, '')
  return isVoucherCode(code) ? code : null
}

/** When a voucher redeemed at `at` stops being usable: voucherDays later, never after the service's validUntil. */
export const voucherExpiry = (at: Date, voucherDays: number, validUntil: Date): Date =>
  new Date(Math.min(+at + voucherDays * 86_400_000, +new Date(validUntil)))

export type VoucherState = 'active' | 'used' | 'cancelled' | 'expired'

/** How the voucher stands at `now`: an active one past its date reads as expired. */
export function voucherState(v: Pick<VoucherDoc, 'status' | 'expiresAt'>, now: Date): VoucherState {
  if (v.status === 'active' && +new Date(v.expiresAt) <= +now) return 'expired'
  return v.status
}

/** Why the voucher cannot be used (核销) or cancelled now; null when it can. Both need it active and in date. */
export function voucherRefusal(
  v: Pick<VoucherDoc, 'status' | 'expiresAt'>,
  now: Date,
): 'VOUCHER_USED' | 'VOUCHER_CANCELLED' | 'VOUCHER_EXPIRED' | null {
  const state = voucherState(v, now)
  if (state === 'used') return 'VOUCHER_USED'
  if (state === 'cancelled') return 'VOUCHER_CANCELLED'
  if (state === 'expired') return 'VOUCHER_EXPIRED'
  return null
}
