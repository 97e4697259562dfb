/**
 * What emergency mode says when it announces (issue 12): the notice an emergency's instructions go out with (declared,
 * then changed), and the subscribe message of a call-up to each member it reaches. Pure: the functions publish and
 * send what these return (server/notice-publish.ts, server/message-jobs.ts).
 */
import { EMERGENCY_LEVEL_LABELS } from '../contract/emergency'
import type { CallUpDoc, EmergencyDoc } from '../model'
import { beijingMinute } from '../notices/beijing-time'
import { clip } from '../notices/links'

/** How long an emergency's notice stays in the feed from its start (within the 90 days a notice may stay up). */
export const EMERGENCY_NOTICE_DAYS = 30

type Announced = Pick<EmergencyDoc, 'name' | 'level' | 'instructions' | 'startAt'>

/** The declare's notice: 【三级响应】寒潮防冻, the instructions as they are pinned (a later start said first). */
export function declareNotice(e: Announced, now: Date): { title: string; body: string } {
  const later = +new Date(e.startAt) > +now
  return {
    title: `【${EMERGENCY_LEVEL_LABELS[e.level]}】${e.name}`,
    body: later ? `自 ${beijingMinute(new Date(e.startAt))} 起。\n${e.instructions}` : e.instructions,
  }
}

/** A change of the instructions: 【应急须知更新】寒潮防冻, the new instructions. */
export const updateNotice = (e: Pick<EmergencyDoc, 'name' | 'instructions'>): { title: string; body: string } => ({
  title: `【应急须知更新】${e.name}`,
  body: e.instructions,
})

/** The notice ids of an emergency (core/ids.ts sourceNoticeId's `what`): the declare's, then the n-th change's. */
export const noticeWhat = (revision: number): string => (revision ? `update${revision}` : 'declare')

/** The page a call-up's message opens: 我的应急力量 (src/routes.ts reserveMine), where the member answers. */
export const RESERVE_MINE_PAGE = 'emergency/reserve/mine/index'

/**
 * The call-up template (一次性订阅; a real deployment replaces the id with its 公众平台 one, docs/deploy.md): thing at
 * most 20 characters, time a date and time.
 */
export const CALLUP_TEMPLATE = {
  id: 'wgt-callup',
  fields: { emergency: 'thing1', unit: 'thing2', message: 'thing3', createdAt: 'time4' },
} as const

/** What a call-up's messages are spent on: a resumed or overlapping firing never spends a second one on a member. */
export const callUpPurpose = (callUpId: string): string => `callUp:${callUpId}`

/** The message calling one member up; every field cut to its limit. */
export function callUpMessage(
  c: Pick<CallUpDoc, 'emergencyName' | 'unitName' | 'message' | 'createdAt'>,
  to: { openid: string; templateId: string },
) {
  const f = CALLUP_TEMPLATE.fields
  return {
    touser: to.openid,
    templateId: to.templateId,
    page: RESERVE_MINE_PAGE,
    miniprogramState: 'formal',
    data: {
      [f.emergency]: { value: clip(c.emergencyName, 20) },
      [f.unit]: { value: clip(c.unitName, 20) },
      [f.message]: { value: clip(c.message, 20) },
      [f.createdAt]: { value: beijingMinute(new Date(c.createdAt)) },
    },
  }
}
