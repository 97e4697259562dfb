/**
 * The demo's care persons (关爱对象, issue 12 item 6): a care record for every resident the roster flagged (their
 * careFlags, emulator/seed/index.ts), made as care.mark makes it; in the first grid of 和平里社区 the first three have
 * a care team (四包一) drawn from the personas — the community worker as 社区干部, the resident persona as 网格员
 * (a resident volunteer), their neighbour as 民警 — with the last week of daily checks: the first was visited every
 * day but one (that day's alert raised and answered), the second not since yesterday (yesterday's 未探访 open), the
 * third has no checks yet. In the second grid (第2网格, the other grid chief persona's) its first care person has that
 * chief as 网格员 and the community worker as 社区干部, checked every day but yesterday (yesterday's 未探访 open), so
 * that chief's 今日调度 and 我包联的 have someone too. So the community worker, both grid chiefs and the resident
 * persona each have something to try; counts (checks, alerts) equal the records.
 */
import { careDayOf } from '../../core/care/days'
import { EMPTY_TEAM, marked } from '../../core/care/team'
import { careAlertId, careCheckId } from '../../core/ids'
import type { CareAlertDoc, CareCheckDoc, CarePersonDoc, CareHelper, PersonDoc } from '../../core/model'
import type { Persona } from '../../core/persona'
import { ancestorAt, isWithin, type Unit } from '../../core/units'
import { seedDay } from './points-wallet'

const DAY = 24 * 3_600_000
const HOUR = 3_600_000

export function seedCare({
  units,
  people,
  personas,
}: {
  units: readonly Unit[]
  people: readonly PersonDoc[]
  personas: readonly Persona[]
}): Record<string, object[]> {
  const byOpenid = new Map(people.filter((p) => p.openid).map((p) => [p.openid as string, p]))
  const persona = (i: number) => byOpenid.get(personas[i].openid) as PersonDoc
  const resident = persona(0)
  const staff = persona(4)
  const neighbour = persona(7)
  const grid = units.find((u) => u.level === 'grid' && isWithin(resident.homePath ?? '', u.path)) as Unit
  const day0 = seedDay()
  const since = new Date(+day0 - 10 * DAY)
  const personaIds = new Set(personas.flatMap((p) => (byOpenid.get(p.openid) ? [byOpenid.get(p.openid)?._id] : [])))
  const cares: CarePersonDoc[] = people
    .filter((p) => p.careFlags?.length && p.homePath && p.householdId && !p.deletedAt)
    .map((p) =>
      marked(
        null,
        p,
        ancestorAt(p.homePath as string, 'community') as string,
        p.careFlags ?? [],
        '花名册导入',
        { id: staff._id, name: staff.name },
        since,
      ),
    )
  const h = (p: PersonDoc): CareHelper => ({ personId: p._id, name: p.name })
  const inGrid = cares.filter((c) => isWithin(c.homePath, grid.path) && !personaIds.has(c._id)).slice(0, 3)
  // the other grid chief persona's grid: its first care person, that chief their 网格员
  const chief = byOpenid.get(personas.find((p) => p.role === 'gridChief')?.openid ?? '')
  const second = chief && units.find((u) => u.level === 'grid' && isWithin(chief.homePath ?? '', u.path))
  const inSecond =
    chief && second && second._id !== grid._id
      ? cares.filter((c) => isWithin(c.homePath, second.path) && !personaIds.has(c._id)).slice(0, 1)
      : []
  // each care person's team, and the days before today (1 = yesterday) with a check and those missed
  const plans: { c: CarePersonDoc; team: CarePersonDoc['team']; checked: number[]; missed: number[] }[] = [
    ...inGrid.map((c, i) => ({
      c,
      team: [
        { ...EMPTY_TEAM, cadre: h(staff), gridWorker: h(resident), police: h(neighbour) },
        { ...EMPTY_TEAM, cadre: h(staff), gridWorker: h(resident) },
        { ...EMPTY_TEAM, gridWorker: h(neighbour) },
      ][i],
      checked: [[1, 2, 4, 5, 6, 7], [2, 3, 4, 5, 6, 7], []][i],
      missed: [[3], [1], []][i],
    })),
    ...inSecond.map((c) => ({
      c,
      team: { ...EMPTY_TEAM, cadre: h(staff), gridWorker: h(chief as PersonDoc) },
      checked: [2, 3, 4, 5, 6, 7],
      missed: [1],
    })),
  ]
  const checks: CareCheckDoc[] = []
  const alerts: CareAlertDoc[] = []
  const dayOf = (n: number) => careDayOf(new Date(+day0 - n * DAY + 12 * HOUR))
  for (const { c, team, checked, missed } of plans) {
    c.team = team
    c.helperIds = Object.values(c.team).flatMap((x) => (x ? [x.personId] : []))
    for (const n of checked) {
      const at = new Date(+day0 - n * DAY + 10 * HOUR)
      const by = n % 2 === 0 && c.team.cadre ? c.team.cadre : (c.team.gridWorker as CareHelper)
      checks.push({
        _id: careCheckId(c._id, by.personId, dayOf(n)),
        carePersonId: c._id,
        helperId: by.personId,
        helperName: by.name,
        slot: by === c.team.cadre ? 'cadre' : 'gridWorker',
        day: dayOf(n),
        seen: true,
        temperature: n === 1 ? 37.6 : 36.5,
        needs: n === 1 ? '药快吃完了，想请人代买降压药' : '',
        homePath: c.homePath,
        at,
        updatedAt: at,
      })
    }
    for (const n of missed)
      alerts.push({
        _id: careAlertId(c._id, dayOf(n)),
        carePersonId: c._id,
        name: c.name,
        day: dayOf(n),
        homePath: c.homePath,
        helperIds: c.helperIds,
        raisedAt: new Date(+day0 - n * DAY + 12.5 * HOUR),
      })
    c.checks = checked.length
    c.lastCheckDay = checked.length ? dayOf(Math.min(...checked)) : ''
    c.alerts = missed.length
    c.lastAlertDay = missed.length ? dayOf(Math.min(...missed)) : ''
    c.openAlertDay = missed.length && Math.min(...missed) < Math.min(...checked) ? dayOf(Math.min(...missed)) : ''
  }
  return { carePersons: cares, careChecks: checks, careAlerts: alerts }
}
