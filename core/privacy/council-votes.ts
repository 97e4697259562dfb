/**
 * A person's council votes (三长议事, issue 13) in their 导出我的数据: each vote they cast or the chair recorded for
 * them, with the meeting and the agenda item, newest first, in plain words. Their deletion keeps every vote (the
 * tallies and decisions stay true) and takes their name off it and off the meetings' members. Pure; the I/O is
 * cloudfunctions/privacy/council-votes.ts.
 */
import type { MyCouncil } from '../contract/council'
import { VOTE_CHOICE_LABELS } from '../council/vote'
import type { CouncilVoteDoc, MeetingDoc, MeetingItemDoc } from '../model'

export function myVotes(
  votes: readonly CouncilVoteDoc[],
  meetings: ReadonlyMap<string, Pick<MeetingDoc, 'title'>>,
  items: ReadonlyMap<string, Pick<MeetingItemDoc, 'title'>>,
): NonNullable<MyCouncil['votes']> {
  return [...votes]
    .sort((a, b) => +new Date(b.at) - +new Date(a.at))
    .map((v) => ({
      meeting: meetings.get(v.meetingId)?.title ?? '',
      item: items.get(v.itemId)?.title ?? '',
      choice: VOTE_CHOICE_LABELS[v.choice],
      via: v.via === 'inPerson' ? '现场表决（网格长代录）' : '线上表决',
      at: new Date(v.at).toISOString(),
    }))
}
