/**
 * The demo emergency's notice (issue 12 announcements): 寒潮防冻's instructions as emergency.declare publishes them — an
 * urgent notice asking 收到 over 和平里社区, signed by the staff persona, named sourceNoticeId(emergency, id, declare),
 * its delivery job already done (no subscriber was due when it went out) — so the banner and 应急须知 link to it
 * and every resident of the community can press 收到 and watch its reach move. Part of its households have pressed
 * it already (emulator/seed/receipts.ts); no persona's has.
 */
import { declareNotice, EMERGENCY_NOTICE_DAYS } from '../../core/emergency/announce'
import { sourceNoticeId } from '../../core/ids'
import type { DeliveryDoc, EmergencyDoc, NoticeDoc, PersonDoc } from '../../core/model'
import { originLine } from '../../core/notices/origin'
import type { Unit } from '../../core/units'

export const demoNoticeId = (emergencyId: string): string => sourceNoticeId('emergency', emergencyId, 'declare')

export function seedEmergencyNotice(
  e: EmergencyDoc,
  staff: PersonDoc,
  community: Unit,
): { notices: NoticeDoc[]; deliveries: DeliveryDoc[] } {
  const id = demoNoticeId(e._id)
  const at = new Date(e.declaredAt)
  return {
    notices: [
      {
        _id: id,
        ...declareNotice(e, at),
        images: [],
        urgency: 'urgent',
        ackRequired: true,
        unitIds: [community._id],
        unitPaths: [community.path],
        publisherId: staff._id,
        origin: originLine(community.name, staff.name),
        publishedAt: at,
        expiresAt: new Date(+new Date(e.startAt) + EMERGENCY_NOTICE_DAYS * 86_400_000),
        source: { kind: 'emergency', id: e._id },
      },
    ],
    deliveries: [
      {
        _id: id,
        noticeId: id,
        status: 'done',
        unitIndex: 0,
        after: '',
        sent: 0,
        lockedUntil: new Date(0),
        createdAt: at,
        due: 0,
        shards: 0,
        doneAt: at,
      },
    ],
  }
}
