/** The claim form's client-side check: the contract's own schema, with one Chinese hint per field. */
import { FIELD_LIMITS } from '../../../core/contract/fields'
import { joinPayloads } from '../../../core/contract/join'
import type { ClaimInput } from '../../services/join'

export type ClaimField = 'microgridId' | 'entrance' | 'room' | 'name' | 'phone'
export type ClaimDraft = Record<ClaimField, string>

const HINTS: Record<ClaimField, string> = {
  microgridId: '请选择楼栋',
  entrance: '请填写单元（没有单元填 1）',
  room: '请填写房号，如 402',
  name: '请填写你的姓名',
  phone: `手机号应为 ${FIELD_LIMITS.phone} 位数字`,
}

/**
 * The payload to send, or the first problem of each field (keyed by field). With `phoneCode` (WeChat's
 * 手机号快速验证) the typed phone is not sent: the function gets the number from WeChat.
 */
export function checkClaim(
  draft: ClaimDraft,
  token: string | undefined,
  phoneCode?: string,
): { ok: true; input: ClaimInput } | { ok: false; errors: Partial<Record<ClaimField, string>> } {
  const input: ClaimInput = {
    ...(token ? { token } : {}),
    microgridId: draft.microgridId,
    entrance: draft.entrance.trim(),
    room: draft.room.trim(),
    name: draft.name.trim(),
    ...(phoneCode ? { phoneCode } : { phone: draft.phone.trim() }),
  }
  const parsed = joinPayloads.claimHousehold.safeParse(input)
  if (parsed.success) return { ok: true, input }
  const errors: Partial<Record<ClaimField, string>> = {}
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as ClaimField
    if (field in HINTS && !errors[field]) errors[field] = HINTS[field]
  }
  return { ok: false, errors }
}
