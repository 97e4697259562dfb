/**
 * The demo's care persons (关爱对象, issue 12 item 6): a care record for every resident the roster flagged (their
 * careFlags, emulator/seed/index.ts), made as care.mark makes it; in the first grid of 和平里社区 the first three have
 * a care team (四包一) drawn from the personas — the community worker as 社区干部, the resident persona as 网格员
 * (a resident volunteer), their neighbour as 民警 — with the last week of daily checks: the first was visited every
 * day but one (that day's alert raised and answered), the second not since yesterday (yesterday's 未探访 open), the
 * third has no checks yet. So the community worker, the grid's chief and the resident persona each have something to
 * try; counts (checks, alerts) equal the records.
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
  const teams: Record<string, CarePersonDoc['team']>[] = [
    { t: { ...EMPTY_TEAM, cadre: h(staff), gridWorker: h(resident), police: h(neighbour) } },
    { t: { ...EMPTY_TEAM, cadre: h(staff), gridWorker: h(resident) } },
    { t: { ...EMPTY_TEAM, gridWorker: h(neighbour) } },
  ]
  const checks: CareCheckDoc[] = []
  const alerts: CareAlertDoc[] = []
  const dayOf = (n: number) => careDayOf(new Date(+day0 - n * DAY + 12 * HOUR))
  inGrid.forEach((c, i) => {
    c.team = teams[i].t
    c.helperIds = Object.values(c.team).flatMap((x) => (x ? [x.personId] : []))
    // days before today (1 = yesterday) with a check, and the days missed
    const checked = i === 0 ? [1, 2, 4, 5, 6, 7] : i === 1 ? [2, 3, 4, 5, 6, 7] : []
    const missed = i === 0 ? [3] : i === 1 ? [1] : []
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
  })
  return { carePersons: cares, careChecks: checks, careAlerts: alerts }
}
