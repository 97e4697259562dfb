/**
 * 日调度 of the demo (issue 13 item 4): the first grid (the residents' grid, led by its own chief) already has an
 * overdue request and one due today (requests.ts), an urgent notice not everyone has answered, today's checkpoint
 * shifts with free seats (duty.ts) and a care person nobody checked on (care.ts); this adds the one thing of today it
 * lacked — a volunteer activity this evening — so that chief's 今日调度 has something in every section. The second
 * grid chief persona's grid (第2网格) has its share the same way: an overdue request and one due today (requests.ts),
 * today's shifts at its own checkpoint (duty.ts), a care person not visited yesterday (care.ts), and its own night
 * patrol tonight (here). Dated off seedDay(), like the rest, so the demo is the same all day.
 */
import type { ActivityDoc, PersonDoc } from '../../core/model'
import type { Unit } from '../../core/units'
import { seedDay } from './points-wallet'

const HOUR = 3_600_000

/** A grid that gets an evening activity of its own, organised by its chief. */
export interface DispatchGrid {
  grid: Unit
  chief: PersonDoc
}

/** This evening's 平安巡逻 of the grid of the open clean-up, 19:00–21:00 Beijing, nobody signed up yet; and one
 * 22:00–24:00 in each of `more`, organised by its chief (ending at midnight, it is open on 积分 all day). */
export function seedDispatchActivity(
  activities: readonly ActivityDoc[],
  now: Date = seedDay(),
  more: readonly DispatchGrid[] = [],
): ActivityDoc[] {
  const model = activities.find((a) => a._id === 'act-open-cleanup')
  if (!model) return []
  const patrol = (id: string, startAt: Date, place: string): ActivityDoc => ({
    ...model,
    _id: id,
    title: '今晚平安巡逻',
    description: '沿小区主干道和楼栋之间巡逻一圈，留意消防通道和陌生车辆。',
    place,
    startAt,
    endAt: new Date(+startAt + 2 * HOUR),
    signUpOpensAt: new Date(+now - 2 * 24 * HOUR),
    signUpClosesAt: startAt,
    roles: [
      {
        name: '巡逻队员',
        quota: 6,
        rule: { pointsPerHour: 10, nightMultiplier: 1, cap: 40 },
        filled: 0,
        waiting: 0,
        seq: 0,
      },
    ],
    secret: `demo-secret-${id}`,
    createdAt: new Date(+now - 2 * 24 * HOUR),
  })
  return [
    patrol('act-today-patrol', new Date(+now + 19 * HOUR), `${model.place.replace(/中心花园$/, '')}北门岗亭`),
    ...more.map(({ grid, chief }) => ({
      ...patrol(`act-today-patrol-${grid._id}`, new Date(+now + 22 * HOUR), `${grid.name}北门岗亭`),
      audience: { kind: 'grid' as const, id: grid._id, name: grid.name },
      unitId: grid._id,
      unitPath: grid.path,
      organiserId: chief._id,
      origin: `${grid.name} · ${chief.name}`,
    })),
  ]
}
