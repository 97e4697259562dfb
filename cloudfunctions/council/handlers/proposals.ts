/**
 * council.similar, propose, proposals, proposal: raising a matter for one's grid (议题) and reading the grid's.
 * A proposal's id is proposalId(proposer, tapId): a double tap or a retried propose writes nothing more and answers
 * the same id (finishing the photos' attach a failed first try left).
 */
import { COUNCIL_LIMITS } from '../../../core/contract/council'
import { actorLabel, isMember } from '../../../core/council/members'
import { mostSimilar } from '../../../core/council/similar'
import { thresholdOf } from '../../../core/council/support'
import { proposalId } from '../../../core/ids'
import type { ProposalDoc } from '../../../core/model'
import { ancestorAt } from '../../../core/units'
import { keysetCursor, parseKeysetCursor } from '../../../core/requests/cursor'
import { checkText } from '../../../server/content-check'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import type { Action } from '../../../server/router'
import { attachAndCheck, checkAttachable } from '../../../server/uploads'
import { detailOf, proposalOr404, readableGrid, rowOf } from '../access'

export const similar: Action<'council', 'similar'> = {
  async handle({ payload, caller, data }) {
    await readableGrid(data, caller, payload.gridId)
    const open = await data.proposals.newestOpen(payload.gridId, COUNCIL_LIMITS.similarScan)
    const found = mostSimilar(payload, open, COUNCIL_LIMITS.similarShown)
    return {
      rows: found.map(({ candidate: p, score }) => ({ id: p._id, title: p.title, supports: p.supports, score })),
    }
  },
}

/** The photos a first try wrote but did not attach are attached now. */
async function finishAttach(data: Data, p: ProposalDoc, openid: string): Promise<void> {
  if (!p.photos.length) return
  const left = (await data.uploads.byFileIDs(p.photos)).filter(
    (u) => u.state === 'uploaded' && u.ownerId === p.proposerId,
  )
  if (left.length)
    await attachAndCheck(data, left, { kind: 'proposal', id: p._id, unitId: p.gridId, unitPath: p.gridPath }, openid)
}

export const propose: Action<'council', 'propose'> = {
  async handle({ payload, caller, data }) {
    const person = caller.person
    if (!person || !caller.openid) throw new AppError('NOT_REGISTERED')
    const id = proposalId(person._id, payload.tapId)
    const filed = await data.proposals.get(id)
    if (filed) {
      await finishAttach(data, filed, caller.openid)
      return { id }
    }
    const { grid, standing } = await readableGrid(data, caller, payload.gridId)
    if (!isMember(standing)) throw new AppError('COUNCIL_NOT_MEMBER')
    if (payload.requestId) {
      const r = await data.requests.get(payload.requestId)
      if (!r || (r.reporterId !== person._id && r.gridId !== grid._id)) throw new AppError('PROPOSAL_REQUEST_INVALID')
    }
    // refused text: CONTENT_RISKY; someone else's or a used photo: UPLOAD_NOT_YOURS / UPLOAD_INVALID — nothing written
    await checkText(caller.openid, payload.title, payload.text)
    const uploads = await checkAttachable(data, caller, 'proposal', payload.photos)
    const now = new Date()
    const by = actorLabel(standing, person.name)
    const doc: ProposalDoc = {
      _id: id,
      gridId: grid._id,
      gridPath: grid.path,
      communityId: ancestorAt(grid.path, 'community') ?? '',
      title: payload.title,
      text: payload.text,
      photos: payload.photos,
      requestId: payload.requestId ?? null,
      proposerId: person._id,
      proposerName: by,
      status: 'open',
      stage: 'open',
      stageAt: now,
      supports: 0,
      agendaBy: null,
      declineReason: '',
      history: [{ status: 'open', at: now, byId: person._id, byName: by, note: '' }],
      meetingId: null,
      decision: null,
      createdAt: now,
      updatedAt: now,
    }
    const wrote = await data.transaction(async (tx) => {
      if (await tx.proposals.get(id)) return false
      const { _id, ...fields } = doc
      await tx.proposals.set(_id, fields)
      return true
    })
    if (wrote && uploads.length)
      await attachAndCheck(
        data,
        uploads,
        { kind: 'proposal', id, unitId: grid._id, unitPath: grid.path },
        caller.openid,
      )
    return { id }
  },
}

export const proposals: Action<'council', 'proposals'> = {
  async handle({ payload, caller, data }) {
    const { grid, standing } = await readableGrid(data, caller, payload.gridId)
    const after = payload.cursor ? parseKeysetCursor(payload.cursor) : undefined
    if (after === null) throw new AppError('INVALID_PAYLOAD', '翻页位置不对，请刷新')
    const [page, settings] = await Promise.all([
      data.proposals.inStage(grid._id, payload.stage, after, payload.pageSize),
      data.councilSettings.get(grid._id),
    ])
    const last = page.rows[page.rows.length - 1]
    return {
      gridName: grid.name,
      rows: page.rows.map((p) => rowOf(p, caller.person?._id)),
      nextCursor: page.more && last ? keysetCursor(last.stageAt, last._id) : null,
      threshold: thresholdOf(settings),
      canPropose: isMember(standing),
      canSetThreshold:
        standing.head === 'gridChief' || caller.grants.some((g) => g.role === 'communityStaff' && standing.staff),
    }
  },
}

export const proposal: Action<'council', 'proposal'> = {
  async handle({ payload, caller, data }) {
    const { proposal: p, grid, standing } = await proposalOr404(data, caller, payload.proposalId)
    return detailOf(data, caller, p, grid, standing)
  },
}
