/**
 * A person's volunteer totals (the `volunteers` document 志愿时长 and the leaderboards read): where they are ranked,
 * and the attended time added in the same transaction that pays its points. Volunteering (points) and duty shifts
 * (duty) both add to them.
 */
import { volunteerId } from '../core/ids'
import { ancestorAt } from '../core/units'
import type { TxData } from './data'
import { countVolunteerInTx } from './unit-stats'

export interface RankedWhere {
  gridId: string
  communityId: string
}

/** Where a volunteer is ranked: their home's grid and community now (not the activity's unit); with no home, the
 * community that paid. */
export const rankedWhere = (homePath: string | undefined, payingCommunityId: string): RankedWhere => ({
  gridId: ancestorAt(homePath ?? '', 'grid') ?? '',
  communityId: ancestorAt(homePath ?? '', 'community') ?? payingCommunityId,
})

/** Adds one attended activity or shift (`minutes`, `points`) to the person's totals, creating them at the first. */
export async function addVolunteerTime(
  tx: TxData,
  person: { id: string; name: string },
  where: RankedWhere,
  minutes: number,
  points: number,
  now: Date,
): Promise<void> {
  const vid = volunteerId(person.id)
  const v = await tx.volunteers.get(vid)
  await countVolunteerInTx(tx, person.id, where, minutes, now)
  if (v) {
    await tx.volunteers.update(vid, {
      minutes: v.minutes + minutes,
      points: v.points + points,
      activities: v.activities + 1,
      ...where,
      updatedAt: now,
    })
  } else {
    await tx.volunteers.set(vid, {
      name: person.name,
      ...where,
      minutes,
      points,
      activities: 1,
      hidden: false,
      noShows: [],
      updatedAt: now,
    })
  }
}
