/**
 * A community's volunteering rules: `rulesFor` is how every handler that applies one reads it (one read by id;
 * nothing stored → the defaults), points.rules shows them to the community's leaders, and points.updateRules lets
 * its staff replace them — in one transaction with the audit entry that says what changed, refused when someone
 * changed them since the editor read them (version).
 */
import type { RulesView } from '../../../core/contract'
import type { PointsSettingsDoc } from '../../../core/model'
import { PERMISSIONS, allows } from '../../../core/permissions'
import { VOLUNTEER_RULES, type VolunteerRules } from '../../../core/points/rules'
import { changedRules, rulesChangeNote, rulesOf } from '../../../core/points/settings'
import { ancestorAt, type Unit } from '../../../core/units'
import { recordActInTx } from '../../../server/audit'
import type { Caller } from '../../../server/caller'
import type { Data } from '../../../server/data'
import { AppError } from '../../../server/errors'
import { expiryRule } from '../../../server/points-ledger'
import type { Action } from '../../../server/router'
import { iso } from '../../../server/views'

/** The rules in force in a community (an unknown or empty id: the defaults). */
export async function rulesFor(data: Data, communityId: string | undefined): Promise<VolunteerRules> {
  if (!communityId) return VOLUNTEER_RULES
  return rulesOf((await data.pointsSettings.get(communityId))?.rules)
}

/** The community of a unit (itself, or the one above it); INVALID_PAYLOAD for a street or a department. */
async function communityOf(data: Data, unit: Unit): Promise<Unit> {
  const id = ancestorAt(unit.path, 'community')
  const community = id ? (id === unit._id ? unit : await data.units.get(id)) : null
  if (!community) throw new AppError('INVALID_PAYLOAD', '请选择一个社区，或社区下的网格')
  return community
}

function viewOf(caller: Caller, community: Unit, doc: PointsSettingsDoc | null): RulesView {
  const rules = rulesOf(doc?.rules)
  return {
    community: { id: community._id, name: community.name },
    rules,
    defaults: VOLUNTEER_RULES,
    changed: changedRules(rules),
    defaultExpiry: expiryRule(),
    version: doc?.version ?? 0,
    updatedAt: doc ? iso(doc.updatedAt) : null,
    updatedBy: doc?.updatedByName ?? null,
    canEdit: allows(PERMISSIONS['points.updateRules'], caller.grants, community.path),
  }
}

export const rules: Action<'points', 'rules'> = {
  target: (p) => p.unitId,
  async handle({ caller, data, target }) {
    if (!target) throw new AppError('NOT_FOUND')
    const community = await communityOf(data, target)
    return viewOf(caller, community, await data.pointsSettings.get(community._id))
  },
}

export const updateRules: Action<'points', 'updateRules'> = {
  target: (p) => p.communityId,
  async handle({ payload, caller, data, target }) {
    const person = caller.person
    if (!person || !target) throw new AppError('NOT_REGISTERED')
    if (target.level !== 'community') throw new AppError('INVALID_PAYLOAD', '积分规则按社区设置，请选择一个社区')
    const next = payload.rules as VolunteerRules
    const doc = await data.transaction(async (tx) => {
      const now = new Date()
      const current = await tx.pointsSettings.get(target._id)
      if ((current?.version ?? 0) !== payload.version) throw new AppError('POINTS_RULES_STALE')
      const version = payload.version + 1
      const fields: Omit<PointsSettingsDoc, '_id'> = {
        rules: next,
        version,
        updatedAt: now,
        updatedBy: person._id,
        updatedByName: person.name,
      }
      await tx.pointsSettings.set(target._id, fields)
      await recordActInTx(
        tx,
        `rules_${target._id}_${version}`,
        caller,
        {
          action: 'points.updateRules',
          unit: target,
          subjectIds: [],
          note: rulesChangeNote(rulesOf(current?.rules), next),
        },
        now,
      )
      return { _id: target._id, ...fields }
    })
    return viewOf(caller, target, doc)
  },
}
