/**
 * WeChat cloud-function timer triggers use a 7-field cron: `sec min hour day month week year`
 * (e.g. `0 0 2 1 * * *` = 02:00 on the 1st of every month). No maintained npm cron parser takes a year field
 * (and none is installed), so this small parser handles what the platform documents: `*`, numbers, `a-b`, `a,b`,
 * `* /n` and `a-b/n` steps, month and weekday names (MON, JAN), weekday 0-6 with 0 = Sunday. As in classic cron,
 * when both day-of-month and day-of-week are restricted a day matching either fires.
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
  const dom = c.day.has(d.getDate())
  const dow = c.week.has(d.getDay())
  if (c.dayRestricted && c.weekRestricted) return dom || dow
  return dom && dow
}

/** The first time strictly after `after` (local time, second precision) that matches, within ~5 years. */
export function nextRun(c: Cron, after: Date): Date | null {
  const t = new Date(after.getTime())
  t.setMilliseconds(0)
  t.setSeconds(t.getSeconds() + 1)
  const limit = after.getTime() + 5 * 366 * 24 * 3600 * 1000
  while (t.getTime() <= limit) {
    if (c.year && !c.year.has(t.getFullYear())) {
      t.setFullYear(t.getFullYear() + 1, 0, 1)
      t.setHours(0, 0, 0)
      continue
    }
    if (!c.month.has(t.getMonth() + 1)) {
      t.setMonth(t.getMonth() + 1, 1)
      t.setHours(0, 0, 0)
      continue
    }
    if (!dayMatches(c, t)) {
      t.setDate(t.getDate() + 1)
      t.setHours(0, 0, 0)
      continue
    }
    if (!c.hour.has(t.getHours())) {
      t.setHours(t.getHours() + 1, 0, 0)
      continue
    }
    if (!c.min.has(t.getMinutes())) {
      t.setMinutes(t.getMinutes() + 1, 0)
      continue
    }
    if (!c.sec.has(t.getSeconds())) {
      t.setSeconds(t.getSeconds() + 1)
      continue
    }
    return t
  }
  return null
}
