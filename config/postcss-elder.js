/**
 * 长辈模式 (适老化) from one place: every stylesheet of ours, in both builds, is rewritten so that one class on a
 * page root scales and darkens the whole page (src/app.css `.elder` sets the two variables):
 * - an absolute font-size or line-height becomes `calc(<value> * var(--elder-scale, 1) + var(--elder-lift, 0px))`
 *   (relative values
 *   such as em, %, unitless line-heights and keywords already follow their parent and are left alone);
 * - a dark text colour below 4.5:1 against white or the page background becomes `var(--elder-muted, <colour>)`.
 * Taro runs this after pxtransform, so lengths are already rpx (weapp) or rem (h5); without the class the
 * variables are unset and every page looks as written.
 */
const SCALE = 'var(--elder-scale, 1)'
// Added after scaling, so small print (hints, tags) grows more than headings do.
const LIFT = 'var(--elder-lift, 0px)'
const ABSOLUTE = /^-?(\d+|\d*\.\d+)(rpx|rem|px|pt)$/
// A var() chain whose last fallback is an absolute length: var(--a, var(--b, 28rpx)).
const VAR_TO_LENGTH = /^var\(.*,\s*-?(\d+|\d*\.\d+)(rpx|rem|px|pt)\)+$/
// What text sits on: the cards and the page (.app-page in src/app.css).
const BACKGROUNDS = ['#ffffff', '#f4f5f7']
const MIN_CONTRAST = 4.5

const scalable = (value) => ABSOLUTE.test(value) || VAR_TO_LENGTH.test(value)

function luminance(hex) {
  const full = hex.length === 4 ? hex.replace(/[0-9a-f]/gi, (c) => c + c) : hex
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

// Only dark-on-light text: a light colour (white on the red banners) sits on a dark background of its own.
const lowContrast = (value) =>
  /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(value) &&
  BACKGROUNDS.every((bg) => luminance(value) < luminance(bg)) &&
  BACKGROUNDS.some((bg) => contrast(value, bg) < MIN_CONTRAST)

function elder(decl) {
  const value = decl.value.trim()
  if (value.includes('--elder-')) return
  if ((decl.prop === 'font-size' || decl.prop === 'line-height') && scalable(value)) {
    decl.value = `calc(${value} * ${SCALE} + ${LIFT})`
  } else if (decl.prop === 'color' && lowContrast(value)) {
    decl.value = `var(--elder-muted, ${value})`
  }
}

// NutUI is sized through its own variables (--nutui-font-size-*, set by `.elder`), and Taro's h5 build does not
// pass it through here anyway: leaving it out keeps both builds alike.
const isNutUI = (file) => (file ?? '').replace(/\\/g, '/').includes('/@nutui/')

module.exports = () => ({
  postcssPlugin: 'postcss-elder',
  prepare(result) {
    return isNutUI(result.opts.from) ? {} : { Declaration: elder }
  },
})
module.exports.postcss = true
