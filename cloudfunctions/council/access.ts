/**
 * Who the caller is to a grid's council and the views the proposal handlers answer with. Standing is decided by
 * core/council/members.ts from the caller's home and grants, never from the payload; a caller who may not read a
 * grid's proposals learns nothing of a proposal there (NOT_FOUND, as for one that does not exist).
 */
import { COUNCIL_LIMITS, type ProposalDetail, type ProposalRow } from '../../core/contract/council'
import { standingIn, isMember, manages, reads, type CouncilStanding } from '../../core/council/members'
import { thresholdOf } from '../../core/council/support'
import { proposalSupportId } from '../../core/ids'
import type { ProposalDoc } from '../../core/model'
import type { Unit } from '../../core/units'
import type { Caller } from '../../server/caller'
import type { Data } from '../../server/data'
import { AppError } from '../../server/errors'
import { imagesFor } from '../../server/uploads'
import { iso } from '../../server/views'

export const standingOf = (caller: Caller, grid: Pick<Unit, 'path'>): CouncilStanding =>
  standingIn(
    {
      personId: caller.person?._id,
      name: caller.person?.name,
      homePath: caller.person?.homePath,
      grants: caller.grants,
    },
    grid.path,
  )

/** The grid a payload names: a grid in force (COUNCIL_GRID_ONLY for another level, NOT_FOUND for none). */
export async function gridOr404(data: Data, gridId: string): Promise<Unit> {
  const unit = await data.units.get(gridId)
  if (!unit || unit.retired) throw new AppError('NOT_FOUND')
  if (unit.level !== 'grid') throw new AppError('COUNCIL_GRID_ONLY')
  return unit
}

/** A grid the caller may read the council of (COUNCIL_NOT_MEMBER otherwise). */
export async function readableGrid(data: Data, caller: Caller, gridId: string) {
  const grid = await gridOr404(data, gridId)
  const standing = standingOf(caller, grid)
  if (!reads(standing)) throw new AppError('COUNCIL_NOT_MEMBER')
  return { grid, standing }
}

/** A proposal the caller may read, with its grid and the caller's standing there. */
export async function proposalOr404(data: Data, caller: Caller, proposalId: string) {
  const proposal = await data.proposals.get(proposalId)
  if (!proposal) throw new AppError('NOT_FOUND')
  const grid = await data.units.get(proposal.gridId)
  if (!grid) throw new AppError('NOT_FOUND')
  const standing = standingOf(caller, grid)
  if (!reads(standing)) throw new AppError('NOT_FOUND')
  return { proposal, grid, standing }
}

export const rowOf = (p: ProposalDoc, me: string | undefined): ProposalRow => ({
  id: p._id,
  title: p.title,
  status: p.status,
  supports: p.supports,
  proposer: p.proposerName,
  outcome: p.decision?.outcome ?? null,
  at: iso(p.stageAt),
  mine: !!me && p.proposerId === me,
})

/** Title of a linked request: the opening of its description. */
const requestTitle = (description: string): string =>
  description.length > COUNCIL_LIMITS.title ? `${description.slice(0, COUNCIL_LIMITS.title)}…` : description

/** One proposal as the caller sees it (reads: the support record, the settings, the request, the images). */
export async function detailOf(
  data: Data,
  caller: Caller,
  p: ProposalDoc,
  grid: Unit,
  standing: CouncilStanding,
): Promise<ProposalDetail> {
  const me = caller.person?._id
  const [mine, settings, request, images] = await Promise.all([
    me ? data.proposalSupports.get(proposalSupportId(p._id, me)) : null,
    data.councilSettings.get(p.gridId),
    p.requestId ? data.requests.get(p.requestId) : null,
    // passed photos for every reader; 审核中 ones for the proposer and the grid's heads; the refused ones' count for
    // the proposer alone (server/uploads.ts, the one rule)
    imagesFor(data, p.photos, { personId: me, leads: manages(standing) }),
  ])
  const iSupport = !!mine?.active
  const isProposer = !!me && p.proposerId === me
  const open = p.status === 'open'
  return {
    id: p._id,
    gridId: p.gridId,
    gridName: grid.name,
    title: p.title,
    text: p.text,
    photos: images.photos,
    checkingPhotos: images.checking,
    withheldPhotos: images.withheld,
    proposer: p.proposerName,
    isProposer,
    status: p.status,
    supports: p.supports,
    threshold: thresholdOf(settings),
    iSupport,
    canSupport: open && isMember(standing) && !isProposer && !iSupport,
    canWithdraw: open && iSupport,
    canManage: manages(standing) && (open || (p.status === 'agenda' && !p.meetingId)),
    request: request ? { id: request._id, title: requestTitle(request.description) } : null,
    history: p.history.map((h) => ({ status: h.status, at: iso(h.at), by: h.byName, note: h.note })),
    declineReason: p.declineReason,
    decision: p.decision
      ? {
          outcome: p.decision.outcome,
          reason: p.decision.reason,
          at: iso(p.decision.at),
          meetingId: p.decision.meetingId,
          noticeId: p.decision.noticeId,
          taskId: p.decision.taskId,
        }
      : null,
    createdAt: iso(p.createdAt),
  }
}
