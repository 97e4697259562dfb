/** Masking of personal data for people who do not need it in full (PIPL Art. 51). */
export const maskPhone = (phone: string): string =>
  /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone.replace(/\d(?=\d{2})/g, '*')
