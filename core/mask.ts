/** Masking of personal data for people who do not need it in full (PIPL Art. 51). */

/** A mobile number keeps its carrier prefix and last four digits; any other number only its last two. */
export function maskPhone(phone: string): string {
  if (/^\d{11}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`
  const digits = phone.replace(/\D/g, '').length
  let seen = 0
  return phone.replace(/\d/g, (d) => (++seen > digits - 2 ? d : '*'))
}
