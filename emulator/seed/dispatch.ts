/**
 * 日调度 of the demo (issue 13 item 4): the first grid (the residents' grid, led by its own chief) already has an
 * overdue request and one due today (requests.ts), an urgent notice not everyone has answered, today's checkpoint
 * shifts with free seats (duty.ts) and a care person nobody checked on (care.ts); this adds the one thing of today it
 * lacked — a volunteer activity this evening — so that chief's 今日调度 has something in every section. Dated off
 * seedDay(), like the rest, so the demo is the same all day.
 */
import type { ActivityDoc } from '../../core/model'
import { seedDay } from './points-wallet'

const HOUR = 3_600_000

/** This evening's 平安巡逻 of the grid of the open clean-up, 19:00–21:00 Beijing, nobody signed up yet. */
export function seedDispatchActivity(activities: readonly ActivityDoc[], now: Date = seedDay()): ActivityDoc[] {
  const model = activities.find((a) => a._id === 'act-open-cleanup')
  if (!model) return []
  const startAt = new Date(+now + 19 * HOUR)
  return [
    {
      ...model,
      _id: 'act-today-patrol',
      title: '今晚平安巡逻',
      description: '沿小区主干道和楼栋之间巡逻一圈，留意消防通道和陌生车辆。',
      place: `${model.place.replace(/中心花园$/, '')}北门岗亭`,
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
      secret: 'demo-secret-act-today-patrol',
      createdAt: new Date(+now - 2 * 24 * HOUR),
    },
  ]
}
