/**
 * A QR code as an image the page can show (weapp and h5 alike): the symbol from the qrcode package, drawn as one SVG
 * path and handed to <Image> as a base64 data URL. No canvas, no TextEncoder (neither is there in every WeChat
 * base library): the text goes in as UTF-8 bytes made here.
 */
import { create } from 'qrcode'

/** The text's UTF-8 bytes. */
function utf8(text: string): Uint8Array {
  const out: number[] = []
  for (const ch of text) {
    const c = ch.codePointAt(0) as number
    if (c < 0x80) out.push(c)
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63))
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
  }
  return Uint8Array.from(out)
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Base64 of ASCII text (an SVG here); btoa is not there in weapp. */
function base64(ascii: string): string {
  let out = ''
  for (let i = 0; i < ascii.length; i += 3) {
    const [a, b, c] = [ascii.charCodeAt(i), ascii.charCodeAt(i + 1), ascii.charCodeAt(i + 2)]
    const n = (a << 16) | ((b || 0) << 8) | (c || 0)
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63]
    out += i + 1 < ascii.length ? B64[(n >> 6) & 63] : '='
    out += i + 2 < ascii.length ? B64[n & 63] : '='
  }
  return out
}

/** The SVG of `text`'s QR code: dark modules as one path, a quiet zone of 4 modules around (as scanners want). */
export function qrSvg(text: string): string {
  const { size, data } = create([{ mode: 'byte', data: utf8(text) }], { errorCorrectionLevel: 'M' }).modules
  const quiet = 4
  let d = ''
  for (let row = 0; row < size; row++)
    for (let col = 0; col < size; col++) if (data[row * size + col]) d += `M${col + quiet} ${row + quiet}h1v1h-1z`
  const side = size + 2 * quiet
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges">` +
    `<rect width="${side}" height="${side}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`
  )
}

/** `text`'s QR code as a data URL for <Image src>. */
export const qrDataUrl = (text: string): string => `data:image/svg+xml;base64,${base64(qrSvg(text))}`
