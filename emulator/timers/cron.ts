/**
 * WeChat cloud-function timer triggers use a 7-field cron: `sec min hour day month week year`
 * (e.g. `0 0 2 1 * * *` = 02:00 on the 1st of every month). No maintained npm cron parser takes a year field
 * (and none is installed), so this small parser handles what the platform documents: `*`, numbers, `a-b`, `a,b`,
 * `* /n` and `a-b/n` steps, month and weekday names (MON, JAN), weekday 0-6 with 0 = Sunday. As in classic cron,
 * when both day-of-month and day-of-week are restricted a day matching either fires. Times are Beijing time.
 */

export interface Cron {
  sec: Set<number>
  min: Set<number>
  hour: Set<number>
  day: Set<number>
  month: Set<number>
  week: Set<number>
  year: Set<number> | null
  dayRestricted: boolean
  weekRestricted: boolean
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

function field(src: string, lo: number, hi: number, names?: string[], nameBase = 0): Set<number> {
  const out = new Set<number>()
  const num = (s: string): number => {
    const i = names ? names.indexOf(s.toUpperCase()) : -1
    const n = i >= 0 ? i + nameBase : Number(s)
    if (!Number.isInteger(n) || n < lo || n > hi) throw new Error(`cron value ${s} out of range ${lo}-${hi}`)
    return n
  }
  for (const part of src.split(',')) {
    const [range, stepSrc] = part.split('/')
    const step = stepSrc === undefined ? 1 : Number(stepSrc)
    if (!Number.isInteger(step) || step < 1) throw new Error(`bad cron step in ${part}`)
    let a: number
    let b: number
    if (range === '*' || range === '?') [a, b] = [lo, hi]
    else if (range.includes('-')) [a, b] = range.split('-').map(num) as [number, number]
    else {
      a = num(range)
      b = stepSrc === undefined ? a : hi
    }
    if (a > b) throw new Error(`bad cron range ${range}`)
    for (let v = a; v <= b; v += step) out.add(v)
  }
  return out
}

export function parseCron(expr: string): Cron {
  const f = expr.trim().split(/\s+/)
  if (f.length !== 7 && f.length !== 6)
    throw new Error(`cron needs 7 fields (sec min hour day month week year): ${expr}`)
  const week = field(f[5], 0, 7, DAYS)
  if (week.has(7)) week.add(0) // 7 = Sunday too
  return {
    sec: field(f[0], 0, 59),
    min: field(f[1], 0, 59),
    hour: field(f[2], 0, 23),
    day: field(f[3], 1, 31),
    month: field(f[4], 1, 12, MONTHS, 1),
    week,
    year: f[6] === undefined || f[6] === '*' ? null : field(f[6], 1970, 2199),
    dayRestricted: f[3] !== '*' && f[3] !== '?',
    weekRestricted: f[5] !== '*' && f[5] !== '?',
  }
}

function dayMatches(c: Cron, d: Date): boolean {
  const dom = c.day.has(d.getUTCDate())
  const dow = c.week.has(d.getUTCDay())
  if (c.dayRestricted && c.weekRestricted) return dom || dow
  return dom && dow
}

/** The platform evaluates timer crons in Beijing time (UTC+8, no daylight saving). */
export const PLATFORM_UTC_OFFSET_MINUTES = 480

/**
 * The first time strictly after `after` (second precision) that matches, within ~5 years. Fields are read in
 * the wall-clock time `utcOffsetMinutes` east of UTC, so schedules do not depend on the machine's time zone.
 */
export function nextRun(c: Cron, after: Date, utcOffsetMinutes = PLATFORM_UTC_OFFSET_MINUTES): Date | null {
  const shift = utcOffsetMinutes * 60_000
  // `t` holds wall-clock time in its UTC fields
  const t = new Date(after.getTime() + shift)
  t.setUTCMilliseconds(0)
  t.setUTCSeconds(t.getUTCSeconds() + 1)
  const limit = t.getTime() + 5 * 366 * 24 * 3600 * 1000
  while (t.getTime() <= limit) {
    if (c.year && !c.year.has(t.getUTCFullYear())) {
      t.setUTCFullYear(t.getUTCFullYear() + 1, 0, 1)
      t.setUTCHours(0, 0, 0)
      continue
    }
    if (!c.month.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1)
      t.setUTCHours(0, 0, 0)
      continue
    }
    if (!dayMatches(c, t)) {
      t.setUTCDate(t.getUTCDate() + 1)
      t.setUTCHours(0, 0, 0)
      continue
    }
    if (!c.hour.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0)
      continue
    }
    if (!c.min.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0)
      continue
    }
    if (!c.sec.has(t.getUTCSeconds())) {
      t.setUTCSeconds(t.getUTCSeconds() + 1)
      continue
    }
    return new Date(t.getTime() - shift)
  }
  return null
}
