/** Masking of personal data for people who do not need it in full (PIPL Art. 51). */
import type { Unit } from './units'

/** A mobile number keeps its carrier prefix and last four digits; any other number only its last two. */
export function maskPhone(phone: string): string {
  if (/^\d{11}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`
  const digits = phone.replace(/\D/g, '').length
  let seen = 0
  return phone.replace(/\d/g, (d) => (++seen > digits - 2 ? d : '*'))
}

/**
 * A door keeps its building and entrance and loses its room: 3栋2单元402 → 3栋2单元***. Neighbours may know
 * which building someone lives in (they meet on the stairs), not which flat. Given a bare label, the trailing
 * room number (with any 室/号) goes.
 */
export function maskRoom(door: Pick<Unit, 'building' | 'entrance' | 'room'> | string): string {
  if (typeof door === 'string') return door.replace(/[0-9A-Za-z-]+[室号]?$/, '***')
  return `${door.building ?? ''}${door.entrance ?? ''}${door.room ? '***' : ''}`
}

/** A name keeps its first character: 王秀英 → 王**, 李明 → 李* (a provider at 核销 needs no more). */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length === 0) return '*'
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1))
}
