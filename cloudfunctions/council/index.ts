/**
 * The `council` function (三长议事, issue 13): a grid's proposals (议题) — raised by a resident or a head, supported
 * by neighbours, on the agenda (待议) at the grid's threshold or by a head's choice, or declined with a public
 * reason — and the council's meetings and votes that decide them. Who may do what in a grid:
 * core/council/members.ts.
 */
import { createMain, wxPlatform, type Handlers } from '../../server/router'
import { decline, toAgenda, updateSettings } from './handlers/manage'
import { proposal, proposals, propose, similar } from './handlers/proposals'
import { support, withdrawSupport } from './handlers/support'
// meetings and votes: H6 (import your handlers below this line)
import { closeItem } from './handlers/decide'
import {
  closeMeeting,
  meeting,
  meetingCandidates,
  meetings,
  openMeeting,
  saveMinutes,
  scheduleMeeting,
} from './handlers/meetings'
import { recordVotes, vote } from './handlers/votes'

const handlers: Handlers<'council'> = {
  // proposals (议题): H5
  similar,
  propose,
  support,
  withdrawSupport,
  toAgenda,
  decline,
  proposals,
  proposal,
  updateSettings,
  // meetings and votes: H6 (append below this line)
  scheduleMeeting,
  meetingCandidates,
  meetings,
  meeting,
  openMeeting,
  vote,
  recordVotes,
  closeItem,
  saveMinutes,
  closeMeeting,
}

export const main = createMain('council', handlers, wxPlatform, {
  // meetings and votes: H6 (timers, if any)
})
